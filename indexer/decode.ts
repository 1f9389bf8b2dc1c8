// Decode stage: a report file's bytes → text. The only module that knows about byte encodings
// (and the only one that imports iconv-lite).
//
// Order of decisions: refuse what is not text (empty, known binary formats, NUL bytes); trust a
// byte-order mark; otherwise check a declared charset against the bytes; otherwise detect
// (strict UTF-8 first, then GB18030 vs Big5 by which reading produces ordinary Chinese).
// Everything is linear in the file size; the GB18030/Big5 choice looks at a sample only.
import iconv from 'iconv-lite';
import { binaryFormatOf, latin1, startsWith } from './formats/sniff.js';
import type { DecodedText, SourceEncoding } from '../core/report.js';

export type DecodeErrorCode = 'empty' | 'binary' | 'undecodable';

/** A file that cannot become report text; `code` says why, the message says what to do. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly code: DecodeErrorCode;
  readonly fileName: string;

  constructor(code: DecodeErrorCode, fileName: string, message: string) {
    super(message);
    this.code = code;
    this.fileName = fileName;
  }
}

/** Decodes a report file; throws DecodeError when the bytes are not text we can read. */
export function decode(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw emptyFile(fileName);
  const format = binaryFormatOf(bytes);
  if (format !== null) {
    throw new DecodeError('binary', fileName, `${fileName} looks like ${format}, not text: convert it to text first`);
  }

  const choice = chooseEncoding(bytes, fileName);
  const warnings = [...choice.warnings];
  const text = decodeAll(bytes.subarray(choice.skip), choice.encoding, warnings, fileName);

  if (!/\S/.test(text)) throw emptyFile(fileName);
  if (controlCharacterShare(text) > MAX_CONTROL_SHARE) {
    throw new DecodeError(
      'binary',
      fileName,
      `${fileName} looks like binary data (it is full of control characters), not text: convert it to text first`,
    );
  }
  return { text, encoding: choice.encoding, encodingSource: choice.source, isHtml: looksLikeHtml(fileName, text), warnings };
}

interface EncodingChoice {
  encoding: SourceEncoding;
  source: DecodedText['encodingSource'];
  /** Bytes to skip before decoding (the byte-order mark). */
  skip: number;
  warnings: string[];
}

const ENCODING_NAMES: Record<SourceEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
  big5: 'Big5',
};

function emptyFile(fileName: string): DecodeError {
  return new DecodeError('empty', fileName, `${fileName} is empty or contains only whitespace: there is no report text to index`);
}

function undecodable(fileName: string): DecodeError {
  return new DecodeError(
    'undecodable',
    fileName,
    `cannot decode ${fileName}: not UTF-8, UTF-16, GB18030 or Big5; re-save it as UTF-8 text and try again`,
  );
}

function chooseEncoding(bytes: Uint8Array, fileName: string): EncodingChoice {
  const bom = byteOrderMarkOf(bytes);
  if (bom !== null) return { encoding: bom.encoding, source: 'bom', skip: bom.length, warnings: [] };

  if (hasNulBytes(bytes)) {
    const utf16 = sniffUtf16WithoutBom(bytes);
    if (utf16 !== null) return { encoding: utf16, source: 'detected', skip: 0, warnings: [] };
    throw new DecodeError(
      'binary',
      fileName,
      `${fileName} looks like binary data (it contains NUL bytes), not text: convert it to text first`,
    );
  }

  const utf8 = utf8Validity(bytes);
  const declaration = declaredCharset(bytes);
  if (declaration === null) return detect(bytes, utf8, fileName);
  return checkDeclaration(bytes, utf8, declaration, fileName);
}

