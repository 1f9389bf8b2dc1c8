import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean } from '../indexer/clean.js';
import { extractDoc } from '../indexer/formats/doc.js';
import { extractDocx } from '../indexer/formats/docx.js';
import type { ExtractErrorCode, ExtractedText } from '../indexer/formats/types.js';
import { readReport } from '../indexer/readReport.js';
import type { Report } from '../core/report.js';
import { formatFixture as fixture, refusal } from './helpers/formats.js';

const demo = (name: string): Buffer => readFileSync(new URL(`../fixtures/demo/reports/${name}`, import.meta.url));

/** The cleaned text of an extraction, as the pipeline will see it. */
const cleaned = (extracted: ExtractedText): string => clean(extracted).text;

/** An extraction through the text stages (clean → metadata → sections), as the index run reads it. */
const reportOf = (extracted: ExtractedText, fileName: string): Report =>
  readReport({ ...extracted, encoding: null }, { reportId: 'r', source: fileName, fileName, contentHash: 'h' });

const headingsOf = (report: Report): string[] => report.sections.slice(1).map((s) => s.heading);

/** Phrases of the 水利部 2021 report the fixtures were made from: title, prose, headings, a table cell. */
const PHRASES = [
  '水利部2021年政府信息公开工作年度报告',
  '本报告电子版可在水利部门户网站“政府信息公开”专栏查阅。',
  '二、主动公开政府信息情况',
  '拟公开信息在发布前履行保密审查程序',
  '六、其他需要报告的事项',
  '3.危及“三安全一稳定”',
  '水利部办公厅',
];

/** Table rows, each one line of cells joined by " | ". */
const ROWS = [
  '规章 | 3 | 2 | 87',
  '行政规范性文件 | 9 | 4 | 61',
  '行政许可 | 3862',
  '二、上年结转政府信息公开申请数量 | 7 | 1 | 0 | 0 | 1 | 0 | 9',
];

