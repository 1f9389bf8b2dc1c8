import { describe, expect, it } from 'vitest';
import { normalisePassage } from '../core/corpus/passages.js';
import { isWidespread, matchTemplatePattern } from '../core/corpus/template.js';

const patternOf = (sentence: string): string | null => matchTemplatePattern(normalisePassage(sentence))?.id ?? null;

describe('template patterns', () => {
  it.each([
    ['本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由某县人民政府办公室编制。', 'preamble-basis'],
    ['某县2023年政府信息公开工作年度报告 本报告主要根据《中华人民共和国政府信息公开条例》编制。', 'preamble-basis'],
    ['本报告由概述、主动公开政府信息情况、依申请公开情况等共四个部分组成。', 'preamble-structure'],
    ['本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。', 'statistics-period'],
    ['本报告中所列数据统计时限为2023年1月1日至2023年12月31日。', 'statistics-period'],
    ['本报告的电子版可在某县人民政府门户网站下载。', 'electronic-copy'],
    ['如对本报告有任何疑问，请与某县人民政府办公室联系。', 'contact'],
    ['对本报告如有疑问，请与某局办公室联系。', 'contact'],
    ['五、政府信息公开工作存在的主要问题及改进情况', 'template-heading'],
    ['本年新收政府信息公开申请数量 12 0 0 0 0 0 12', 'template-table'],
  ])('recognises %s', (sentence, id) => {
    expect(patternOf(sentence)).toBe(id);
  });

  it.each([['本机关全年主动公开政府信息一百余条，涉及财政预决算等重点领域。'], ['下一步，我们将进一步加强政府信息公开保密审查工作。']])(
    'leaves the body’s own sentence %s unlabelled',
    (sentence) => {
      expect(patternOf(sentence)).toBeNull();
    },
  );
});

describe('the widespread rule', () => {
  it('needs both enough bodies and enough provinces', () => {
    expect(isWidespread(10, 3)).toBe(true);
    expect(isWidespread(50, 1)).toBe(false);
    expect(isWidespread(9, 5)).toBe(false);
  });
});