/** The declared charset, unless the bytes clearly are something else (then with a warning). */
function checkDeclaration(bytes: Uint8Array, utf8: Utf8Validity, declaration: CharsetDeclaration, fileName: string): EncodingChoice {
  const declared = declaration.encoding;
  if (declared === null) {
    const choice = detect(bytes, utf8, fileName);
    choice.warnings.push(
      `${fileName} declares charset "${declaration.label}", which the indexer does not read; decoded as ${ENCODING_NAMES[choice.encoding]} instead`,
    );
    return choice;
  }

  const wrong = (actual: SourceEncoding): string =>
    `${fileName} declares charset "${declaration.label}" but its bytes are ${ENCODING_NAMES[actual]}; decoded as ${ENCODING_NAMES[actual]}`;

  if (declared === 'utf-8') {
    if (utf8.invalid === 0) return { encoding: 'utf-8', source: 'declared', skip: 0, warnings: [] };
    if (isMostlyUtf8(utf8)) return { encoding: 'utf-8', source: 'declared', skip: 0, warnings: [replacedWarning(fileName, utf8)] };
    const choice = detect(bytes, utf8, fileName);
    choice.warnings.push(wrong(choice.encoding));
    return choice;
  }

  // Text in the other legacy encoding, or in UTF-8, very rarely reads as valid UTF-8 or as ordinary
  // Chinese by accident, so a clear fit elsewhere outweighs the declaration.
  if (utf8.invalid === 0 && utf8.multibyte > 0) {
    return { encoding: 'utf-8', source: 'detected', skip: 0, warnings: [wrong('utf-8')] };
  }
  const sample = dbcsSample(bytes);
  const own = readingQuality(sample, declared);
  const other = readingQuality(sample, declared === 'gb18030' ? 'big5' : 'gb18030');
  if (isAcceptable(other) && other.score - own.score > CLEARLY_BETTER) {
    return { encoding: other.encoding, source: 'detected', skip: 0, warnings: [wrong(other.encoding)] };
  }
  if (!isAcceptable(own)) throw undecodable(fileName);
  return { encoding: declared, source: 'declared', skip: 0, warnings: [] };
}

function detect(bytes: Uint8Array, utf8: Utf8Validity, fileName: string): EncodingChoice {
  if (utf8.invalid === 0) return { encoding: 'utf-8', source: 'detected', skip: 0, warnings: [] };
  if (isMostlyUtf8(utf8)) return { encoding: 'utf-8', source: 'detected', skip: 0, warnings: [replacedWarning(fileName, utf8)] };
  const sample = dbcsSample(bytes);
  const gb = readingQuality(sample, 'gb18030');
  const big5 = readingQuality(sample, 'big5');
  const best = big5.score > gb.score ? big5 : gb;
  if (!isAcceptable(best)) throw undecodable(fileName);
  return { encoding: best.encoding, source: 'detected', skip: 0, warnings: [] };
}

function replacedWarning(fileName: string, utf8: Utf8Validity): string {
  return `${fileName} is UTF-8 with ${utf8.invalid} invalid byte sequence(s); they were replaced by U+FFFD`;
}

// ---------------------------------------------------------------------------------------------
// Not text at all

const MAX_CONTROL_SHARE = 0.05;

/** Like git: a NUL byte near the start means binary, unless the file is UTF-16. */
const NUL_WINDOW = 8192;

function hasNulBytes(bytes: Uint8Array): boolean {
  return bytes.subarray(0, NUL_WINDOW).indexOf(0) !== -1;
}

/** Share of C0 control characters (other than whitespace and form feed) in the first 64K characters. */
function controlCharacterShare(text: string): number {
  const end = Math.min(text.length, 65536);
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0x7f) controls++;
  }
  return end === 0 ? 0 : controls / end;
}

// ---------------------------------------------------------------------------------------------
// Byte-order marks and UTF-16

function byteOrderMarkOf(bytes: Uint8Array): { encoding: SourceEncoding; length: number } | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 saved without a byte-order mark: Latin letters, digits and line breaks put a NUL in
 * every other byte, always on the same side. Accepted only if the result reads as text.
 */
