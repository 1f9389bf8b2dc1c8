// Provenance stage: where a report came from — its original address, the date it was downloaded,
// who published it, its format. Pure: text and records in, a value out.
//
// The order of trust for the address: a sidecar manifest (a person wrote it down), then what the file
// states about itself — an HTML page's <link rel="canonical">, then its <meta property="og:url">,
// then a crawler dump's header field (原文链接, 原文地址, 链接, URL, 来源 when it holds a URL) — then
// what a PDF or DOCX adapter read from the document's metadata. Only absolute http(s) addresses are
// kept (isHttpUrl); a relative or protocol-relative one is dropped, never completed.
//
// HTML is scanned with a small tag tokenizer rather than cheerio: clean.ts owns cheerio and its parse
// is internal to that stage, and all that is needed here are two kinds of void tags in the <head>.
// The tokenizer skips comments and raw-text elements (script, style, title …), reads attributes in any
// order, quoted or not, and decodes character references in their values.
import { DATE, dateFrom } from './chineseDates.js';
import { crawlerHeaderFields } from './clean.js';
import { isHttpUrl, type Provenance, type SourceUrlOrigin, type ReportFormat, REPORT_FORMATS } from '../core/report.js';

/** What a file states about its own origin, read from its decoded text before cleaning. */
export interface StatedSource {
  url: string | null;
  from: Extract<SourceUrlOrigin, 'html-canonical' | 'og-url' | 'crawler-header'> | null;
  /** ISO date (YYYY-MM-DD) from a crawler header's 采集时间 / 抓取时间 … */
  retrievedAt: string | null;
  /** From a crawler header's 发布机构 / 发布单位, or 来源 when that is a name. */
  publisher: string | null;
}

export const NOTHING_STATED: StatedSource = Object.freeze({ url: null, from: null, retrievedAt: null, publisher: null });

/** The origin an HTML page or a crawler dump states; nothing is guessed. */
export function findStatedSource(rawText: string, isHtml: boolean): StatedSource {
  return isHtml ? statedByHtml(rawText) : statedByCrawlerHeader(rawText);
}

