// Clean stage: decoded text (plain or HTML) → plain report text, one paragraph or table row per
// line, with the page furniture of government web sites, crawlers and PDF converters removed.
//
// Conservative by design: a line is dropped only when all of it is furniture, and inside a line
// only phrases that are furniture in any context (visit counters, font-size and share widgets,
// breadcrumbs) are cut. Report prose that merely mentions 网站 or 主办 stays. Characters are kept
// as written (traditional stays traditional); only pinyin annotations are removed.
//
// clean is idempotent: every line is cleaned until it no longer changes, and no rule depends on a
// line's position, so running the result through clean again changes nothing.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { stripPinyinAnnotations } from '../core/pinyin.js';
import type { CleanedText, DecodedText } from '../core/report.js';

/** Cleans decoded report text; an HTML page is first reduced to its text and its <title>. */
export function clean(decoded: Pick<DecodedText, 'text' | 'isHtml'>): CleanedText {
  if (!decoded.isHtml) return { text: cleanPlainText(decoded.text), htmlTitle: null };
  const page = htmlToText(decoded.text);
  return { text: cleanPlainText(page.text), htmlTitle: page.title };
}

// ---------------------------------------------------------------------------------------------
// Plain text

function cleanPlainText(text: string): string {
  // A page break (pdftotext starts each page with a form feed) is no paragraph break: a form feed
  // at the start of a line adds no blank line, so a heading cut at the page's end stays whole.
  const lines = dropCrawlerHeader(
    text
      .replace(/[\r\n]\f/g, (lineBreak) => lineBreak[0]!)
      .replace(/\r\n?|[\f\v\u2028\u2029\u0085]/g, '\n')
      .split('\n'),
  );
  const kept: string[] = [];
  for (const line of lines) {
    const cleaned = cleanLine(line);
    if (cleaned !== null) kept.push(cleaned);
  }
  return joinParagraphs(kept);
}

/** At most one blank line in a row, none at either end, and no leading "正文" label. */
function joinParagraphs(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    if (line === BODY_LABEL && out.every((l) => l === '' || l === BODY_LABEL)) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  while (out.length > 0 && out[0] === '') out.shift();
  return out.join('\n');
}

/** PDF-to-Markdown converters start the text with this label. */
const BODY_LABEL = '正文';

/**
 * Cleans one line until nothing changes. Returns null when the line was all furniture, '' when it
 * was blank to begin with (a paragraph break worth keeping).
 */
function cleanLine(raw: string): string | null {
  let line = normalizeSpaces(raw);
  if (line === '') return '';
  // Each pass only removes text or normalizes it, so this settles in two or three passes.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = cleanLineOnce(line);
    if (next === null || next === '') return null;
    if (next === line) return line;
    line = next;
  }
  return line;
}

const MAX_PASSES = 20;

/** Pinyin annotations always carry a tone mark; most lines have none, so the scan is skipped. */
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ]/;

function cleanLineOnce(line: string): string | null {
  if (isFurnitureLine(line)) return null;
  let out = removeInlineFurniture(line);
  out = stripMarkdown(out);
  if (out.includes('|')) out = normalizeTableRow(out);
  if (TONE_MARK.test(out)) out = stripPinyinAnnotations(out);
  return normalizeSpaces(out);
}

// ---------------------------------------------------------------------------------------------
// Whitespace
//
// Ideographic spaces (U+3000) are trimmed at line ends like any space, but kept inside a line:
// reports use them deliberately (between a heading number and its words, to align signatures),
// and they are not interchangeable with a Latin space in the text a reader searches and quotes.

const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACE_LIKE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f]/g;

