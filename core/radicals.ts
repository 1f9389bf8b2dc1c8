// Radical code points → the unified ideographs they look like. Fonts map one glyph to several code
// points (人 and the Kangxi radical ⼈ are drawn alike), and a PDF's ToUnicode map often names the
// radical: Chromium/Skia, macOS Quartz and some Word exports write 中华⼈⺠共和国 for 中华人民共和国. A
// reader sees the same characters; search would not find them. Kangxi Radicals (U+2F00–U+2FD5) fold
// by NFKC; the CJK Radicals Supplement (U+2E81–U+2EF3) has no decomposition, so its table is
// Unicode's EquivalentUnifiedIdeograph.txt (14.0). Nothing else is touched (NFKC is applied to the
// Kangxi characters only, never to the full-width punctuation around them).

/** Each supplement radical followed by its ideograph, pairs separated by a space. */
const SUPPLEMENT_PAIRS =
  '⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 ⺔彑 ⺕彐 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 ⺦丬 ⺧牛 ⺨犭 ⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 ⺻聿 ⺼肉 ⺽𦥑 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 ⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏邑 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟';

const SUPPLEMENT = new Map<string, string>(
  SUPPLEMENT_PAIRS.split(' ').map((pair) => {
    const [radical = '', ideograph = ''] = [...pair];
    return [radical, ideograph];
  }),
);

const RADICAL = /[\u2e81-\u2ef3\u2f00-\u2fd5]/gu;

/** The text with radical code points replaced by the equivalent unified ideographs. */
export function unifyRadicals(text: string): string {
  return text.replace(RADICAL, (ch) => SUPPLEMENT.get(ch) ?? ch.normalize('NFKC'));
}
