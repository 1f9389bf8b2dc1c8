// Citations of a report or one of its sections, in the forms researchers publish with: GB/T
// 7714-2015 (the reference standard Chinese journals require: an electronic document is [EB/OL],
// with its publication date and the date it was cited), BibTeX and RIS (which Zotero and EndNote
// import). Pure: what is cited, when, and where the reader can find it, in; strings out.
//
// The address cited is the original one when the indexer recorded it (manifest, canonical link, PDF
// metadata), else the section's permalink on this site. The citation date is the day the file was
// retrieved when that is recorded, else today.

export interface CitedSection {
  organ: string | null;
  title: string;
  /** The section's heading on one line; empty for a whole report. */
  heading: string;
  year: number | null;
  /** ISO date the report was published, when it says. */
  publishedAt: string | null;
  /** Who published the document online, when recorded. */
  publisher: string | null;
  /** The original address (http/https), when recorded. */
  sourceUrl: string | null;
  /** The section's address on this site. */
  permalink: string;
  /** ISO date the file was downloaded, when recorded. */
  retrievedAt: string | null;
  /** Stable key for BibTeX (the section or report id). */
  key: string;
}

export interface Citations {
  gbt7714: string;
  bibtex: string;
  ris: string;
}

export function citationsOf(cited: CitedSection, today: Date): Citations {
  return { gbt7714: gbt7714(cited, today), bibtex: bibtex(cited, today), ris: ris(cited, today) };
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

function addressOf(cited: CitedSection): string {
  return cited.sourceUrl ?? cited.permalink;
}

function citedOn(cited: CitedSection, today: Date): string {
  return cited.retrievedAt ?? isoDay(today);
}

/** 主要责任者. 题名: 其他题名信息[EB/OL]. (发表日期)[引用日期]. 获取和访问路径. */
function gbt7714(cited: CitedSection, today: Date): string {
  const author = cited.organ ?? cited.publisher;
  const title = cited.heading === '' ? cited.title : `${cited.title}: ${cited.heading}`;
  const published = cited.publishedAt;
  return [
    author === null ? '' : `${author}. `,
    `${title}[EB/OL]. `,
    published === null ? '' : `(${published})`,
    `[${citedOn(cited, today)}]. `,
    `${addressOf(cited)}.`,
  ].join('');
}

/** A BibTeX value in braces: braces and backslashes in the text are escaped so the entry stays well-formed. */
const braced = (text: string): string => `{${text.replace(/[\\{}]/g, (c) => `\\${c}`)}}`;

function bibtex(cited: CitedSection, today: Date): string {
  const fields: Array<[string, string]> = [];
  // Double braces: an organisation is one name, not a first and last name.
  if (cited.organ !== null) fields.push(['author', `{${braced(cited.organ)}}`]);
  fields.push(['title', braced(cited.heading === '' ? cited.title : `${cited.title}: ${cited.heading}`)]);
  // The year it was published; failing that, the year it reports on.
  const year = cited.publishedAt?.slice(0, 4) ?? (cited.year === null ? null : String(cited.year));
  if (year !== null) fields.push(['year', braced(year)]);
  if (cited.publishedAt !== null) fields.push(['date', braced(cited.publishedAt)]);
  if (cited.publisher !== null) fields.push(['publisher', braced(cited.publisher)]);
  fields.push(['url', braced(addressOf(cited))]);
  fields.push(['urldate', braced(citedOn(cited, today))]);
  if (cited.sourceUrl !== null) fields.push(['note', braced(`检索于 ${cited.permalink}`)]);
  const key = cited.key.replace(/[^A-Za-z0-9_-]/g, '_');
  return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n')}\n}\n`;
}

function ris(cited: CitedSection, today: Date): string {
  const line = (tag: string, value: string): string => `${tag}  - ${value.replace(/[\r\n]+/g, ' ')}\r\n`;
  let out = line('TY', 'GOVDOC');
  if (cited.organ !== null) out += line('AU', cited.organ);
  out += line('TI', cited.title);
  if (cited.heading !== '') out += line('T2', cited.heading);
  if (cited.year !== null) out += line('PY', String(cited.year));
  if (cited.publishedAt !== null) out += line('DA', cited.publishedAt.replace(/-/g, '/'));
  if (cited.publisher !== null) out += line('PB', cited.publisher);
  out += line('UR', addressOf(cited));
  if (cited.sourceUrl !== null) out += line('L2', cited.permalink);
  out += line('Y2', citedOn(cited, today).replace(/-/g, '/'));
  out += line('LA', 'zh');
  return `${out}ER  - \r\n`;
}