function normalizeSpaces(line: string): string {
  return line.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').replace(/ {2,}/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Crawler header: "标题: …", "发布时间: …", …, then a "==== 正文 ====" line before the body.

const BODY_MARKER = /^\s*[=＝]{3,}\s*正文\s*[=＝]{3,}\s*$/;
const HEADER_SEARCH_LINES = 40;
/** Header fields worth keeping: publication metadata. The title is kept only if the body lacks it. */
const KEPT_HEADER_FIELDS = new Set(['发布时间', '发布日期', '发布机构', '文号']);
const HEADER_FIELD = /^\s*([^\s:：]{1,12})\s*[:：]\s*(.*)$/;

function dropCrawlerHeader(lines: string[]): string[] {
  const marker = lines.slice(0, HEADER_SEARCH_LINES).findIndex((l) => BODY_MARKER.test(l));
  if (marker === -1) return lines;
  const body = lines.slice(marker + 1);
  const kept: string[] = [];
  let title: string | null = null;
  for (const { name, value } of headerFields(lines.slice(0, marker))) {
    if (name === '标题') title = value;
    else if (KEPT_HEADER_FIELDS.has(name)) kept.push(`${name}: ${value}`);
  }
  const opening = openingText(body, 500).replace(/\s/g, '');
  if (title !== null && !opening.includes(title.replace(/\s/g, ''))) kept.unshift(title);
  return [...kept, ...body];
}

/** The "name: value" lines of a header, in order; lines that are not fields and empty values are left out. */
function headerFields(lines: readonly string[]): Array<{ name: string; value: string }> {
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of lines) {
    const field = HEADER_FIELD.exec(normalizeSpaces(line));
    if (field === null || field[2] === '') continue;
    fields.push({ name: field[1]!, value: field[2]! });
  }
  return fields;
}

/**
 * The fields of a crawler dump's header (标题, 来源, 原文链接, 采集时间 …) as the clean stage reads
 * them, for provenance (indexer/provenance.ts); none when the text has no "==== 正文 ====" line.
 */
export function crawlerHeaderFields(text: string): Array<{ name: string; value: string }> {
  const lines: string[] = [];
  for (const match of text.matchAll(/[^\r\n]*(?:\r\n?|\n|$)/g)) {
    if (lines.length === HEADER_SEARCH_LINES || match.index >= text.length) break;
    lines.push(match[0].replace(/[\r\n]+$/, ''));
  }
  const marker = lines.findIndex((l) => BODY_MARKER.test(l));
  return marker === -1 ? [] : headerFields(lines.slice(0, marker));
}

/** The first `length` characters of the lines, without joining all of a long file. */
function openingText(lines: readonly string[], length: number): string {
  let text = '';
  for (const line of lines) {
    if (text.length >= length) break;
    text += line;
  }
  return text.slice(0, length);
}

// ---------------------------------------------------------------------------------------------
// Lines that are furniture as a whole

/** Links and buttons of site chrome; a line made only of these goes. */
const NAV_WORDS = new Set([
  '首页',
  '返回首页',
  '网站首页',
  '登录',
  '注册',
  '用户登录',
  '个人登录',
  '法人登录',
  '微信',
  '微博',
  '文件下载',
  '附件下载',
  '打印',
  '关闭',
  '收藏',
  '繁體版',
  '繁体版',
  '简体版',
  '无障碍',
  '适老化',
  '长者模式',
  '关怀版',
  '繁体',
  '用户中心',
  '搜索',
  '新浪微博',
  '腾讯微博',
  '网站地图',
  '联系我们',
  '智能问答',
  '手机版',
  '移动版',
  'English',
  '相关链接',
  '相关链接:',
  '相关链接：',
  '关联稿件',
  '关联稿件:',
  '关联稿件：',
  '相关文章',
  '-->',
]);

/** Widgets that are furniture wherever they appear, even inside a line with content. */
const WIDGET_WORDS = new Set([
  'QQ空间',
  'QQ好友',
  '无障碍浏览',
  '全真版',
  '文字版',
  '分享到',
  '分享到:',
  '分享到：',
  '分享至',
  '分享至:',
  '分享至：',
  '打印本页',
  '打印此页',
  '关闭本页',
  '关闭窗口',
  '关闭此页',
  '返回顶部',
  '设为首页',
  '加入收藏',
  '我要纠错',
  '【打印】',
  '【关闭】',
  '【打印本页】',
  '【关闭窗口】',
  '【返回顶部】',
  '【收藏】',
  '【纠错】',
  '【我要纠错】',
  '[打印]',
  '[关闭]',
  '[打印本页]',
  '[关闭窗口]',
  '扫一扫在手机打开当前页',
  '扫一扫在手机上打开当前页',
  '微信扫一扫',
]);

const SITE_HOME = /^\p{Script=Han}{1,6}首页$/u;

/** Buttons written in brackets, often run together: "【打印】【关闭】", "[大][中][小]". */
const BRACKETED_BUTTONS = /^(?:[【[] ?(?:打印|打印本页|关闭|关闭窗口|关闭本页|收藏|纠错|我要纠错|返回顶部|大|中|小) ?[】\]])+$/;

