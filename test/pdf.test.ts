import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../indexer/formats/pdf.js';
import { ExtractError } from '../indexer/formats/types.js';

const FIXTURES = new URL('../fixtures/formats/pdf/', import.meta.url);
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(file, FIXTURES)));
const PAGE_NUMBER_LINE = /^(?:[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页.*|\d+)$/;

describe('extractPdf', () => {
  it.each([
    {
      file: 'anji-2012-narrow.pdf',
      lines: [
        '安吉县人民政府2012年政府信息公开工作年度报告',
        '五、因政府信息公开申请行政复议、提起行政诉讼的情况',
        '六、存在的主要问题和改进措施',
      ],
      phrases: ['9624条', '安吉县人民政府办公室'],
      sourceUrl: 'https://www.anji.gov.cn/art/2013/3/12/art_1229_1.html',
    },
    {
      file: 'anji-2020-tables.pdf',
      lines: [
        '四、政府信息公开行政复议、行政诉讼情况',
        '规范性文件 | 18 | 18 | 146',
        '一、本年新收政府信息公开申请数量 | 79 | 6 | 0 | 0 | 2 | 0 | 87',
      ],
      phrases: ['行政许可 | 412'],
      sourceUrl: null,
    },
    {
      file: 'wuzhen-2019-blocks.pdf',
      lines: ['三、收到和处理政府信息公开申请情况', '政府集中采购 | 6 | 182.4'],
      phrases: ['0573-88731205'],
      sourceUrl: null,
    },
    {
      file: 'wuzhen-2019-rotated.pdf',
      lines: ['三、收到和处理政府信息公开申请情况', '政府集中采购 | 6 | 182.4'],
      phrases: ['0573-88731205'],
      sourceUrl: null,
    },
    {
      file: 'qingdao-2022-landscape.pdf',
      lines: ['青岛市人民政府2022年政府信息公开工作年度报告', '四、政府信息公开行政复议、行政诉讼情况'],
      phrases: ['王喆', '数据开放平台试运行'],
      sourceUrl: null,
    },
  ])('$file: phrases present, headings whole on one line, no page furniture', async ({ file, lines, phrases, sourceUrl }) => {
    const result = await extractPdf(bytesOf(file));
    const textLines = result.text.split('\n');
    for (const line of lines) expect(textLines).toContain(line);
    for (const phrase of phrases) expect(result.text).toContain(phrase);
    expect(textLines.filter((line) => PAGE_NUMBER_LINE.test(line.trim()))).toEqual([]);
    expect(result).toMatchObject({ format: 'pdf', isHtml: false, pages: 5, ocr: false, sourceUrl });
  });

  it('reads a Chromium print (Type 3 fonts, radical code points, letter spacing, print header and footer, 红头)', async () => {
    const result = await extractPdf(bytesOf('chromium-2021-redhead.pdf'));
    const textLines = result.text.split('\n');
    for (const line of [
      '赤峰市阿鲁科尔沁旗人民政府文件',
      '赤峰政办〔2024〕1号',
      '赤峰市阿鲁科尔沁旗人民政府2021年度政府信息公开工作报告',
      '一、总体情况',
      '2021年，我旗认真贯彻落实《中华人民共和国政府信息公开条例》，取得了较好的社会效果。',
      '2021年，我旗共主动公开政府信息151条，其中通过门戶网站公开91条。',
      '三、其他需要报告的事项',
      '阿鲁科尔沁旗人民政府办公室',
      '2022年1月20日',
    ]) {
      expect(textLines).toContain(line);
    }
    // The browser's furniture: the print date and page title on top, the file address and "1/3" below.
    expect(result.text).not.toMatch(/file:|\d\/3|[AP]M/);
    expect(result).toMatchObject({ pages: 3, warnings: [] });
  });

  it('reads a page shown sideways (/Rotate 90) exactly as the upright one', async () => {
    const upright = await extractPdf(bytesOf('wuzhen-2019-blocks.pdf'));
    const rotated = await extractPdf(bytesOf('wuzhen-2019-rotated.pdf'));
    expect(rotated.text).toBe(upright.text);
  });

  it.each([
    { file: 'broken-truncated.pdf', code: 'malformed', message: /re-download/ },
    { file: 'broken-html-saved-as.pdf', code: 'malformed', message: /damaged/ },
    { file: 'encrypted-password.pdf', code: 'encrypted', message: /password/ },
    { file: 'scanned-2-pages.pdf', code: 'no-text-layer', message: /2 pages of images.*--ocr/ },
  ])('$file fails with $code', async ({ file, code, message }) => {
    const failure = await extractPdf(bytesOf(file)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExtractError);
    expect(failure).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('does not detach or change the caller’s bytes', async () => {
    const bytes = bytesOf('anji-2012-narrow.pdf');
    const copy = bytes.slice();
    await extractPdf(bytes);
    expect(bytes).toEqual(copy);
  });
});
