// OFD adapter: an OFD file (GB/T 33190, the Chinese fixed-layout format: a zip of XML) → the text
// of its pages, through layoutPages like a PDF. The only module that imports fast-xml-parser.
//
// Order of decisions: a zip within the bounds (zipBounds), holding OFD.xml and no Encryptions.xml;
// OFD.xml → the first DocBody's DocRoot (Document.xml) → its Pages in order → each page's content:
// Content/Layer → TextObject (Boundary "x y w h", Size, optional CTM) → TextCode (X, Y relative to
// the boundary, optional DeltaX/DeltaY, the text). PageBlocks nest and are walked; other objects
// only count (images tell a scan from an empty page). Fonts are never needed: the text is Unicode;
// advances come from DeltaX, the next TextCode's X, or an estimate (CJK fonts: digits half an em).
// The TextCodes of one TextObject share a PlacedText.source, so layout never spaces them apart.
//
// Invariants: coordinates are converted from millimetres to points, as PlacedText promises; y grows
// downward, as in OFD; a page's size comes from its own Area, else the document's PageArea, else A4.
// Tags are matched without their namespace prefix ("ofd:Page" and "Page" alike). A page file that
// is missing becomes an empty page with a warning; a document without text fails 'no-text-layer'.
import { posix } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { layoutPages } from './layout.js';
import { sniff } from './sniff.js';
import { ExtractError, type ExtractedText, type PlacedPage, type PlacedText } from './types.js';
import { openBoundedZip, type BoundedZip } from './zipBounds.js';

/** Extracts the text of an OFD; throws ExtractError when it cannot. */
export async function extractOfd(bytes: Uint8Array): Promise<ExtractedText> {
  const seen = sniff(bytes);
  if (seen.kind !== 'zip') throw new ExtractError('wrong-format', `the file is ${seen.description}, not an OFD document`);
  const zip = await openBoundedZip(bytes, 'OFD');
  if (!zip.names.includes('OFD.xml')) {
    const hint = zip.names.includes('word/document.xml') ? 'a Word document (.docx)' : 'a zip archive';
    throw new ExtractError('wrong-format', `the file is ${hint}, not an OFD document: it has no OFD.xml`);
  }
  if (zip.names.some((n) => /(?:^|\/)Encryptions?\.xml$/i.test(n))) {
    throw new ExtractError('encrypted', 'the OFD is encrypted: save an unencrypted copy to index it');
  }

  const warnings: string[] = [];
  const ofd = await readXml(zip, 'OFD.xml');
  const docRoot = textOf(child(first(children(child(ofd, 'OFD'), 'DocBody')), 'DocRoot'));
  if (docRoot === '') throw new ExtractError('malformed', 'the OFD is damaged: OFD.xml names no document (DocBody/DocRoot)');
  const documentPath = resolvePath('OFD.xml', docRoot);
  const document = child(await readXml(zip, documentPath), 'Document');
  const defaultSize = boxSize(child(child(child(document, 'CommonData'), 'PageArea'), 'PhysicalBox')) ?? A4;

  const pages: PlacedPage[] = [];
  let images = 0;
  for (const page of children(child(document, 'Pages'), 'Page')) {
    const location = attribute(page, 'BaseLoc');
    const pagePath = location === undefined ? null : resolvePath(documentPath, location);
    const xml = pagePath === null ? null : await zip.read(pagePath);
    if (xml === null) {
      warnings.push(`page ${pages.length + 1} of the OFD has no content file (${location ?? 'no BaseLoc'}); it is read as empty`);
      pages.push({ ...toPoints(defaultSize), items: [] });
      continue;
    }
    const content = child(parseXml(xml, pagePath ?? ''), 'Page');
    const size = boxSize(child(child(content, 'Area'), 'PhysicalBox')) ?? defaultSize;
    const found: PageContent = { items: [], images: 0, objects: 0 };
    for (const layer of children(child(content, 'Content'), 'Layer')) collectBlock(layer, found);
    images += found.images;
    pages.push({ ...toPoints(size), items: found.items });
  }

  if (pages.every((p) => p.items.length === 0)) {
    const what = images > 0 ? 'images with no text layer (a scan)' : 'without any text';
    throw new ExtractError(
      'no-text-layer',
      `the OFD's ${pages.length} page${pages.length === 1 ? ' is' : 's are'} ${what}: it needs OCR, or the original document`,
    );
  }
  return { format: 'ofd', text: layoutPages(pages), isHtml: false, pages: pages.length, sourceUrl: null, ocr: false, warnings };
}

// ---------------------------------------------------------------------------------------------
// XML: fast-xml-parser gives plain objects; these helpers read them without trusting their shape.

type XmlNode = Record<string, unknown>;

/** Elements that may repeat; always arrays, so one and many read the same way. */
const REPEATED = new Set(['DocBody', 'Page', 'Layer', 'TextObject', 'TextCode', 'PageBlock', 'ImageObject', 'CompositeObject']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false, // a TextCode of one space (or U+3000) is text
  isArray: (name) => REPEATED.has(name),
});

async function readXml(zip: BoundedZip, path: string): Promise<XmlNode> {
  const xml = await zip.read(path);
  if (xml === null) throw new ExtractError('malformed', `the OFD is damaged: ${path} is missing`);
  return parseXml(xml, path);
}

function parseXml(xml: Buffer, path: string): XmlNode {
  try {
    const parsed: unknown = parser.parse(xml.toString('utf8'));
    return isNode(parsed) ? parsed : {};
  } catch (error) {
    throw new ExtractError('malformed', `the OFD is damaged: ${path} is not well-formed XML`, { cause: error });
  }
}