/** Words of a line are separated by spaces (Latin or ideographic), bars and middle dots. */
const WORD_SEPARATORS = /[ \u3000|｜丨·•]+/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A widget word standing as a word of its own. */
const WIDGET_TOKEN = new RegExp(
  `(?<=^|${WORD_SEPARATORS.source})(?:${[...WIDGET_WORDS].map(escapeRegExp).join('|')}|${BRACKETED_BUTTONS.source.slice(1, -1)})(?=${WORD_SEPARATORS.source}|$)`,
  'g',
);

function isWidgetWord(word: string): boolean {
  return WIDGET_WORDS.has(word) || BRACKETED_BUTTONS.test(word);
}

function isNavWord(word: string): boolean {
  return NAV_WORDS.has(word) || isWidgetWord(word) || SITE_HOME.test(word);
}

const PAGE_NUMBER = [
  /^[-—–－―]+ ?\d{1,4} ?[-—–－―]+$/, // -1-  — 1 —
  /^第 ?\d{1,4} ?页(?: ?[,，/／]? ?共 ?\d{1,4} ?页)?$/, // 第 1 页 共 3 页
  /^共 ?\d{1,4} ?页 ?[,，]? ?第 ?\d{1,4} ?页$/,
  /^page \d{1,4}(?: of \d{1,4})?$/i,
];
const MARKDOWN_TABLE_RULE = /^\|? ?:?-{3,}:? ?(?:\| ?:?-{3,}:? ?)*\|?$/;
const VISIT_DATE_LINE = /^(?:今天是 ?[:：]? ?)?\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日 ?(?:星期|周)[一二三四五六日天]$/;
const NEIGHBOUR_ARTICLE = /^(?:上一篇|下一篇|上一条|下一条) ?[:：]/;

// Footers. With an identifying number these are never prose; the plain labels (主办单位 …) count
// only at the start of a short line or next to other footer labels, and never in a sentence (。).
const FOOTER_IDENTIFIER =
  /(?:网站标识码|网站识别码) ?[:：]? ?[A-Za-z0-9]{6,}|ICP[备证]案? ?[:：]|ICP[备证] ?\d{4,}|公网安备 ?\d{6,}|版权所有 ?[:：©]|^版权所有|Copyright ?(?:©|\(c\))? ?\d{4}|© ?\d{4}/i;
const FOOTER_LABEL = /^(?:主办单位|主办|承办单位|承办|协办单位|主管单位|技术支持|运维单位|维护单位|网站地图|联系我们) ?[:：]/;
const FOOTER_WORDS = /主办|承办|技术支持|联系电话|地址|邮编|网站地图|联系我们|网站标识码/g;
const MAX_FOOTER_LENGTH = 300;
const SHORT_FOOTER_LENGTH = 80;

function isFooterLine(line: string): boolean {
  if (line.length > MAX_FOOTER_LENGTH || line.includes('。')) return false;
  if (FOOTER_IDENTIFIER.test(line)) return true;
  if (!FOOTER_LABEL.test(line)) return false;
  return line.length <= SHORT_FOOTER_LENGTH || (line.match(FOOTER_WORDS)?.length ?? 0) >= 2;
}

function isFurnitureLine(line: string): boolean {
  if (BODY_MARKER.test(line) || MARKDOWN_TABLE_RULE.test(line)) return true;
  if (line.length > MAX_FOOTER_LENGTH) return false;
  if (PAGE_NUMBER.some((p) => p.test(line)) || VISIT_DATE_LINE.test(line) || NEIGHBOUR_ARTICLE.test(line)) return true;
  if (isFooterLine(line)) return true;
  if (LINK_LIST.test(line) && !line.includes('。')) return true;
  const words = line.split(WORD_SEPARATORS).filter((w) => w !== '');
  return words.length > 0 && (words.every(isNavWord) || isNavBar(line, words));
}

/** Share bars, lists of related links and welcome banners, which carry no report text. */
const LINK_LIST = /^(?:分享到|分享至|相关链接|友情链接|相关文章|相关阅读|相关文件|欢迎访问|欢迎光临|欢迎您)/;

/**
 * A site's menu: "XX县人民政府门户网站 | 首页 | 政务公开 | 政民互动 | 办事服务": short items split
 * by bars, one of them a home link.
 */
function isNavBar(line: string, words: readonly string[]): boolean {
  const bars = line.match(/[|｜]/g)?.length ?? 0;
  return (
    words.length >= 4 &&
    bars >= words.length - 1 &&
    words.some((w) => w === '首页' || SITE_HOME.test(w)) &&
    words.every((w) => w.length <= 12 && !/[\d。，；]/.test(w))
  );
}

// ---------------------------------------------------------------------------------------------
// Furniture inside a line with content