// ---------------------------------------------------------------------------------------------
// HTML: <link rel="canonical" href="…"> and <meta property="og:url" content="…">

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const RAW_TEXT_ELEMENT = /<(script|style|title|textarea|template|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
/** Where the head ends: browsers honour canonical links only there. */
const HEAD_END = /<\/head\s*>|<body[\s>]/i;
const LINK_OR_META = /<(link|meta)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Only a page's beginning is read: a head longer than this is not a head. */
const MAX_HEAD_CHARS = 200_000;

function statedByHtml(html: string): StatedSource {
  const withoutRawText = html.slice(0, MAX_HEAD_CHARS).replace(COMMENT, ' ').replace(RAW_TEXT_ELEMENT, ' ');
  const headEnd = withoutRawText.search(HEAD_END);
  const head = headEnd === -1 ? withoutRawText : withoutRawText.slice(0, headEnd);
  let canonical: string | null = null;
  let ogUrl: string | null = null;
  for (const tag of head.matchAll(LINK_OR_META)) {
    const attributes = attributesOf(tag[2] ?? '');
    if (tag[1]!.toLowerCase() === 'link') {
      const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = attributes.get('href')?.trim() ?? '';
      if (canonical === null && rel.includes('canonical') && isHttpUrl(href)) canonical = href;
    } else {
      const property = (attributes.get('property') ?? attributes.get('name') ?? '').trim().toLowerCase();
      const content = attributes.get('content')?.trim() ?? '';
      if (ogUrl === null && property === 'og:url' && isHttpUrl(content)) ogUrl = content;
    }
  }
  if (canonical !== null) return { ...NOTHING_STATED, url: canonical, from: 'html-canonical' };
  if (ogUrl !== null) return { ...NOTHING_STATED, url: ogUrl, from: 'og-url' };
  return NOTHING_STATED;
}

/** Attribute names lower-cased; the first of a repeated attribute wins, as in a browser. */
function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeCharacterReferences(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeCharacterReferences(value: string): string {
  return value.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));?/g, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_REFERENCES[name.toLowerCase()] ?? whole;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

// ---------------------------------------------------------------------------------------------
// Crawler dumps: "原文链接: …", "采集时间: …", "来源: …" before "==== 正文 ===="

/** Header fields that may hold the original address, most specific first. */
const URL_FIELDS = ['原文链接', '原文地址', '原文网址', '链接', '网址', 'url', '来源'];
const RETRIEVED_FIELDS = ['采集时间', '抓取时间', '爬取时间', '下载时间', '采集日期', '抓取日期'];
/** 来源 names the publisher only when it is not an address. */
const PUBLISHER_FIELDS = ['发布机构', '发布单位', '来源'];
const DATE_AT_START = new RegExp(`^\\s*(?:${DATE})`);

function statedByCrawlerHeader(text: string): StatedSource {
  const fields = crawlerHeaderFields(text).map(({ name, value }) => ({ name: name.toLowerCase(), value: value.trim() }));
  const first = (names: readonly string[], accept: (value: string) => boolean): string | null => {
    for (const name of names) {
      const field = fields.find((f) => f.name === name && accept(f.value));
      if (field) return field.value;
    }
    return null;
  };
  const url = first(URL_FIELDS, isHttpUrl);
  const retrieved = first(RETRIEVED_FIELDS, (value) => isoDateAtStart(value) !== null);
  return {
    url,
    from: url === null ? null : 'crawler-header',
    retrievedAt: retrieved === null ? null : isoDateAtStart(retrieved),
    publisher: first(PUBLISHER_FIELDS, isName),
  };
}

/** A publisher's name, not an address ("http://…", "//…", "www.gov.cn/…"). */
function isName(value: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(value) && !/^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#]|$)/i.test(value);
}

/** The ISO date a value starts with ("2024-06-18T10:22:41+08:00", "2024年6月18日 10:22"), or null. */
export function isoDateAtStart(value: string): string | null {
  const match = DATE_AT_START.exec(value);
  return match === null ? null : dateFrom(match);
}

// ---------------------------------------------------------------------------------------------
// Putting the sources together

/** The origin a sidecar manifest gives a file (indexer/manifest.ts); null fields were not given. */
export interface ManifestProvenance {
  url: string | null;
  retrievedAt: string | null;
  publisher: string | null;
}

/** What a format adapter read from the document (PDF or DOCX metadata). */
export interface ExtractedProvenance {
  format: ReportFormat;
  sourceUrl: string | null;
}

/** The report's provenance: the manifest first, then the file's own statements, then its metadata. */
export function resolveProvenance(sources: {
  manifest: ManifestProvenance | null;
  stated: StatedSource;
  extracted: ExtractedProvenance;
}): Provenance {
  const { manifest, stated, extracted } = sources;
  const metadataUrl = extracted.sourceUrl !== null && isHttpUrl(extracted.sourceUrl) ? extracted.sourceUrl : null;
  const metadataOrigin: SourceUrlOrigin | null =
    extracted.format === 'pdf' ? 'pdf-metadata' : extracted.format === 'docx' ? 'docx-metadata' : null;
  const [sourceUrl, sourceUrlFrom]: [string | null, SourceUrlOrigin | null] =
    manifest?.url != null && isHttpUrl(manifest.url)
      ? [manifest.url, 'manifest']
      : stated.url !== null
        ? [stated.url, stated.from]
        : metadataUrl !== null && metadataOrigin !== null
          ? [metadataUrl, metadataOrigin]
          : [null, null];
  return {
    format: extracted.format,
    sourceUrl,
    sourceUrlFrom,
    retrievedAt: manifest?.retrievedAt ?? stated.retrievedAt,
    publisher: manifest?.publisher ?? stated.publisher,
  };
}

/** The format a file's extension names ('.htm' is html); null for an extension no adapter reads. */
export function formatOfFileName(fileName: string): ReportFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format = extension === 'htm' ? 'html' : extension;
  return (REPORT_FORMATS as readonly string[]).includes(format) ? (format as ReportFormat) : null;
}