describe('extractDocx', () => {
  it("gives mammoth's HTML with format docx and no pages", async () => {
    const extracted = await extractDocx(fixture('report-tables.docx'));
    expect(extracted).toMatchObject({ format: 'docx', isHtml: true, pages: null, ocr: false, warnings: [] });
    expect(extracted.text).toMatch(/^<h1>|<table>/);
  });

  it.each(PHRASES)('keeps %s', async (phrase) => {
    expect(cleaned(await extractDocx(fixture('report-tables.docx')))).toContain(phrase);
  });

  it.each(ROWS)('renders the table row "%s" on one line after clean', async (row) => {
    expect(cleaned(await extractDocx(fixture('report-tables.docx'))).split('\n')).toContain(row);
  });

  it('reads the address in dc:identifier as the source URL', async () => {
    expect((await extractDocx(fixture('report-tables.docx'))).sourceUrl).toBe(
      'http://www.mwr.gov.cn/zwgk/zfxxgk/ndbg/202201/t20220128_1570001.html',
    );
  });

  it.each<[string, ExtractErrorCode, RegExp]>([
    ['pdf-renamed.docx', 'wrong-format', /is a PDF.*rename it \.pdf/],
    ['text-renamed.docx', 'wrong-format', /is plain text/],
    ['attachments.zip', 'wrong-format', /a zip archive, not a Word document.*no word\/document\.xml/],
    ['report-tables.doc', 'wrong-format', /Word 97–2003 document under a \.docx name/],
    ['statistics.xls', 'wrong-format', /OLE compound file/],
    ['truncated.docx', 'malformed', /damaged.*truncated/],
    ['encrypted.docx', 'encrypted', /password-protected/],
    ['zip-bomb.docx', 'too-large', /zip bomb/],
  ])('refuses %s as %s', async (file, code, message) => {
    const started = performance.now();
    const error = await refusal(extractDocx(fixture(file)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('extractDoc', () => {
  it('gives plain text with format doc', async () => {
    expect(await extractDoc(fixture('report-tables.doc'), 'doc')).toMatchObject({
      format: 'doc',
      isHtml: false,
      pages: null,
      sourceUrl: null,
      warnings: [],
    });
  });

  it.each(PHRASES)('keeps %s, quotes as written', async (phrase) => {
    expect(cleaned(await extractDoc(fixture('report-tables.doc'), 'doc'))).toContain(phrase);
  });

  it.each(ROWS)('rebuilds the table row "%s" from word-extractor\'s tabs', async (row) => {
    expect(cleaned(await extractDoc(fixture('report-tables.doc'), 'doc')).split('\n')).toContain(row);
  });

  it('puts the heading after a table on its own line', async () => {
    expect(cleaned(await extractDoc(fixture('report-tables.doc'), 'doc')).split('\n')).toContain('四、政府信息公开行政复议、行政诉讼情况');
  });

  it('reads a WPS file stored as Word 97 with format wps', async () => {
    const extracted = await extractDoc(fixture('report-tables.wps'), 'wps');
    expect(extracted.format).toBe('wps');
    expect(cleaned(extracted)).toContain('水利部2021年政府信息公开工作年度报告');
  });

  it('reads a DOCX under a .doc name through extractDocx, and says so', async () => {
    const extracted = await extractDoc(fixture('docx-renamed.doc'), 'doc');
    expect(extracted).toMatchObject({ format: 'docx', isHtml: true });
    expect(extracted.warnings[0]).toMatch(/is a DOCX/);
    expect(cleaned(extracted).split('\n')).toContain('规章 | 3 | 2 | 87');
  });

  it('reads a web page under a .doc name as HTML, decoded from its declared charset', async () => {
    const extracted = await extractDoc(fixture('html-renamed.doc'), 'doc');
    expect(extracted).toMatchObject({ format: 'doc', isHtml: true });
    expect(extracted.warnings[0]).toMatch(/web page/);
    expect(cleaned(extracted)).toContain('青岛市人民政府2022年政府信息公开工作年度报告');
  });

  it.each<[string, 'doc' | 'wps', ExtractErrorCode, RegExp]>([
    ['rtf-renamed.doc', 'doc', 'unsupported-format', /RTF.*save it as \.docx/],
    ['truncated.doc', 'doc', 'malformed', /damaged/],
    ['truncated.doc', 'wps', 'malformed', /damaged/],
    ['encrypted.doc', 'doc', 'encrypted', /password-protected/],
    ['encrypted.docx', 'doc', 'encrypted', /password-protected/],
    ['statistics.xls', 'doc', 'wrong-format', /Excel 97–2003 workbook/],
    ['pdf-renamed.docx', 'doc', 'wrong-format', /is a PDF/],
    ['text-renamed.docx', 'wps', 'wrong-format', /plain text/],
  ])('refuses %s (as .%s) as %s', async (file, format, code, message) => {
    const error = await refusal(extractDoc(fixture(file), format));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('says a WPS file without a Word stream is one this reader cannot open', async () => {
    // An OLE file that is neither Word nor Excel: the encrypted DOCX container minus its stream names.
    const other = Buffer.from(fixture('encrypted.docx'));
    other.write('OtherStream\0\0\0\0\0', 512 * 2 + 128, 'utf16le');
    other.write('OtherStreamTwo\0\0\0', 512 * 2 + 256, 'utf16le');
    const error = await refusal(extractDoc(other, 'wps'));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/a WPS file this reader cannot open.*save it as \.docx in WPS/);
  });

  it("fails the demo corpus's broken .doc (an OLE header with no sector table, then bare text) as malformed", async () => {
    const error = await refusal(extractDoc(demo('2018_hunan-changsha-yuelu-qu-gov.doc'), 'doc'));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/OLE header or directory cannot be read/);
  });
});

// Features of real government Word files (fixtures/formats/README.md): automatic numbering, page
// headers and footers, footnotes, text boxes, merged and nested cells, soft line breaks, bold headings.

const TEMPLATE_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

describe('automatic numbering (numbered-headings.docx)', () => {
  const extracted = (): Promise<ExtractedText> => extractDocx(fixture('numbered-headings.docx'));

  it('writes back the numerals Word draws: 一、 from the heading styles, （一） and 1. from list paragraphs', async () => {
    const lines = cleaned(await extracted()).split('\n');
    expect(lines).toEqual(expect.arrayContaining([...TEMPLATE_HEADINGS, '1.制定救助信息公开工作细则，明确公开范围和去标识化标准。']));
    for (const start of ['（一）主动公开。', '（二）依申请公开。', '（三）政府信息管理。', '（四）平台建设。', '（五）监督保障。']) {
      expect(lines.some((l) => l.startsWith(start))).toBe(true);
    }
  });

  it('splits the report at its numbered headings, with the title over two paragraphs read whole', async () => {
    const report = reportOf(await extracted(), 'numbered-headings.docx');
    expect(headingsOf(report)).toEqual(TEMPLATE_HEADINGS);
    expect(report.sections.map((s) => s.sectionType)).toEqual([
      'preamble',
      'overview',
      'proactive',
      'requests',
      'review',
      'problems',
      'other',
    ]);
    expect(report.metadata).toMatchObject({
      title: '成都市锦江区民政局2022年政府信息公开工作年度报告',
      organ: '成都市锦江区民政局',
      year: 2022,
      province: '四川省',
      level: 'county',
      warnings: [],
    });
  });

  it('leaves the running header and the page-number footer out of the text', async () => {
    const text = cleaned(await extracted());
    expect(text).not.toContain('锦江区民政局政府信息公开工作年度报告');
    expect(text).not.toMatch(/第 ?\d+ ?页/);
  });

  it('keeps a footnote at the end, without its marks in the sentence', async () => {
    const lines = cleaned(await extracted()).split('\n');
    expect(lines).toContain('本年度未收取信息处理费。');
    expect(lines[lines.length - 1]).toBe('信息处理费按《政府信息公开信息处理费管理办法》收取。');
    expect(lines.join('\n')).not.toMatch(/\[1\]|↑/);
  });
});

describe('automatic numbering in a Word 97 file (numbered-headings.doc): a known gap', () => {
  it('keeps the text, and warns that the numbers Word draws are lost', async () => {
    const extracted = await extractDoc(fixture('numbered-headings.doc'), 'doc');
    expect(cleaned(extracted).split('\n')).toEqual(expect.arrayContaining(['总体情况', '本年度未收取信息处理费。']));
    expect(extracted.warnings).toEqual([expect.stringMatching(/numbers its paragraphs automatically.*save it as \.docx/)]);
    expect(cleaned(extracted)).not.toMatch(/锦江区民政局政府信息公开工作年度报告|第 ?\d+ ?页/); // header and footer
    const report = reportOf(extracted, 'numbered-headings.doc');
    expect(report.metadata).toMatchObject({
      title: '成都市锦江区民政局2022年政府信息公开工作年度报告',
      organ: '成都市锦江区民政局',
      year: 2022,
    });
    expect(report.sections).toHaveLength(1);
  });

  it('does not warn about numbering when the headings are typed', async () => {
    expect((await extractDoc(fixture('soft-breaks.doc'), 'doc')).warnings).toEqual([]);
  });

  it('puts footnotes after the body, as for a DOCX', async () => {
    const lines = cleaned(await extractDoc(fixture('numbered-headings.doc'), 'doc')).split('\n');
    expect(lines[lines.length - 1]).toBe('信息处理费按《政府信息公开信息处理费管理办法》收取。');
  });
});

/** 表三 of the 锦江区民政局 2022 report as merged cells render: each row one line. */
const MERGED_ROWS = [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况',
  '自然人 | 法人或其他组织 | 总计',
  '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他',
  '一、本年新收政府信息公开申请数量 | 17 | 0 | 0 | 2 | 0 | 0 | 19',
  '三、本年度办理结果 | （一）予以公开 | 7 | 0 | 0 | 1 | 0 | 0 | 8',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2',
  '（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
  '4.保护第三方合法权益 | 2 | 0 | 0 | 0 | 0 | 0 | 2',
  '四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0',
  '说明 | 本年度行政复议案件1件，经复议维持原答复。',
];

describe.each<[string, () => Promise<ExtractedText>]>([
  ['textbox-tables.docx', () => extractDocx(fixture('textbox-tables.docx'))],
  ['textbox-tables.doc', () => extractDoc(fixture('textbox-tables.doc'), 'doc')],
])('a title in a text box, merged and nested cells (%s)', (file, extract) => {
  it("reads the title in the text box as the report's title", async () => {
    const report = reportOf(await extract(), file);
    expect(report.metadata).toMatchObject({
      title: '2022年成都市锦江区民政局政府信息公开工作年度报告',
      organ: '成都市锦江区民政局',
      year: 2022,
      province: '四川省',
      level: 'county',
    });
    expect(headingsOf(report)).toEqual(TEMPLATE_HEADINGS);
  });

  it.each(MERGED_ROWS)('renders the row "%s" on one line', async (row) => {
    expect(cleaned(await extract()).split('\n')).toContain(row);
  });

  it('keeps the text of a nested table', async () => {
    const text = cleaned(await extract()).replace(/\s+/g, ' ');
    expect(text).toMatch(/行政复议 (?:\| )?结果维持 结果纠正 总计 1 0 1/);
  });
});

describe.each<[string, () => Promise<ExtractedText>]>([
  ['soft-breaks.docx', () => extractDocx(fixture('soft-breaks.docx'))],
  ['soft-breaks.doc', () => extractDoc(fixture('soft-breaks.doc'), 'doc')],
])('soft line breaks, bold headings, a full-width space or a tab after the numeral (%s)', (file, extract) => {
  it('reads the title broken by a soft line break whole', async () => {
    expect(reportOf(await extract(), file).metadata).toMatchObject({
      title: '安吉县人民政府2020年政府信息公开工作年度报告',
      organ: '安吉县人民政府',
      year: 2020,
      province: '浙江省',
      level: 'county',
    });
  });

  it('finds every heading, the one broken by a soft line break whole', async () => {
    const report = reportOf(await extract(), file);
    expect(headingsOf(report).map((h) => h.replace(/\s/g, ''))).toEqual(TEMPLATE_HEADINGS);
    expect(report.sections.map((s) => s.sectionType)).toEqual([
      'preamble',
      'overview',
      'proactive',
      'requests',
      'review',
      'problems',
      'other',
    ]);
    expect(headingsOf(report)[0]).toBe('一、\u3000总体情况');
  });

  it('keeps a heading with a tab after the numeral on one line after a table', async () => {
    expect(cleaned(await extract()).split('\n')).toContain('四、 政府信息公开行政复议、行政诉讼情况');
  });
});

describe('a generated table of contents (contents.docx)', () => {
  it('leaves the 目录 out, so each heading starts one section', async () => {
    const extracted = await extractDocx(fixture('contents.docx'));
    const report = reportOf(extracted, 'contents.docx');
    expect(headingsOf(report)).toEqual(TEMPLATE_HEADINGS);
    expect(report.metadata).toMatchObject({ title: '安吉县人民政府2020年政府信息公开工作年度报告', organ: '安吉县人民政府', year: 2020 });
    expect(cleaned(extracted).split('\n')).not.toContain('目录');
  });
});
