// Long phrases of the disclosure-report vocabulary, recorded per section at index time.
//
// A phrase of five or more units needs its candidates verified against the text (verify.ts); for
// the phrases that occur in a large share of all sections (政府信息公开 is in about two thirds),
// that costs seconds on a large index the first time it is searched. For these phrases the indexer
// records, by the exact rule, which ones each section contains, and a search for one is a filter:
// exact, and as fast as any filter. Chosen from the phrases of five or more Han characters found in
// at least 3% of the sections of the real and demo reports (and the template titles), all Han so
// that a phrase is its own unit key.
export const PHRASE_DICTIONARY: readonly string[] = [
  '政府信息公开',
  '依申请公开',
  '公开政府信息',
  '主动公开政府信息',
  '主动公开政府信息情况',
  '政府信息公开工作',
  '信息公开申请',
  '政府信息公开申请',
  '新收政府信息公开申请',
  '收到和处理政府信息公开申请',
  '政府信息公开条例',
  '中华人民共和国',
  '中华人民共和国政府信息公开条例',
  '工作年度报告',
  '政府信息公开工作年度报告',
  '年政府信息公开',
  '区政府信息公开',
  '存在的主要问题',
  '主要问题及改进',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
  '政务公开工作',
  '政府门户网站',
  '政府信息公开行政复议',
  '行政诉讼情况',
  '行政复议和行政诉讼',
  '规范性文件',
  '行政规范性文件',
  '本机关不掌握相关政府信息',
  '所列数据的统计期限',
  '行政事业性收费',
  '结转下年度继续办理',
  '依申请公开工作',
  '重大行政决策',
  '政务新媒体',
  '新闻发布会',
  '政府信息公开专栏',
  '政府信息公开指南',
  '政府信息公开目录',
  '人民政府办公室',
  '人民政府办公厅',
  '政务服务事项',
  '人大代表建议',
  '政协委员提案',
  '建议提案办理',
  '基层政务公开',
  '政务公开标准化规范化',
];

const DICTIONARY = new Set(PHRASE_DICTIONARY);

/** Whether a term (by its unit key) is recorded per section at index time. */
export function isDictionaryPhrase(key: string): boolean {
  return DICTIONARY.has(key);
}

/**
 * What a section document records for a dictionary phrase (SectionDocument.phrases): a short id, its
 * place in the dictionary (`p0`, `p1` …), not the phrase, because Meilisearch keeps every facet string
 * twice per document. The dictionary's version is part of the document format, so ids never mix.
 */
export function dictionaryPhraseId(key: string): string {
  const index = PHRASE_DICTIONARY.indexOf(key);
  if (index < 0) throw new Error(`not a dictionary phrase: ${key}`);
  return `p${index}`;
}

/** The ids of the dictionary phrases a text contains (the text given as its unit key, units.ts). */
export function dictionaryPhrasesIn(...keys: string[]): string[] {
  return PHRASE_DICTIONARY.flatMap((phrase, index) => (keys.some((key) => key.includes(phrase)) ? [`p${index}`] : []));
}

/** Changes when the dictionary changes: documents indexed under another version lack some phrases. */
export const PHRASE_DICTIONARY_VERSION = (() => {
  let hash = 0;
  for (const char of PHRASE_DICTIONARY.join('|')) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) >>> 0;
  return hash.toString(36);
})();
