// Not one report: a site's listing page and a compilation of many reports are skipped; every real,
// seed and demo report is still read as a report.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../config/paths.js';
import { extractText } from '../indexer/extract.js';
import { createFormatReader } from '../indexer/formatReader.js';
import { NotAReportError, readReport } from '../indexer/readReport.js';
import { shapeOf } from '../indexer/reportShape.js';
import { SHARED_REAL, SHARED_SEEDS, sharedReportFiles } from './helpers/shared.js';

const source = (fileName: string) => ({ reportId: 'r', source: fileName, fileName, contentHash: 'h' });
const asText = (text: string) => ({ text, isHtml: false, format: 'txt', encoding: 'utf-8', warnings: [] }) as never;
const refusalOf = (text: string): NotAReportError => {
  try {
    readReport(asText(text), source('page.txt'));
  } catch (error) {
    if (error instanceof NotAReportError) return error;
    throw error;
  }
  throw new Error('read as a report');
};

const BODY = [
  '一、概述',
  '本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。',
  '二、主动公开政府信息情况',
  '全年主动公开信息120条；依申请公开办理5件。',
  '三、存在的主要问题及改进情况',
  '公开的及时性还需提高；下一步将加强培训。',
].join('\n');

describe('a listing page', () => {
  const LISTING = [
    '首页 > 政府信息公开 > 年度报告',
    '某某县2023年政府信息公开工作年度报告 2024-01-20',
    '某某县2022年政府信息公开工作年度报告 2023-01-18',
    '某某县发展和改革局2023年政府信息公开工作年度报告 2024-01-25',
    '某某县教育局2023年政府信息公开工作年度报告 2024-01-26',
    '某某县2021年政府信息公开工作年度报告 2022-01-19',
    '共5条 1/1页',
  ].join('\n');

  it('is skipped as not a report, saying it is a list of reports', () => {
    const refused = refusalOf(LISTING);
    expect(refused.code).toBe('not-a-report');
    expect(refused.message).toContain('list of reports');
  });

  it('a page with no sentence at all is not a report either', () => {
    expect(refusalOf('政府信息公开\n年度报告\n返回顶部').message).toContain('no sentence');
  });
});

describe('a compilation', () => {
  it('of reports of different organs or years is skipped as compilation, naming how many it holds', () => {
    const text = [
      '某某县2023年政府信息公开工作年度报告',
      BODY,
      '某某县教育局2023年政府信息公开工作年度报告',
      BODY,
      '某某县2022年政务公开年报',
      BODY,
    ].join('\n');
    const refused = refusalOf(text);
    expect(refused.code).toBe('compilation');
    expect(refused.message).toContain('holds 3 reports');
  });

  it('is not a report whose title is written twice (page title, table cell, hard-wrapped heading)', () => {
    const text = [
      '名称 | 沭阳县发展和改革局2023年政府信息公开年度报告',
      '沭阳县发展和改革局2023年政府信息',
      '公开工作年度报告',
      '2023年政府信息公开工作年度报告',
      BODY,
    ].join('\n');
    expect(shapeOf(text)).toEqual({ kind: 'report' });
  });
});

describe('every real, seed and demo report', () => {
  const reader = createFormatReader();
  afterAll(() => reader.close());
  // The demo's non-reports are its deliberate failures (README's skip codes), not reports.
  const demoDir = projectPath('fixtures', 'demo', 'reports');
  const NOT_REPORTS = new Set(['empty.txt', '2021_scanned-report-actually-pdf.txt', '2018_hunan-changsha-yuelu-qu-gov.doc']);
  const files = [
    ...sharedReportFiles([SHARED_SEEDS, SHARED_REAL]),
    // ../shared is read only where it exists (a developer's machine); CI has the demo alone.
    ...(existsSync(join(SHARED_REAL, 'pdf')) ? readdirSync(join(SHARED_REAL, 'pdf')) : [])
      .filter((n) => n.endsWith('.pdf'))
      .map((n) => join(SHARED_REAL, 'pdf', n)),
    ...readdirSync(demoDir)
      .filter((n) => !n.startsWith('.') && !NOT_REPORTS.has(n))
      .map((n) => join(demoDir, n)),
  ];

  it('is still read as a report', { timeout: 120_000 }, async () => {
    expect(files.length).toBeGreaterThanOrEqual(existsSync(SHARED_REAL) ? 50 : 20);
    const refused: string[] = [];
    for (const file of files) {
      const text = await extractText(readFileSync(file), basename(file), reader);
      try {
        readReport(text, source(basename(file)));
      } catch (error) {
        if (!(error instanceof NotAReportError)) throw error;
        refused.push(`${basename(file)}: ${error.message}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