function sniffUtf16WithoutBom(bytes: Uint8Array): SourceEncoding | null {
  const window = bytes.subarray(0, NUL_WINDOW & ~1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < window.length; i++) {
    if (window[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const total = even + odd;
  if (total < 4) return null;
  const encoding: SourceEncoding | null = odd >= total * 0.95 ? 'utf-16le' : even >= total * 0.95 ? 'utf-16be' : null;
  if (encoding === null) return null;
  const text = iconv.decode(window.subarray(0, window.length & ~1), encoding, { stripBOM: false });
  let plausible = 0;
  for (const ch of text) if (isPlausibleTextCharacter(ch.codePointAt(0)!)) plausible++;
  return plausible >= [...text].length * 0.95 ? encoding : null;
}

function isPlausibleTextCharacter(c: number): boolean {
  return (
    (c >= 0x20 && c < 0x7f) ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    (c >= 0xa0 && c < 0x2000) ||
    (c >= 0x2010 && c < 0x2070) || // punctuation
    (c >= 0x3000 && c < 0xa000) || // CJK punctuation, kana, ideographs
    (c >= 0xff00 && c < 0xfff0) // full-width forms
  );
}

// ---------------------------------------------------------------------------------------------
// Declared charsets

const SCAN_FOR_DECLARATION = 4096;

interface CharsetDeclaration {
  /** As written in the file. */
  label: string;
  /** null for charsets the indexer does not read. */
  encoding: SourceEncoding | null;
}

/** A charset named by an XML declaration or an HTML <meta> in the first few KB, if any. */
function declaredCharset(bytes: Uint8Array): CharsetDeclaration | null {
  const head = latin1(bytes, SCAN_FOR_DECLARATION);
  const match =
    /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:+-]+)["']/i.exec(head) ?? /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i.exec(head);
  if (match === null) return null;
  const label = match[1]!;
  return { label, encoding: encodingForLabel(label) };
}

const CHARSET_LABELS: ReadonlyArray<[SourceEncoding, readonly string[]]> = [
  ['utf-8', ['utf8', 'unicode11utf8', 'xunicode20utf8']],
  // Every GB2312 and GBK byte sequence means the same in GB18030, so all three decode as GB18030.
  [
    'gb18030',
    ['gb18030', 'gbk', 'gb2312', 'xgbk', 'cp936', 'ms936', 'windows936', 'csgb2312', 'euccn', 'chinese', 'isoir58', 'csiso58gb231280'],
  ],
  ['big5', ['big5', 'big5hkscs', 'xxbig5', 'cnbig5', 'csbig5', 'cp950', 'ms950', 'windows950']],
];

function encodingForLabel(label: string): SourceEncoding | null {
  const key = label.toLowerCase().replace(/[^a-z0-9]/g, '');
  return CHARSET_LABELS.find(([, labels]) => labels.includes(key))?.[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// UTF-8 validity

interface Utf8Validity {
  /** Well-formed sequences of two or more bytes. */
  multibyte: number;
  /** Ill-formed sequences, not counting one cut off by the end of the file. */
  invalid: number;
}

/** Up to this share of ill-formed sequences, a file that is otherwise UTF-8 stays UTF-8. */
const MOSTLY_UTF8_MAX_INVALID = 0.01;

function isMostlyUtf8(utf8: Utf8Validity): boolean {
  return utf8.multibyte >= 20 && utf8.invalid <= (utf8.multibyte + utf8.invalid) * MOSTLY_UTF8_MAX_INVALID;
}

/** Strict UTF-8 (RFC 3629: no overlongs, surrogates or code points above U+10FFFF), whole file. */
function utf8Validity(bytes: Uint8Array): Utf8Validity {
  let multibyte = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      invalid++;
      i++;
      if (clearlyNotUtf8(multibyte, invalid)) break;
      continue;
    }
    let j = 1;
    for (; j <= need && i + j < n; j++) {
      const c = bytes[i + j]!;
      const min = j === 1 ? lo : 0x80;
      const max = j === 1 ? hi : 0xbf;
      if (c < min || c > max) break;
    }
    if (j > need) {
      multibyte++;
      i += need + 1;
    } else if (i + j >= n) {
      break; // a character cut off by the end of the file: decodeAll drops it with a warning
    } else {
      invalid++;
      i++;
      if (clearlyNotUtf8(multibyte, invalid)) break;
    }
  }
  return { multibyte, invalid };
}

/** Stops the scan early on legacy-encoded files; the counts only need to rule UTF-8 out. */
function clearlyNotUtf8(multibyte: number, invalid: number): boolean {
  return invalid > 64 && invalid > (multibyte + invalid) * MOSTLY_UTF8_MAX_INVALID * 4;
}

// ---------------------------------------------------------------------------------------------
// GB18030 or Big5?
//
// Both are double-byte encodings over nearly the same byte ranges, so the bytes alone rarely rule
// one out. Reading the wrong one still yields characters, but rare ones (and some U+FFFD or
// private-use characters), while the right one yields the few hundred characters that make up most
// of any Chinese text. So each reading is scored by the share of its Han characters that are common.

const SAMPLE_BYTES = 256 * 1024;
/** A candidate must beat the declared encoding by this much to override the declaration. */
const CLEARLY_BETTER = 0.3;
/** Below this share of common characters a reading is gibberish. */
const MIN_COMMON_SHARE = 0.3;
/** Above this share of replacement or private-use characters among non-ASCII a reading is wrong. */
const MAX_BAD_SHARE = 0.05;
/** With fewer Han characters than this the common-character share says little. */
const MIN_HAN_FOR_SHARE = 20;

/** Bytes starting at the first non-ASCII byte (a character boundary in both encodings). */
function dbcsSample(bytes: Uint8Array): Uint8Array {
  let first = 0;
  while (first < bytes.length && bytes[first]! < 0x80) first++;
  return bytes.subarray(first, first + SAMPLE_BYTES);
}

interface ReadingQuality {
  encoding: SourceEncoding;
  han: number;
  commonShare: number;
  badShare: number;
  score: number;
}

function readingQuality(sample: Uint8Array, encoding: SourceEncoding): ReadingQuality {
  // write() without end(): a character cut off by the sample's end must not count as bad.
  const text = iconv.getDecoder(encoding, { stripBOM: false }).write(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength));
  let han = 0;
  let common = 0;
  let bad = 0;
  let nonAscii = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xf0000 && c <= 0x10ffff)) bad++;
    else if (isHan(c)) {
      han++;
      if (COMMON_HANZI.has(ch)) common++;
    }
  }
  const commonShare = han === 0 ? 0 : common / han;
  const badShare = nonAscii === 0 ? 0 : bad / nonAscii;
  return { encoding, han, commonShare, badShare, score: commonShare - 3 * badShare };
}