const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  const one = Array.isArray(value) ? value[0] : value;
  return isNode(one) ? one : typeof one === 'string' ? { '#text': one } : undefined;
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  const all: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.map((v) => (isNode(v) ? v : typeof v === 'string' ? { '#text': v } : {}));
}

const first = (nodes: XmlNode[]): XmlNode | undefined => nodes[0];

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

function textOf(node: XmlNode | undefined): string {
  const value = node?.['#text'];
  return typeof value === 'string' ? value : '';
}

/** OFD paths are absolute from the package root ("/Doc_0/…") or relative to the referring file. */
function resolvePath(from: string, reference: string): string {
  const ref = reference.trim().replace(/\\/g, '/');
  const joined = ref.startsWith('/') ? ref : posix.join(posix.dirname(from), ref);
  return posix.normalize(joined).replace(/^\/+/, '');
}

// ---------------------------------------------------------------------------------------------
// Geometry

interface Size {
  width: number;
  height: number;
}

const A4: Size = { width: 210, height: 297 };
const POINTS_PER_MM = 72 / 25.4;

const toPoints = (size: Size): Size => ({ width: size.width * POINTS_PER_MM, height: size.height * POINTS_PER_MM });

function numbers(value: string | undefined): number[] {
  if (value === undefined) return [];
  return value
    .trim()
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map(Number);
}

function boxSize(box: XmlNode | undefined): Size | null {
  const [, , width, height] = numbers(textOf(box));
  return width !== undefined && height !== undefined && width > 0 && height > 0 ? { width, height } : null;
}

/** DeltaX/DeltaY: numbers, where "g N d" stands for N copies of d. */
function deltas(value: string | undefined): number[] {
  const tokens = value?.trim().split(/\s+/) ?? [];
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'g') {
      const count = Number(tokens[i + 1]);
      const delta = Number(tokens[i + 2]);
      if (Number.isFinite(count) && Number.isFinite(delta)) for (let k = 0; k < Math.min(count, MAX_GLYPHS); k++) out.push(delta);
      i += 2;
    } else if (tokens[i] !== '') {
      out.push(Number(tokens[i]));
    }
  }
  return out.filter(Number.isFinite);
}

/** No text run has more glyphs than this; a larger "g" count is a corrupt file, not text. */
const MAX_GLYPHS = 100_000;

// ---------------------------------------------------------------------------------------------
// Page content

interface PageContent {
  items: PlacedText[];
  images: number;
  /** TextObjects seen so far on the page: each one's runs share a PlacedText.source. */
  objects: number;
}

/** A Layer or PageBlock: its text objects, its nested blocks, and a count of its images. */
function collectBlock(block: XmlNode, into: PageContent): void {
  into.images += children(block, 'ImageObject').length;
  for (const text of children(block, 'TextObject')) collectText(text, into);
  for (const nested of children(block, 'PageBlock')) collectBlock(nested, into);
}

/**
 * One TextObject → one PlacedText per TextCode, all of one source (the object). A TextCode without
 * X or Y continues where the previous one ended. A run's advance is its DeltaX gaps plus an
 * estimate for the last glyph; where the next TextCode on the same baseline states its X (a line
 * written glyph by glyph), that X measures the advance instead, unless it stands more than an em
 * beyond the estimate (a gap, not a glyph). The CTM maps the object's own space to the boundary's;
 * its scale applies to the font size too (some writers use Size="1" and scale with the CTM).
 */
function collectText(object: XmlNode, into: PageContent): void {
  const [left = 0, top = 0] = numbers(attribute(object, 'Boundary'));
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = numbers(attribute(object, 'CTM'));
  const scale = Math.sqrt(Math.abs(a * d - b * c)) || 1;
  const size = Number(attribute(object, 'Size') ?? 0) || 0;
  const source = into.objects++;
  const codes = children(object, 'TextCode');
  let x = 0;
  let y = 0;
  codes.forEach((code, i) => {
    const text = textOf(code);
    const codeX = attribute(code, 'X');
    const codeY = attribute(code, 'Y');
    if (codeX !== undefined) x = Number(codeX) || 0;
    if (codeY !== undefined) y = Number(codeY) || 0;
    const estimate = advanceOf([...text], deltas(attribute(code, 'DeltaX')), size);
    const nextX = attribute(codes[i + 1], 'X');
    const nextY = attribute(codes[i + 1], 'Y');
    const measured = nextX !== undefined && (nextY === undefined || Number(nextY) === y) ? Number(nextX) - x : Number.NaN;
    const advance = measured > 0 && measured <= estimate + size ? measured : estimate;
    if (text.trim() !== '' || text.includes('\u3000')) {
      into.items.push({
        text,
        x: (left + a * x + c * y + e) * POINTS_PER_MM,
        y: (top + b * x + d * y + f) * POINTS_PER_MM,
        width: advance * scale * POINTS_PER_MM,
        height: size * scale * POINTS_PER_MM,
        source,
      });
    }
    x += advance;
  });
}

/**
 * The run's advance: its DeltaX gaps plus the last glyph. Without DeltaX the glyphs are estimated
 * as CJK fonts set them: a full-width glyph (Chinese, full-width punctuation) advances one em, any
 * other (digits, Latin, ASCII punctuation) half.
 */
function advanceOf(glyphs: readonly string[], gaps: readonly number[], size: number): number {
  let width = 0;
  for (let i = 0; i < glyphs.length; i++) {
    const gap = i < glyphs.length - 1 ? gaps[i] : undefined;
    width +=
      gap ??
      (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        glyphs[i]!,
      )
        ? size
        : size / 2);
  }
  return width;
}