/** Word's conditional comments, left in crawled text when a page's HTML was flattened. */
const WORD_RESIDUE = /<!--\[if[^\]]{0,40}\]>?(?:-->)?|<!\[if[^\]]{0,40}\]>|<!(?:--)?\[endif\](?:--)?>|<\/?o:p>/gi;

/** "浏览:24950次", "点击数:", "访问量:" — only as a label after a space or at the line start. */
const VISIT_COUNTER =
  /(^|[ \u3000])(?:浏览次数|浏览量|浏览|访问量|访问次数|点击数|点击量|点击次数|点击率|阅读次数|阅读量|阅读数) ?[:：] ?(?:[[【(（]?\d[\d,]* ?次?[\]】)）]?)?(?:['’"”](?= ?\S)|(?=[ \u3000]|$))/g;

/** "字号：大 中 小", "【字体：大 中 小】", a bare "字号:". */
const FONT_SIZE_WIDGET = /[[【]? ?(?:字号|字体) ?[:：] ?(?:[[【]? ?[大中小] ?[\]】]? ?){0,3}[\]】]?(?=[ \u3000]|$)/g;

/** "今天是:2024年4月23日 星期二" (the date the page was visited, not published). */
const VISIT_DATE = /今天是 ?[:：]? ?\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日(?: ?(?:星期|周)[一二三四五六日天])?|今天是 ?[:：](?= |$)/g;

/** "当前位置：首页 > 政务公开 > 年报": the crumbs end where a space is not next to a separator. */
const BREADCRUMB =
  /(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|您当前的位置|您当前所在位置|当前所在位置) ?[:：] ?([^ \u3000>»›→＞/]+(?: ?[>»›→＞/]+ ?[^ \u3000>»›→＞/]+)*)?/g;
const CRUMB_SEPARATOR = /[>»›→＞/]/;
/** Many breadcrumbs end with the page's own title; that crumb is content. */
const REPORT_TITLE = /\d{4}.*(?:报告|年报)/;

const TRAILING_ATTACHMENT_LABEL = / 附件下载[:：]?$/;

function removeInlineFurniture(line: string): string {
  let out = line;
  if (out.includes('<')) out = out.replace(WORD_RESIDUE, '');
  if (/[浏访点阅]/.test(out)) out = out.replace(VISIT_COUNTER, '$1');
  if (out.includes('字')) out = out.replace(FONT_SIZE_WIDGET, '');
  if (out.includes('今天是')) out = out.replace(VISIT_DATE, '');
  if (out.includes('位置')) out = out.replace(BREADCRUMB, keepTitleCrumb);
  out = removeWidgetRuns(out);
  return out.replace(TRAILING_ATTACHMENT_LABEL, '');
}

function keepTitleCrumb(_match: string, crumbs: string | undefined): string {
  const last = crumbs?.split(CRUMB_SEPARATOR).pop()?.trim() ?? '';
  return REPORT_TITLE.test(last) ? last : ' ';
}

/**
 * Removes runs of navigation words that contain at least one widget word: "微信 微博 QQ空间
 * 全真版 文字版 文件下载 相关链接： -->". A lone 微信 or 首页 in a line with content stays.
 * Starts from each widget word and grows the run word by word, so long lines without widgets
 * cost one regex scan.
 */
function removeWidgetRuns(line: string): string {
  let out = '';
  let copiedUpTo = 0;
  for (const match of line.matchAll(WIDGET_TOKEN)) {
    if (match.index < copiedUpTo) continue; // inside a run already removed
    let start = match.index;
    let end = start + match[0].length;
    for (let word = wordBefore(line, start); word !== null && isNavWord(word.text); word = wordBefore(line, start)) start = word.start;
    for (let word = wordAfter(line, end); word !== null && isNavWord(word.text); word = wordAfter(line, end)) end = word.end;
    // The run goes with the separators after it, so no empty table cell is left behind.
    while (end < line.length && isWordSeparator(line[end]!)) end++;
    out += line.slice(copiedUpTo, start);
    copiedUpTo = end;
  }
  return copiedUpTo === 0 ? line : out + line.slice(copiedUpTo);
}

function isWordSeparator(ch: string): boolean {
  return WORD_SEPARATORS.test(ch);
}

function wordBefore(line: string, position: number): { text: string; start: number } | null {
  let end = position;
  while (end > 0 && isWordSeparator(line[end - 1]!)) end--;
  if (end === position || end === 0) return null;
  let start = end;
  while (start > 0 && !isWordSeparator(line[start - 1]!)) start--;
  return { text: line.slice(start, end), start };
}

function wordAfter(line: string, position: number): { text: string; end: number } | null {
  let start = position;
  while (start < line.length && isWordSeparator(line[start]!)) start++;
  if (start === position || start === line.length) return null;
  let end = start;
  while (end < line.length && !isWordSeparator(line[end]!)) end++;
  return { text: line.slice(start, end), end };
}

// ---------------------------------------------------------------------------------------------
// Markdown (PDF-to-Markdown conversions) and table rows

function stripMarkdown(line: string): string {
  let out = line;
  if (out.startsWith('#')) out = out.replace(/^#{1,6} +/, '').replace(/ +#+$/, '');
  if (out.includes('**')) out = out.replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '$1');
  return out;
}

/**
 * "| a | b |", "a|b" → "a | b". Empty cells inside a row are kept so columns still line up;
 * empty cells at the ends are dropped, which also removes Markdown's outer pipes.
 */
function normalizeTableRow(line: string): string {
  const cells = line.split('|').map((c) => c.trim());
  let start = 0;
  let end = cells.length;
  while (start < end && cells[start] === '') start++;
  while (end > start && cells[end - 1] === '') end--;
  return cells.slice(start, end).join(' | ');
}

// ---------------------------------------------------------------------------------------------
// HTML

/** Never text of the report. */
const NON_CONTENT_TAGS =
  'script, style, noscript, iframe, frame, frameset, template, svg, canvas, object, embed, head, title, meta, link, select, button, textarea, input, audio, video, map';

/** Site furniture by element; removed unless it holds the article (see holdsArticle). */
const FURNITURE_TAGS = 'nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo]';

/** Words in a class or id that mark site furniture ("mainNav", "bread-crumb", "footer_box"). */
const FURNITURE_CLASS_WORDS = new Set([
  'nav',
  'navbar',
  'navigation',
  'menu',
  'menus',
  'submenu',
  'breadcrumb',
  'breadcrumbs',
  'crumb',
  'crumbs',
  'footer',
  'foot',
  'copyright',
  'share',
  'bdshare',
  'header',
  'topbar',
  'sidebar',
  'position',
  'location',
  'weizhi',
  'dqwz',
  'toolbar',
  'fontsize',
  'gotop',
  'backtop',
  'friendlink',
  'yqlj',
]);
/** Whole class tokens that mark furniture but are too generic as parts of a longer name. */
const FURNITURE_CLASS_TOKENS = new Set(['top', 'head', 'bottom', 'side', 'bread']);
/** A class such as "header" on a table row or a heading names its role in the article, not the site. */
const NEVER_FURNITURE_BY_NAME = 'table, thead, tbody, tfoot, tr, td, th, caption, h1, h2, h3, h4, h5, h6';
/** A furniture candidate holding more than this share of the page's text is the article's wrapper. */
const MAX_FURNITURE_SHARE = 0.5;
const ARTICLE_PARTS = 'h1, article, main';

function isHeaderLike($element: cheerio.Cheerio<Element>): boolean {
  return $element.is('header') || /head/i.test(`${$element.attr('class') ?? ''} ${$element.attr('id') ?? ''}`);
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

function htmlToText(html: string): { text: string; title: string | null } {
  const $ = cheerio.load(html);
  const title = collapseHtmlSpace($('title').first().text()).trim();
  $(NON_CONTENT_TAGS).remove();
  removeFurnitureElements($);
  return { text: renderLines($.root().toArray()), title: title === '' ? null : title };
}

/**
 * HTML whitespace rules: a run of spaces and newlines shows as one space, except that a line
 * break in the source between two Chinese characters shows as nothing (CSS Text: segment breaks
 * between wide characters are removed). Word and CMS editors wrap long Chinese lines that way.
 */
function collapseHtmlSpace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, (run, at: number, whole: string) =>
    /[\n\r]/.test(run) && isWide(whole[at - 1]) && isWide(whole[at + run.length]) ? '' : ' ',
  );
}

const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

function isWide(ch: string | undefined): boolean {
  return ch !== undefined && WIDE.test(ch);
}

function removeFurnitureElements($: cheerio.CheerioAPI): void {
  const pageTextLength = $.root().text().length;
  const candidates = $(FURNITURE_TAGS).toArray().concat($('[class], [id]').not(NEVER_FURNITURE_BY_NAME).toArray().filter(hasFurnitureName));
  for (const element of candidates) {
    const $element = $(element);
    if (holdsArticle($element, pageTextLength)) continue;
    $element.remove();
  }
}

function hasFurnitureName(element: Element): boolean {
  const names = `${element.attribs['class'] ?? ''} ${element.attribs['id'] ?? ''}`.split(/\s+/).filter((n) => n !== '');
  return names.some((name) => {
    if (FURNITURE_CLASS_TOKENS.has(name.toLowerCase())) return true;
    const words = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z]+/);
    return words.some((w) => FURNITURE_CLASS_WORDS.has(w)) || FURNITURE_CLASS_WORDS.has(words.join(''));
  });
}

