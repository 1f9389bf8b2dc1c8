// A finished draft → the text of a file: plain text as crawlers save it (sometimes with the site's
// breadcrumb or index block around it, tables as pipe-separated rows), or an HTML page with real
// <table>s and a charset declaration. Layout choices (indentation, blank lines, date style) vary
// per report; all come from the random stream handed in.
import { formatDate, headingNumeral, type Block, type Draft, type Prose, type Table } from './draft.js';
import type { Random } from './random.js';

/** Groups a prose's sentences into paragraphs of one to four sentences. */
function paragraphs(random: Random, prose: Prose): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < prose.sentences.length) {
    const take = random.int(1, 4);
    out.push(prose.sentences.slice(at, at + take).join(''));
    at += take;
  }
  return out;
}

/** The body as a flat list of blocks in order: headings numbered, prose turned into paragraphs. */
type Line = { kind: 'heading' | 'subheading' | 'paragraph'; text: string } | { kind: 'table'; table: Table };

function bodyLines(random: Random, draft: Draft): Line[] {
  const lines: Line[] = draft.intro.map((text) => ({ kind: 'paragraph', text }));
  const push = (block: Block): void => {
    if (block.kind === 'prose') for (const text of paragraphs(random, block.prose)) lines.push({ kind: 'paragraph', text });
    else if (block.kind === 'table') lines.push({ kind: 'table', table: block.table });
    else lines.push({ kind: block.kind, text: block.text });
  };
  draft.sections.forEach((section, i) => {
    lines.push({ kind: 'heading', text: `${headingNumeral(i)}、${section.title}` });
    section.blocks.forEach(push);
  });
  return lines;
}

function publicationLine(random: Random, draft: Draft): string {
  const roll = random.next();
  const date = draft.publishedAt;
  if (roll < 0.45) return `发布日期：${formatDate(date, 'iso')}`;
  if (roll < 0.7) return `发布日期：${formatDate(date, 'padded')}`;
  if (roll < 0.85) return `发布日期：${formatDate(date, 'iso')}    来源：${draft.organ}    浏览次数：${random.int(12, 9000)}`;
  return `发布时间：${formatDate(date, 'iso')} ${String(random.int(8, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
}

function signatureLines(random: Random, draft: Draft): string[] {
  const date = formatDate(draft.signedAt, random.chance(0.25) ? 'chinese' : 'arabic');
  return [draft.organ, date];
}

const BREADCRUMBS = [
  '首页 > 政务公开 > 政府信息公开年报',
  '当前位置：首页 > 信息公开 > 政府信息公开年度报告',
  '您当前的位置：首页 > 政府信息公开 > 年度报告',
  '首页 > 政府信息公开 > 政府信息公开年报',
];

// ---------------------------------------------------------------------------------------------
// Plain text

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Plain text: title, publication line, intro, numbered headings, pipe tables, signature. */
export function renderText(draft: Draft, random: Random): string {
  const indent = random.pick(['', '', '　　', '　　', '    ']);
  const gap = random.chance(0.5) ? '\n' : '';
  const out: string[] = [];

  const chrome = random.next();
  const index = chrome < 0.15;
  if (chrome < 0.35 && !index) out.push(random.pick(BREADCRUMBS), '');
  if (index) {
    out.push(
      `索引号： | ${String(random.int(0, 99_999_999)).padStart(8, '0')}-${random.int(0, 9)}/${draft.publishedAt.year}-${String(random.int(1, 99_999)).padStart(5, '0')} | 发布机构： | ${draft.organ} |`,
      `发文日期： | ${formatDate(draft.publishedAt, 'padded')} | 主题分类： | 政府信息公开年报 |`,
    );
  }
  out.push(draft.title);
  if (!index) out.push(publicationLine(random, draft));
  out.push('');

  for (const line of bodyLines(random, draft)) {
    if (line.kind === 'table') {
      for (const row of line.table.rows) out.push(pipeRow(row.map((c) => c.text)));
    } else if (line.kind === 'paragraph') {
      out.push(indent + line.text);
    } else {
      out.push((line.kind === 'subheading' ? indent : '') + line.text);
    }
    if (gap) out.push('');
  }

  const right = random.chance(0.5) ? '　'.repeat(random.int(10, 20)) : '';
  out.push('', ...signatureLines(random, draft).map((s) => right + s));
  for (const block of draft.appendix) {
    if (block.kind === 'table') for (const row of block.table.rows) out.push(pipeRow(row.map((c) => c.text)));
    else if (block.kind !== 'prose') out.push('', block.text);
  }
  if (chrome < 0.35 && !index) out.push('', '【打印本页】 【关闭窗口】');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// HTML

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function htmlTable(table: Table): string {
  const rows = table.rows.map((row) => {
    const cells = row.map((cell) => {
      const span = `${cell.colspan ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan ? ` rowspan="${cell.rowspan}"` : ''}`;
      return `<td${span}>${escapeHtml(cell.text)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** An article page of a government site, declaring `charset` in a meta tag. */
export function renderHtml(draft: Draft, random: Random, charset: string): string {
  const p = random.chance(0.5) ? '<p style="text-indent:2em;">' : '<p>';
  const headingTag = random.chance(0.5) ? (text: string) => `<p><strong>${text}</strong></p>` : (text: string) => `<h3>${text}</h3>`;
  const meta = random.chance(0.5)
    ? `<meta charset="${charset}">`
    : `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;

  const body: string[] = [];
  for (const line of bodyLines(random, draft)) {
    if (line.kind === 'table') body.push(htmlTable(line.table));
    else if (line.kind === 'heading') body.push(headingTag(escapeHtml(line.text)));
    else body.push(`${p}${escapeHtml(line.text)}</p>`);
  }
  for (const line of signatureLines(random, draft)) body.push(`<p style="text-align:right;">${escapeHtml(line)}</p>`);
  for (const block of draft.appendix) {
    if (block.kind === 'table') body.push(htmlTable(block.table));
    else if (block.kind !== 'prose') body.push(`<p>${escapeHtml(block.text)}</p>`);
  }

  const title = escapeHtml(draft.title);
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    meta,
    `<title>${title}</title>`,
    '</head>',
    '<body>',
    `<div class="position">${escapeHtml(random.pick(BREADCRUMBS))}</div>`,
    '<div class="article">',
    `<h1>${title}</h1>`,
    `<div class="info">${escapeHtml(publicationLine(random, draft))}</div>`,
    '<div class="content">',
    ...body,
    '</div>',
    '</div>',
    `<div class="footer">主办单位：${escapeHtml(draft.organ)}　版权所有</div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
