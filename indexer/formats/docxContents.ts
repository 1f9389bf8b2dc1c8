// A DOCX's table of contents (目录), taken out of word/document.xml before mammoth reads it. Its
// entries repeat the headings with page numbers ("一、总体情况⇥1"), and the section splitter would
// take each entry for a heading: a report with a 目录 came out with every section twice, the first
// ones empty. Word and LibreOffice wrap a generated table of contents in a content control
// (w:sdt) whose w:docPartGallery is "Table of Contents"; that whole control is removed.
//
// Invariants: pure; only whole w:sdt elements so marked are removed, the rest is left byte for
// byte; a table of contents typed by hand, or a bare TOC field without the control, stays (a known gap).

const GALLERY = /<([\w.-]+:)?docPartGallery\b[^>]*?\bval\s*=\s*["']Table of Contents["']/g;

/** word/document.xml without its generated tables of contents. */
export function withoutTableOfContents(documentXml: string): string {
  let xml = documentXml;
  for (let guard = 0; guard < 10; guard++) {
    GALLERY.lastIndex = 0;
    const match = GALLERY.exec(xml);
    if (match === null) break;
    const w = match[1] ?? '';
    const span = enclosingElement(xml, `${w}sdt`, match.index);
    if (span === null) break;
    xml = xml.slice(0, span.start) + xml.slice(span.end);
  }
  return xml;
}

/** The element named `name` that encloses `at`: its start tag's offset and the offset after its end tag. */
function enclosingElement(xml: string, name: string, at: number): { start: number; end: number } | null {
  const open = new RegExp(`<${name.replace(/[.]/g, '\\.')}(?=[\\s>/])`, 'g');
  let start = -1;
  for (let m = open.exec(xml); m !== null && m.index < at; m = open.exec(xml)) start = m.index;
  if (start === -1) return null;
  const tags = new RegExp(`<(/?)${name.replace(/[.]/g, '\\.')}(?=[\\s>/])[^>]*?(/?)>`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(xml); m !== null; m = tags.exec(xml)) {
    if (m[2] === '/') continue; // <w:sdt/>
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return { start, end: m.index + m[0].length };
  }
  return null;
}
