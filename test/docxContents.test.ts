import { describe, expect, it } from 'vitest';
import { withoutTableOfContents } from '../indexer/formats/docxContents.js';

const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const sdt = (gallery: string, content: string): string =>
  `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="${gallery}"/></w:docPartObj></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;

describe('withoutTableOfContents', () => {
  it.each<[string, string, string]>([
    [
      'removes the content control of a table of contents',
      p('标题') + sdt('Table of Contents', p('目录') + p('一、总体情况\t1')) + p('一、总体情况'),
      p('标题') + p('一、总体情况'),
    ],
    [
      'removes it whole when it holds another content control',
      sdt('Table of Contents', `${p('目录')}<w:sdt><w:sdtContent>${p('一、总体情况')}</w:sdtContent></w:sdt>`) + p('正文'),
      p('正文'),
    ],
    ['keeps other content controls (a cover page)', sdt('Cover Pages', p('封面')) + p('正文'), sdt('Cover Pages', p('封面')) + p('正文')],
    ['changes nothing without one', p('一、总体情况') + p('正文'), p('一、总体情况') + p('正文')],
  ])('%s', (_, input, expected) => {
    expect(withoutTableOfContents(input)).toBe(expected);
  });
});