function isAcceptable(q: ReadingQuality): boolean {
  return q.badShare <= MAX_BAD_SHARE && (q.han < MIN_HAN_FOR_SHARE || q.commonShare >= MIN_COMMON_SHARE);
}

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

/**
 * The ~1000 most frequent characters of modern Chinese plus the vocabulary of disclosure reports,
 * in simplified form, followed by the traditional forms that differ (made with OpenCC cn→tw).
 */
const COMMON_HANZI: ReadonlySet<string> = new Set(
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方' +
    '多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情' +
    '明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给' +
    '世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太' +
    '量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象' +
    '完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济' +
    '车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚' +
    '请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历' +
    '首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音' +
    '跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值' +
    '仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤' +
    '素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担' +
    '州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控' +
    '税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮' +
    '露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康' +
    '虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣' +
    '择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶申讼截栏渠镇街厅罚纠驳撤违废' +
    // traditional forms
    '這個們來為國說時會對於過發後裡種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義幾' +
    '認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風乾聯組濟車親' +
    '極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請際約覆線斷滿視須寫稱嗎輕農裝廣顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參' +
    '眾構節維劃敵陳態護興驗責營夠嚴續講終緊黃絕項圍織鬥雙紀採舉殺蘇訴細願錢網熱屬臉職樂剛狀獨彈創錯蘭試腦預誰陽繼驚傷藥適衛險' +
    '陸習勞財環納歡獲負雲龍樹層衝範異漢簡擔靜積餘檢靈協佔徵揮勝階審堅媽劉讀壓銀買養懷執亂幫歲優鐵稅藝陣腳惡塊頓島戶評寶釋顧貨' +
    '歐換聞壞討麗監臨艦魚雜誤灣減編測敗夢溫劍漸貴槍樓縣畫遺謝魯慮銷鍾詩趕劇損舊錄葉鄉禮婦歸飯額順輸搖脫補謂療澤滅筆鮮詞聖擇尋' +
    '廠煙諾倫奧賣載宮陰園謀榮孫頂訟欄鎮廳罰糾駁違廢',
);

// ---------------------------------------------------------------------------------------------
// Decoding

function decodeAll(bytes: Uint8Array, encoding: SourceEncoding, warnings: string[], fileName: string): string {
  const truncated = `${fileName} ends in the middle of a character (the file was cut short); the incomplete last character was dropped`;
  let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    let cut = false;
    if (buffer.length % 2 === 1) {
      buffer = buffer.subarray(0, buffer.length - 1);
      cut = true;
    }
    let text = iconv.decode(buffer, encoding, { stripBOM: false });
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      text = text.slice(0, -1);
      cut = true;
    }
    if (cut) warnings.push(truncated);
    return text;
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  const text = decoder.write(buffer);
  const tail = decoder.end() ?? '';
  if (tail.includes('\uFFFD')) {
    warnings.push(truncated);
    return text;
  }
  return text + tail;
}

// ---------------------------------------------------------------------------------------------
// HTML or plain text?

const HTML_EXTENSION = /\.(?:html?|shtml|xhtml)$/i;
const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s)/i;
const HTML_TAG = /<(?:p|div|br|span|table|tr|td|th|h[1-6]|ul|ol|li|font|strong|b|a|img|section|article|body|title)(?:\s[^<>]*)?\/?>/gi;
/** Crawled text files can hold a stray tag or Word comment; real markup has several tags up front. */
const MIN_TAGS_FOR_HTML = 3;

function looksLikeHtml(fileName: string, text: string): boolean {
  if (HTML_EXTENSION.test(fileName)) return true;
  const head = text.slice(0, 2048).replace(/^[\s\uFEFF]+/, '');
  if (HTML_START.test(head) || /<body[\s>]/i.test(head)) return true;
  return (head.match(HTML_TAG)?.length ?? 0) >= MIN_TAGS_FOR_HTML;
}
