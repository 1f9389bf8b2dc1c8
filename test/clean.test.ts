import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { growthFactor, repeatedTo } from './helpers/growth.js';
import { describe, expect, it } from 'vitest';
import { clean } from '../indexer/clean.js';
import { decode } from '../indexer/decode.js';
import { stripPinyinAnnotations } from '../core/pinyin.js';
import { SHARED_REAL, sharedReportFiles } from './helpers/shared.js';

const plain = (text: string): string => clean({ text, isHtml: false }).text;
const page = (html: string): string => clean({ text: html, isHtml: true }).text;

const FIXTURES = new URL('../fixtures/unit/', import.meta.url);

describe('clean', () => {
  describe('whitespace', () => {
    it.each<[string, string, string]>([
      ['turns CRLF and CR into LF', 'a\r\nb\rc', 'a\nb\nc'],
      ['turns a form feed into a line break', '第一页末行\f第二页首行', '第一页末行\n第二页首行'],
      ['adds no blank line for a form feed at the start of a line', '第一页末行\n- 1 -\n\f第二页首行', '第一页末行\n第二页首行'],
      ['turns NBSP and tabs into spaces', '发布日期\u00a0\t2020-01-03', '发布日期 2020-01-03'],
      ['collapses runs of spaces', '来源：  县政府办    时间：2020', '来源： 县政府办 时间：2020'],
      ['trims lines, ideographic spaces included', '\u3000\u3000根据条例要求编制。 \u3000', '根据条例要求编制。'],
      ['keeps ideographic spaces inside a line', '一、\u3000总体情况', '一、\u3000总体情况'],
      ['removes zero-width characters and stray BOMs', '政\u200b府\u200c信\u200d息\ufeff公开', '政府信息公开'],
      ['removes control characters', '报\u0007告\u0000', '报告'],
      ['drops leading and trailing blank lines', '\n \n\u3000\n报告\n\n \n', '报告'],
      ['keeps at most one blank line in a row', '一、概述\n\n\n\n二、主动公开', '一、概述\n\n二、主动公开'],
    ])('%s', (_behaviour, input, expected) => {
      expect(plain(input)).toBe(expected);
    });
  });

  describe('page furniture in text', () => {
    it.each<[string, string, string]>([
      ['a site home link', '新抚首页\n报告正文', '报告正文'],
      ['a bare 首页 line', '首页\n报告正文', '报告正文'],
      ['login links', '登录     注册\n报告正文', '报告正文'],
      ['a site map link', '网站地图\n报告正文', '报告正文'],
      ['a menu bar', '示范县人民政府门户网站\u3000|\u3000首页\u3000|\u3000政务公开\u3000|\u3000政民互动\n报告正文', '报告正文'],
      ['the visit date', '今天是:2024年4月23日 星期二\n报告正文', '报告正文'],
      ['a header date with weekday', '2025年12月30日 星期二\n报告正文', '报告正文'],
      ['a breadcrumb line', '当前位置：首页 > 政务公开 > 年度报告\n报告正文', '报告正文'],
      [
        'a breadcrumb before ideographic spaces and the title',
        '您当前所在位置：首页 >> 政务公开\u3000\u3000示范县2023年度报告',
        '示范县2023年度报告',
      ],
      [
        'a breadcrumb but not its last crumb when that is the report title',
        '当前位置：首页 > 年报 > 示范县2023年政府信息公开工作年度报告',
        '示范县2023年政府信息公开工作年度报告',
      ],
      [
        'a breadcrumb before the title on the same line',
        '当前位置： 首页政务公开政府信息公开年报 示范区2011年政府信息公开工作年度报告 来源：管委会',
        '示范区2011年政府信息公开工作年度报告 来源：管委会',
      ],
      ['a visit counter after the date', '发布日期:2020-01-03    点击数:', '发布日期:2020-01-03'],
      ['an empty visit counter after the source', '日期:2010-01-20 来源: 访问量:', '日期:2010-01-20 来源:'],
      ['a counter with its count before the time', "浏览:24950次'时间:2018年3月23日", '时间:2018年3月23日'],
      ['a counter after ideographic spaces', '发布日期：2013-03-12\u3000\u3000浏览次数：1357', '发布日期：2013-03-12'],
      ['a bare font-size label', '字号:\n报告正文', '报告正文'],
      ['a font-size widget', '发布时间：2020-02-01 字号：大 中 小', '发布时间：2020-02-01'],
      ['a bracketed font-size widget', '来源：县政府办 【字体：大 中 小】 打印本页', '来源：县政府办'],
      ['a share bar line', '分享到：微信 | 新浪微博 | QQ空间\n报告正文', '报告正文'],
      ['print and close buttons', '【打印本页】\u3000【关闭窗口】\u3000【返回顶部】\n报告正文', '报告正文'],
      ['print and close buttons run together', '报告正文\n【打印】【关闭】', '报告正文'],
      ['a return-to-top row', '扫一扫在手机打开当前页\n返回顶部 打印本页 关闭本页', ''],
      [
        'share widgets inside a crawled line',
        '时间：2012-04-11 00:00 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 本报告根据条例编制',
        '时间：2012-04-11 00:00 本报告根据条例编制',
      ],
      ['an empty attachment label at the end of a line', '行政复议数 件 0 0 附件下载', '行政复议数 件 0 0'],
      ['a related-links line', '相关链接：示范省政务服务网 | 示范市人民政府\n报告正文', '报告正文'],
      ['links to neighbouring articles', '上一篇：关于做好防汛工作的通知\n报告正文', '报告正文'],
      [
        'a footer with the organiser and a phone number',
        '主办单位:示范区政府 示范区人民政府办公室 联系电话:12345678 单位地址:示范街3号 网站地图',
        '',
      ],
      ['a short organiser line', '主办单位：示范县人民政府办公室\u3000承办单位：示范县大数据中心', ''],
      ['a site identifier line', '网站标识码:2104020005 ICP备案: 技术支持:经纬网络', ''],
      ['an ICP number', '示ICP备12345678号-1', ''],
      ['a public-security filing number', '示公网安备 11010202007018号', ''],
      ['a copyright line', '版权所有：示范县人民政府', ''],
      ['Word list residue in crawled text', '相关内容。<!--[if !supportLists]-->7、<!--[endif]-->公共监管', '相关内容。7、公共监管'],
    ])('removes %s', (_furniture, input, expected) => {
      expect(plain(input)).toBe(expected);
    });
  });

  describe('content that resembles furniture', () => {
    it.each<[string, string]>([
      ['a sentence naming the site organiser', '本网站主办单位为示范县人民政府办公室，技术支持由县大数据中心提供。'],
      ['a sentence about the government website', '全年通过政府网站主动公开信息1268条，网站标识码、ICP备案编号等均规范标注。'],
      ['a sentence starting with the organiser label', '主办单位：示范县人民政府办公室，负责网站内容保障和日常更新。'],
      ['page views in prose', '全年网站总浏览量为536万次，同比增长12%。'],
      ['a click on the home page in prose', '群众可点击首页“12345热线”填写诉求。'],
      ['a lone 微信 among content', '开通政务 微信 公众号'],
      ['a quoted breadcrumb-like phrase', '调整“当前位置”导航栏目设置。'],
      ['a publication date', '发布日期：2020-01-31'],
      ['a signature date', '二〇二〇年一月三日'],
      ['a bare number (a table cell from a PDF)', '550'],
      ['a dash row of empty Markdown cells', '- | -'],
      ['angle brackets used as title marks', '关于印发<示范县政务公开实施方案>的通知'],
      ['today in prose', '今天是政务公开日，全县开展集中宣传。'],
      ['a contact line of the report', '地址：示范县人民路1号 邮编：123456 电话：0000-1234567'],
      ['traditional characters', '示範縣人民政府2019年政府信息公開工作年度報告'],
      ['a bracketed Latin letter after Chinese', '附件(a)和附件(b)'],
    ])('keeps %s', (_content, input) => {
      expect(plain(input)).toBe(input);
    });
  });

  describe('crawler header blocks', () => {
    const header = [
      '标题: 示范区2022年度政府信息公开工作年度报告',
      '发布时间: 2023-02-20 15:07',
      '文号: ',
      '发布机构: 示范区管委会办公室',
      '栏目: 政府信息公开年报',
      '原文链接: https://www.example.gov.cn/zwgk/t20230220_1.htm',
      '页面链接与图片详见 links.tsv(同目录)',
      '==================== 正文 ====================',
    ].join('\n');

    it('drops the header up to the 正文 line, keeping the title the body lacks and the publication fields', () => {
      expect(plain(`${header}\n本报告根据条例编制。一、总体情况 全年公开信息。`)).toBe(
        [
          '示范区2022年度政府信息公开工作年度报告',
          '发布时间: 2023-02-20 15:07',
          '发布机构: 示范区管委会办公室',
          '本报告根据条例编制。一、总体情况 全年公开信息。',
        ].join('\n'),
      );
    });

    it('does not repeat the title when the body starts with it', () => {
      expect(plain(`${header}\n示范区2022年度政府信息公开工作年度报告 本报告根据条例编制。`)).toBe(
        ['发布时间: 2023-02-20 15:07', '发布机构: 示范区管委会办公室', '示范区2022年度政府信息公开工作年度报告 本报告根据条例编制。'].join(
          '\n',
        ),
      );
    });

    it('drops everything before a 正文 line near the top, header fields or not', () => {
      expect(plain('当前位置：首页\n示范区年度报告\n==== 正文 ====\n正文第一段')).toBe('正文第一段');
    });

    it('drops a stray 正文 line far down but keeps the text around it', () => {
      const body = Array.from({ length: 45 }, (_, i) => `第${i + 1}段`).join('\n');
      expect(plain(`${body}\n==== 正文 ====\n末段`)).toBe(`${body}\n末段`);
    });

    it('leaves a key: value block without a 正文 line alone', () => {
      expect(plain('标题: 示范县年度报告\n发布时间: 2023-02-20')).toBe('标题: 示范县年度报告\n发布时间: 2023-02-20');
    });
  });

  describe('PDF leftovers', () => {
    it.each<[string, string, string]>([
      ['-1- page numbers', '第一段\n-1-\n第二段', '第一段\n第二段'],
      ['— 1 — page footers', '第一段\n— 12 —\n第二段', '第一段\n第二段'],
      ['第 1 页 共 3 页', '第一段\n第 1 页 共 3 页\n第二段', '第一段\n第二段'],
      ['第1页', '第一段\n第1页\n第二段', '第一段\n第二段'],
      ['a leading 正文 label', '正文\n2024 年示范市政府信息公开工作\n年度报告', '2024 年示范市政府信息公开工作\n年度报告'],
    ])('removes %s', (_leftover, input, expected) => {
      expect(plain(input)).toBe(expected);
    });
  });

  describe('Markdown from PDF conversion', () => {
    it.each<[string, string, string]>([
      [
        'strips heading markers',
        '# 示范县2025年政府信息公开工作年度报告\n## 一、总体情况\n#### 一是强化流程管控',
        '示范县2025年政府信息公开工作年度报告\n一、总体情况\n一是强化流程管控',
      ],
      ['strips bold markers', '**一、总体情况**\n全年**主动公开**信息', '一、总体情况\n全年主动公开信息'],
      [
        'keeps table cells, dropping the outer pipes and the rule row',
        '| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |',
        '信息内容 | 本年制发件数\n规章 | 0',
      ],
      ['drops an aligned rule row', '| a | b |\n|:---|---:|', 'a | b'],
      ['keeps empty cells inside a row', '| 自然人 |  | 5 |', '自然人 | | 5'],
      ['normalises bare pipes', '索引号: | 00001434-9/2021-00002 | 发布机构: |', '索引号: | 00001434-9/2021-00002 | 发布机构:'],
      ['drops a row of empty cells', '无 | |||||||||', '无'],
      ['leaves a hash without a space alone', '#1号楼', '#1号楼'],
    ])('%s', (_behaviour, input, expected) => {
      expect(plain(input)).toBe(expected);
    });
  });

  describe('pinyin annotations', () => {
    it.each<[string, string]>([
      ['重慶市九龍坡區(qū)人民政府年度報(bào)告', '重慶市九龍坡區人民政府年度報告'],
      ['開（kāi）展', '開展'],
    ])('strips them from %s', (input, expected) => {
      expect(plain(input)).toBe(expected);
    });
  });

  describe('HTML', () => {
    it.each<[string, string, string]>([
      ['makes block elements lines', '<div><p>第一段</p><p>第二段</p></div><h2>二、主动公开</h2>', '第一段\n第二段\n二、主动公开'],
      ['breaks lines at <br>', '<p>示范县人民政府办公室<br>2024年1月20日</p>', '示范县人民政府办公室\n2024年1月20日'],
      ['keeps inline elements in the line', '<p><span>一、</span><strong>总体</strong><font face="仿宋">情况</font></p>', '一、总体情况'],
      ['makes list items lines', '<ul><li>公开财政信息6条；</li><li>公开补贴信息31条。</li></ul>', '公开财政信息6条；\n公开补贴信息31条。'],
      [
        'makes each table row one line of cells',
        '<table><tr><th>信息内容</th><th>本年制发件数</th></tr><tr><td>规章</td><td>0</td></tr></table>',
        '信息内容 | 本年制发件数\n规章 | 0',
      ],
      [
        'joins a label wrapped by <br> in a cell',
        '<table><tr><td>本年新<br>制作数量</td><td>Total<br>count</td></tr></table>',
        '本年新制作数量 | Total count',
      ],
      [
        'flattens paragraphs and nested tables inside a cell',
        '<table><tr><td><p>申请人</p><p>情况</p></td><td><table><tr><td>1</td><td>2</td></tr></table></td></tr></table>',
        '申请人 情况 | 1 2',
      ],
      ['decodes entities', '<p>申请42件&amp;全部答复&nbsp;&ldquo;不予公开&rdquo;&lt;1&gt;</p>', '申请42件&全部答复 “不予公开”<1>'],
      [
        'removes a source line break between Chinese characters',
        '<p>全年主动公开\n政府信息215条，\n  其中 Latin\nwords</p>',
        '全年主动公开政府信息215条，其中 Latin words',
      ],
      [
        'drops script, style, noscript, iframe, template and svg',
        '<script>var a="正文";</script><style>p{}</style><noscript>请启用脚本</noscript><iframe src="/f"></iframe><template><p>模板</p></template><svg><text>图</text></svg><p>报告</p>',
        '报告',
      ],
      [
        'drops nav, header and footer elements',
        '<header>示范县政府</header><nav>首页 政务公开</nav><p>报告</p><footer>关于我们</footer>',
        '报告',
      ],
      [
        'drops elements whose class or id marks navigation',
        '<div class="mainNav">走进示范</div><div id="bread-crumb">政务公开</div><div class="sidebar">专题</div><p>报告</p>',
        '报告',
      ],
      [
        'drops share, position and top bars',
        '<div class="bdshare_t">微信</div><div class="position">政务公开</div><div class="top-bar">无障碍</div><p>报告</p>',
        '报告',
      ],
      [
        'keeps a table row whose class is "header"',
        '<table><tr class="header"><th>信息内容</th><th>件数</th></tr><tr><td>规章</td><td>0</td></tr></table>',
        '信息内容 | 件数\n规章 | 0',
      ],
      [
        'keeps an article-header block with the title in an <h2>',
        '<div class="article-header"><h2>示范县2023年度报告</h2><p>发布日期：2024-01-20</p></div><p>正文</p>',
        '示范县2023年度报告\n发布日期：2024-01-20\n正文',
      ],
      [
        'drops a sidebar even when it has a heading',
        '<div class="sidebar"><h3>热点专题</h3><p>乡村振兴</p></div><p>全年主动公开政府信息1268条。</p>',
        '全年主动公开政府信息1268条。',
      ],
      [
        'keeps an article header that holds the <h1>',
        '<article><header><h1>示范镇2020年度报告</h1></header><p>正文</p></article>',
        '示范镇2020年度报告\n正文',
      ],
      [
        'keeps Word <o:p> text and drops conditional comments',
        '<p><!--[if !supportLists]-->1.<!--[endif]-->完善目录<o:p></o:p></p><p><o:p>示范区民政局</o:p></p>',
        '1.完善目录\n示范区民政局',
      ],
      ['keeps line breaks inside <pre>', '<pre>第一行\n第二行</pre>', '第一行\n第二行'],
      [
        'then cleans furniture lines like plain text',
        '<p>今天是：2024年3月1日 星期五</p><p>发布日期：2024-01-20 浏览次数：1024次</p>',
        '发布日期：2024-01-20',
      ],
    ])('%s', (_behaviour, html, expected) => {
      expect(page(html)).toBe(expected);
    });

    it.each<[string, string | null]>([
      ['<html><head><title> 示范县\n年度报告_示范网 </title></head><body><p>报告</p></body></html>', '示范县年度报告_示范网'],
      ['<html><head><title>Annual\n report</title></head><body><p>报告</p></body></html>', 'Annual report'],
      ['<p>报告</p>', null],
      ['<html><head><title></title></head><body><p>报告</p></body></html>', null],
    ])('captures the <title> of %j as htmlTitle', (html, title) => {
      expect(clean({ text: html, isHtml: true }).htmlTitle).toBe(title);
    });

    it('gives no htmlTitle for plain text', () => {
      expect(clean({ text: '<title>标题</title>', isHtml: false }).htmlTitle).toBeNull();
    });
  });

  describe('golden fixtures', () => {
    it.each([
      'encodings/page.gb2312.html',
      'encodings/page.charset-lies.html',
      'html/word-export.html',
      'html/article-in-header.html',
      'html/furniture-wrapper.html',
    ])('cleans %s to its .expected.txt', (file) => {
      const decoded = decode(readFileSync(new URL(file, FIXTURES)), file);
      const expected = readFileSync(new URL(file.replace(/\.html$/, '.expected.txt'), FIXTURES), 'utf8');
      expect(clean(decoded).text).toBe(expected.replace(/\n$/, ''));
    });
  });

  describe.skipIf(!existsSync(SHARED_REAL))('real reports (../shared)', () => {
    const files = sharedReportFiles();

    const LEFTOVERS: ReadonlyArray<[string, RegExp]> = [
      ['今天是', /今天是/],
      ['网站标识码', /网站标识码/],
      ['a 正文 marker', /^[=＝]{3,} *正文/m],
      ['ICP', /ICP备/],
      ['a visit counter', /(?:浏览|点击数|访问量|阅读次数)[:：] ?\d*次?(?: |$)/m],
      ['a font-size widget', /字号[:：]/],
      ['a breadcrumb', /当前位置[:：]/],
      ['share widgets', /QQ空间|全真版 文字版|分享到[:：]/],
      ['print buttons', /打印本页|关闭本页|关闭窗口/],
      ['Word residue', /<!--\[if|<!\[endif\]/],
      ['a page number line', /^(?:-\d+-|— ?\d+ ?—)$/m],
      ['a Markdown heading or rule row', /^(?:#+ |\|?-{3,})/m],
      ['pinyin', /\p{Script=Han}\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u],
    ];

    /** The first title-like line of the raw file (tags, labels, pinyin and spacing removed). */
    function rawTitle(raw: string): string {
      const lines = raw
        .replace(/<[^>]+>/g, '\n')
        .split('\n')
        .map(stripPinyinAnnotations);
      const title = lines.find((l) => /[报報]告/.test(l) && l.trim().length < 80) ?? '';
      return title
        .replace(/^\s*(?:标题[:：]|#+)\s*/, '')
        .split(/[-_|]/)[0]!
        .replace(/\s/g, '');
    }

    it.each(files)('%s: decodes and cleans without furniture, keeping the title', (path) => {
      const raw = readFileSync(path);
      const cleaned = clean(decode(raw, path));
      for (const [name, pattern] of LEFTOVERS) expect(cleaned.text, name).not.toMatch(pattern);
      const title = rawTitle(raw.toString('utf8'));
      expect(title.length).toBeGreaterThan(3);
      expect(cleaned.text.replace(/\s/g, '')).toContain(title);
      expect(plain(cleaned.text)).toBe(cleaned.text);
    });
  });

  describe('properties', () => {
    const furnitureAlphabet = fc.constantFrom(
      ...[
        '首页',
        '新抚首页',
        '登录',
        ' ',
        '  ',
        '\u3000',
        '\u00a0',
        '\t',
        '\n',
        '\n\n',
        '\r\n',
        '\f',
        '|',
        '｜',
        '#',
        '## ',
        '**',
        '---',
        '|---|',
        '==== 正文 ====',
        '标题: ',
        '发布时间: ',
        '报告',
        '報(bào)',
        '(bào)',
        '今天是',
        '：',
        ':',
        '2024年3月1日',
        '星期五',
        '浏览',
        '点击数',
        '12',
        '次',
        "'",
        '当前位置',
        '>',
        '字号',
        '字体',
        '大',
        '中',
        '小',
        '【',
        '】',
        '[',
        ']',
        '【打印】',
        '打印本页',
        '分享到：',
        '微信',
        'QQ空间',
        '主办单位',
        '网站标识码',
        'ICP备',
        '1234567',
        '号',
        '。',
        '-1-',
        '—',
        '第',
        '页',
        '共',
        '<!--[if !supportLists]-->',
        '<!--[endif]-->',
        '正文',
        '附件下载',
        '\u200b',
        '\ufeff',
        '政府信息公开',
        '<p>',
        '</p>',
        '<br>',
        '<td>',
        '<tr>',
        '<table>',
        '&nbsp;',
        '&amp;',
        '<nav>',
        '<h1>',
      ],
    );
    const furnitureText = fc.array(furnitureAlphabet, { maxLength: 60 }).map((parts) => parts.join(''));
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), furnitureText);

    it('never throws on arbitrary text, plain or HTML', () => {
      fc.assert(
        fc.property(anyText, fc.boolean(), (text, isHtml) => {
          const cleaned = clean({ text, isHtml });
          expect(typeof cleaned.text).toBe('string');
        }),
        { numRuns: 1000 },
      );
    });

    it('is idempotent: cleaning cleaned text changes nothing', () => {
      fc.assert(
        fc.property(anyText, fc.boolean(), (text, isHtml) => {
          const once = clean({ text, isHtml }).text;
          expect(plain(once)).toBe(once);
        }),
        { numRuns: 1000 },
      );
    });

    it('leaves no blank line at either end and never two in a row', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const lines = plain(text).split('\n');
          if (lines.length === 1) return;
          expect(lines[0]).not.toBe('');
          expect(lines[lines.length - 1]).not.toBe('');
          expect(lines.join('\n')).not.toContain('\n\n\n');
        }),
      );
    });
  });

  describe('large input', () => {
    const sentence = '全年主动公开政府信息1268条，其中政策解读86条 浏览 首页 | 报告(a) ';

    it('cleans a 5 MB single-line file', () => {
      expect(plain(repeatedTo(sentence, 5 * 1024 * 1024)).length).toBeGreaterThan(4_000_000);
    });

    it('takes time in proportion to a single line, not its square', () => {
      const factor = growthFactor(plain, repeatedTo(sentence, 250_000), repeatedTo(sentence, 2_500_000));
      expect(factor).toBeLessThan(30);
    });
  });
});