/**
 * Furniture wrappers sometimes enclose the article: an unclosed tag, or an article's own <header>
 * or "article-header" block holding the title heading. Site headers that keep the site's name in
 * a heading stay too; the line filter in cleanPlainText catches most of what they hold.
 */
function holdsArticle($element: cheerio.Cheerio<Element>, pageTextLength: number): boolean {
  if ($element.is(ARTICLE_PARTS) || $element.find(ARTICLE_PARTS).length > 0) return true;
  if (isHeaderLike($element) && $element.find('h2, h3').length > 0) return true;
  return $element.text().length > pageTextLength * MAX_FURNITURE_SHARE;
}

/**
 * Renders the DOM as lines: block elements start and end a line, <br> always breaks, each table
 * row becomes one line of cells joined by " | ". Iterative, so deep nesting cannot overflow.
 */
function renderLines(roots: readonly AnyNode[]): string {
  const lines: string[] = [];
  let current = '';
  const softBreak = (): void => {
    if (current.trim() !== '') lines.push(current);
    current = '';
  };
  const hardBreak = (): void => {
    lines.push(current);
    current = '';
  };
  const stack: RenderStep[] = [...roots].reverse().map((node) => ({ node }));
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('close' in step) {
      softBreak();
      continue;
    }
    const { node } = step;
    if (node.type === 'text') {
      current += collapseHtmlSpace(node.data);
      continue;
    }
    if (!('children' in node)) continue; // comments, processing instructions
    if (!('name' in node)) {
      pushChildren(stack, node.children);
      continue;
    }
    const name = node.name.toLowerCase();
    if (name === 'br') {
      hardBreak();
    } else if (name === 'pre') {
      // Preformatted text keeps its own line breaks.
      softBreak();
      for (const line of textWithBreaks(node).split('\n')) {
        current = line;
        hardBreak();
      }
    } else if (name === 'tr') {
      softBreak();
      current = node.children
        .filter((c): c is Element => 'name' in c && (c.name === 'td' || c.name === 'th'))
        .map(cellText)
        .join(' | ');
      softBreak();
    } else if (BLOCK_TAGS.has(name)) {
      softBreak();
      stack.push({ close: true });
      pushChildren(stack, node.children);
    } else {
      pushChildren(stack, node.children);
    }
  }
  softBreak();
  return lines.join('\n');
}

