// The provenance stage: what a file states about its origin, and how the sources are ranked.
import { describe, expect, it } from 'vitest';
import { findStatedSource, formatOfFileName, NOTHING_STATED, resolveProvenance, type StatedSource } from '../indexer/provenance.js';
import { isHttpUrl } from '../core/report.js';

const URL_A = 'https://www.example.gov.cn/art/2022/1/28/art_1_123.html';
const URL_B = 'http://scjg.xm.gov.cn/zwgk/ndbg/201801/t20180125_1830421.htm';

const page = (head: string, body = '<p>政府信息公开工作年度报告</p>'): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe('findStatedSource on HTML', () => {
  it.each<[string, string, Pick<StatedSource, 'url' | 'from'>]>([
    ['a canonical link', page(`<link rel="canonical" href="${URL_A}">`), { url: URL_A, from: 'html-canonical' }],
    ['attributes in any order, single quotes', page(`<link href='${URL_A}' rel='canonical' />`), { url: URL_A, from: 'html-canonical' }],
    ['unquoted attributes and upper case', page(`<LINK REL=Canonical HREF=${URL_A}>`), { url: URL_A, from: 'html-canonical' }],
    ['rel with several tokens', page(`<link rel="alternate canonical" href="${URL_A}">`), { url: URL_A, from: 'html-canonical' }],
    [
      'character references in the address',
      page(`<link rel="canonical" href="https://x.gov.cn/a?b=1&amp;c=2">`),
      { url: 'https://x.gov.cn/a?b=1&c=2', from: 'html-canonical' },
    ],
    ['spaces around the address', page(`<link rel="canonical" href="  ${URL_A} ">`), { url: URL_A, from: 'html-canonical' }],
    ['og:url as property', page(`<meta property="og:url" content="${URL_A}">`), { url: URL_A, from: 'og-url' }],
    ['og:url as name', page(`<meta name="og:url" content="${URL_A}">`), { url: URL_A, from: 'og-url' }],
    [
      'canonical before og:url whatever the order',
      page(`<meta property="og:url" content="${URL_B}"><link rel="canonical" href="${URL_A}">`),
      { url: URL_A, from: 'html-canonical' },
    ],
    [
      'a relative canonical falls back to og:url',
      page(`<link rel="canonical" href="/art/1.html"><meta property="og:url" content="${URL_B}">`),
      { url: URL_B, from: 'og-url' },
    ],
    ['a relative canonical alone: nothing', page('<link rel="canonical" href="/art/1.html">'), { url: null, from: null }],
    ['a protocol-relative canonical: nothing', page('<link rel="canonical" href="//www.gov.cn/a.html">'), { url: null, from: null }],
    ['a javascript: canonical: nothing', page('<link rel="canonical" href="javascript:alert(1)">'), { url: null, from: null }],
    ['an ftp canonical: nothing', page('<link rel="canonical" href="ftp://x.gov.cn/a">'), { url: null, from: null }],
    ['a canonical inside a comment: nothing', page(`<!-- <link rel="canonical" href="${URL_A}"> -->`), { url: null, from: null }],
    [
      'a canonical written by a script: nothing',
      page(`<script>document.write('<link rel="canonical" href="${URL_A}">')</script>`),
      { url: null, from: null },
    ],
    ['a canonical in the body: nothing', page('', `<link rel="canonical" href="${URL_A}">`), { url: null, from: null }],
    ['a stylesheet link: nothing', page('<link rel="stylesheet" href="https://x.gov.cn/a.css">'), { url: null, from: null }],
    [
      'a ">" inside a quoted attribute',
      page(`<meta name="description" content="a > b"><link rel="canonical" href="${URL_A}">`),
      { url: URL_A, from: 'html-canonical' },
    ],
    ['no head at all', `<link rel="canonical" href="${URL_A}"><p>年度报告</p>`, { url: URL_A, from: 'html-canonical' }],
  ])('%s', (_, html, expected) => {
    expect(findStatedSource(html, true)).toMatchObject(expected);
  });

  it('reads no crawler header from an HTML page', () => {
    const html = `来源: ${URL_A}\n==== 正文 ====\n<p>年度报告</p>`;
    expect(findStatedSource(html, true)).toEqual(NOTHING_STATED);
  });
});

const dump = (...header: string[]): string =>
  [...header, '==== 正文 ====', '某某局2019年政府信息公开工作年度报告', '一、总体情况'].join('\n');

