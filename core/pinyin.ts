// Some sites (notably traditional-character mirrors) annotate characters with their pinyin:
// 報(bào)告, 區(qū). The annotation is not part of the text a researcher searches for, so both the
// cleaner (for display) and the normaliser (for queries) drop it.
//
// Only a parenthesised syllable with a tone mark right after a Han character counts: unmarked
// Latin in brackets after Chinese text, such as 附件(a) or 角(AB), is real content and stays.

const TONE_MARKED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ';
const SYLLABLE = `[a-zü]*[${TONE_MARKED}][a-zü${TONE_MARKED}]*`;

/** A Han character followed by `(syllable)` or `（syllable）`; the group keeps the character. */
export const PINYIN_ANNOTATION = new RegExp(`(\\p{Script=Han})(?:\\(${SYLLABLE}\\)|（${SYLLABLE}）)`, 'gu');

/** Removes pinyin annotations, keeping the annotated characters. */
export function stripPinyinAnnotations(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '$1');
}