/** Visit a node, or end the block element whose children were just visited. */
type RenderStep = { node: AnyNode } | { close: true };

function pushChildren(stack: RenderStep[], children: readonly AnyNode[]): void {
  for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]! });
}

/**
 * A table cell's text on one line. Paragraphs and nested tables become spaces; a <br> becomes a
 * space too, except between two Chinese characters, where it only wrapped a label ("本年新<br>制作数量").
 */
function cellText(cell: Element): string {
  const text = textOf(cell, LINE_BREAK_MARK, ' ').replace(
    /[ \t\n\r\f\u0001]*\u0001[ \t\n\r\f\u0001]*/g,
    (run, at: number, whole: string) => (isWide(whole[at - 1]) && isWide(whole[at + run.length]) ? '' : ' '),
  );
  return collapseHtmlSpace(text).trim();
}

const LINE_BREAK_MARK = '\u0001';

/** The text of a <pre>, its <br>s and blocks as line breaks. */
function textWithBreaks(pre: Element): string {
  return textOf(pre, '\n', '\n');
}

/** Text of a subtree with `lineBreak` at each <br> and `blockEdge` at the edges of nested blocks. */
function textOf(root: Element, lineBreak: string, blockEdge: string): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.data);
    else if ('children' in node) {
      if (node !== root && 'name' in node) {
        if (node.name === 'br') parts.push(lineBreak);
        else if (node.name === 'td' || node.name === 'th' || BLOCK_TAGS.has(node.name)) parts.push(blockEdge);
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return parts.join('');
}