describe('findStatedSource on a crawler dump', () => {
  it.each<[string, string, StatedSource]>([
    [
      '来源 holding an address, 采集时间',
      dump('标题: 报告', `来源: ${URL_B}`, '采集时间: 2024-06-18T10:22:41+08:00'),
      { url: URL_B, from: 'crawler-header', retrievedAt: '2024-06-18', publisher: null },
    ],
    [
      '原文链接 over 来源',
      dump(`来源: ${URL_B}`, `原文链接: ${URL_A}`),
      { url: URL_A, from: 'crawler-header', retrievedAt: null, publisher: null },
    ],
    [
      '原文地址 with a full-width colon',
      dump(`原文地址：${URL_A}`),
      { url: URL_A, from: 'crawler-header', retrievedAt: null, publisher: null },
    ],
    ['URL in any case', dump(`url: ${URL_A}`), { url: URL_A, from: 'crawler-header', retrievedAt: null, publisher: null }],
    ['链接', dump(`链接: ${URL_A}`), { url: URL_A, from: 'crawler-header', retrievedAt: null, publisher: null }],
    [
      '来源 naming the publisher',
      dump('来源: 厦门市人民政府网站', '抓取时间: 2024年6月18日 10:22'),
      { url: null, from: null, retrievedAt: '2024-06-18', publisher: '厦门市人民政府网站' },
    ],
    [
      '发布机构 over 来源 for the publisher',
      dump('来源: 中国政府网', '发布机构: 水利部办公厅'),
      { url: null, from: null, retrievedAt: null, publisher: '水利部办公厅' },
    ],
    [
      'a link that is not an address',
      dump('原文链接: 见附件', `来源: ${URL_B}`),
      { url: URL_B, from: 'crawler-header', retrievedAt: null, publisher: null },
    ],
    ['a domain without a scheme is neither address nor publisher', dump('来源: www.gov.cn/zhengce'), NOTHING_STATED],
    ['a date that does not exist', dump('采集时间: 2024-02-30'), NOTHING_STATED],
    ['a time that is not a date', dump('采集时间: 昨天'), NOTHING_STATED],
    ['no 正文 marker: not a header', `来源: ${URL_B}\n采集时间: 2024-06-18\n某某局2019年政府信息公开工作年度报告`, NOTHING_STATED],
    ['a field in the body is not a header field', `某某局2019年政府信息公开工作年度报告\n==== 正文 ====\n来源: ${URL_B}`, NOTHING_STATED],
    [
      'CRLF line ends',
      dump(`来源: ${URL_B}`).replace(/\n/g, '\r\n'),
      { url: URL_B, from: 'crawler-header', retrievedAt: null, publisher: null },
    ],
  ])('%s', (_, text, expected) => {
    expect(findStatedSource(text, false)).toEqual(expected);
  });
});

describe('resolveProvenance', () => {
  const stated: StatedSource = { url: URL_B, from: 'og-url', retrievedAt: '2024-01-02', publisher: '来源网站' };
  const manifest = { url: URL_A, retrievedAt: '2023-05-06', publisher: '某某局' };
  it.each([
    [
      'the manifest first, field by field',
      { manifest, stated, extracted: { format: 'html' as const, sourceUrl: null } },
      { format: 'html', sourceUrl: URL_A, sourceUrlFrom: 'manifest', retrievedAt: '2023-05-06', publisher: '某某局' },
    ],
    [
      'the file where the manifest is silent',
      { manifest: { url: null, retrievedAt: null, publisher: '某某局' }, stated, extracted: { format: 'html' as const, sourceUrl: null } },
      { format: 'html', sourceUrl: URL_B, sourceUrlFrom: 'og-url', retrievedAt: '2024-01-02', publisher: '某某局' },
    ],
    [
      'PDF metadata when nothing else says',
      { manifest: null, stated: NOTHING_STATED, extracted: { format: 'pdf' as const, sourceUrl: URL_A } },
      { format: 'pdf', sourceUrl: URL_A, sourceUrlFrom: 'pdf-metadata', retrievedAt: null, publisher: null },
    ],
    [
      'DOCX metadata when nothing else says',
      { manifest: null, stated: NOTHING_STATED, extracted: { format: 'docx' as const, sourceUrl: URL_A } },
      { format: 'docx', sourceUrl: URL_A, sourceUrlFrom: 'docx-metadata', retrievedAt: null, publisher: null },
    ],
    [
      'the file over document metadata',
      { manifest: null, stated, extracted: { format: 'pdf' as const, sourceUrl: URL_A } },
      { format: 'pdf', sourceUrl: URL_B, sourceUrlFrom: 'og-url', retrievedAt: '2024-01-02', publisher: '来源网站' },
    ],
    [
      'metadata that is not an http(s) address is dropped',
      { manifest: null, stated: NOTHING_STATED, extracted: { format: 'pdf' as const, sourceUrl: 'file:///C:/报告.pdf' } },
      { format: 'pdf', sourceUrl: null, sourceUrlFrom: null, retrievedAt: null, publisher: null },
    ],
    [
      'nothing stated: nothing',
      { manifest: null, stated: NOTHING_STATED, extracted: { format: 'txt' as const, sourceUrl: null } },
      { format: 'txt', sourceUrl: null, sourceUrlFrom: null, retrievedAt: null, publisher: null },
    ],
  ])('%s', (_, sources, expected) => {
    expect(resolveProvenance(sources)).toEqual(expected);
  });
});

describe('formatOfFileName', () => {
  it.each([
    ['a.txt', 'txt'],
    ['a.TXT', 'txt'],
    ['a.md', 'md'],
    ['a.htm', 'html'],
    ['a.html', 'html'],
    ['报告.pdf', 'pdf'],
    ['a.docx', 'docx'],
    ['a.doc', 'doc'],
    ['a.wps', 'wps'],
    ['a.ofd', 'ofd'],
    ['a.xls', null],
    ['noextension', null],
    ['dir.pdf/a', null],
  ])('%s → %s', (name, format) => {
    expect(formatOfFileName(name)).toBe(format);
  });
});

describe('isHttpUrl', () => {
  it.each([
    [URL_A, true],
    [URL_B, true],
    ['HTTPS://WWW.GOV.CN/', true],
    ['https://www.gov.cn/政策/报告.html', true],
    ['https://x.gov.cn:8080/a?b=1#c', true],
    ['ftp://x.gov.cn/a', false],
    ['javascript:alert(1)', false],
    ['//x.gov.cn/a', false],
    ['/art/1.html', false],
    ['http:x.gov.cn', false],
    ['https://', false],
    ['https://x.gov.cn/a b', false],
    ['https://user:secret@x.gov.cn/', false],
    ['data:text/html,<b>x</b>', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});
