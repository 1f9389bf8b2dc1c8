// Hand-written reports for the web-tier tests, modelled on real annual reports (not copied). Each
// one exists for a reason noted beside it.
import type { MemoryReport } from './memorySearch.js';

export const SCRIPT_TEXT = '<script>alert(1)</script>';
export const IMG_TEXT = '<img src=x onerror=alert(1)>';

export const REPORTS: MemoryReport[] = [
  // The ordinary case, and one organ across two years (links to other years).
  {
    reportId: 'bj-dongcheng-2019',
    title: '北京市东城区人民政府2019年政府信息公开工作年度报告',
    organ: '北京市东城区人民政府',
    province: '北京市',
    level: 'county',
    year: 2019,
    publishedAt: '2020-01-20',
    sections: [
      { heading: '', sectionType: 'preamble', text: '本报告依据《中华人民共和国政府信息公开条例》编制。' },
      {
        heading: '一、总体情况',
        sectionType: 'overview',
        text: '2019年，我区严格落实保密审查制度，政府网站发布信息前均经过保密审查。\n全年未发生泄密事件。',
      },
      { heading: '二、主动公开政府信息情况', sectionType: 'proactive', text: '主动公开规范性文件12件，政策解读8篇。' },
      { heading: '三、收到和处理政府信息公开申请情况', sectionType: 'requests', text: '共收到依申请公开56件，均按期答复。' },
      // A phrase broken by a line break still matches.
      { heading: '四、存在的主要问题及改进情况', sectionType: 'problems', text: '保密\n审查工作仍需加强。' },
    ],
  },
  {
    reportId: 'bj-dongcheng-2020',
    title: '北京市东城区人民政府2020年政府信息公开工作年度报告',
    organ: '北京市东城区人民政府',
    province: '北京市',
    level: 'county',
    year: 2020,
    sections: [
      { heading: '一、总体情况', sectionType: 'overview', text: '全年开展保密审查培训2次，政府网站运行平稳。' },
      { heading: '五、收费及减免情况', sectionType: 'fees', text: '未收取任何费用。' },
    ],
  },
  // Hostile markup in every field a page shows: it must render inert.
  {
    reportId: 'gd-hostile-2020',
    title: `某市${IMG_TEXT}人民政府2020年政府信息公开工作年度报告`,
    organ: `某市人民政府${IMG_TEXT}`,
    province: '广东省',
    city: '广州市',
    level: 'city',
    year: 2020,
    warnings: [`标题中有标记 ${SCRIPT_TEXT}`],
    sections: [
      {
        heading: `一、总体情况${SCRIPT_TEXT}`,
        sectionType: 'overview',
        text: `加强保密审查${SCRIPT_TEXT}，并清理网页中的${IMG_TEXT}代码。“引号”与'单引号'&符号。`,
      },
    ],
  },
  // Traditional characters: 審查 is 审查.
  {
    reportId: 'gd-province-2021',
    title: '廣東省人民政府2021年政府信息公開工作年度報告',
    organ: '廣東省人民政府',
    province: '广东省',
    level: 'province',
    year: 2021,
    sections: [
      { heading: '一、總體情況', sectionType: 'overview', text: '加強保密審查，規範政府網站管理。' },
      { heading: '二、政策解讀', sectionType: 'interpretation', text: '發布政策解讀材料20篇。' },
    ],
  },
  // Characters outside the BMP before a match, and overlapping occurrences (哈哈 in 哈哈哈).
  {
    reportId: 'sc-township-2018',
    title: '四川省某镇人民政府2018年政府信息公开工作年度报告',
    organ: '四川省某镇人民政府',
    province: '四川省',
    city: '成都市',
    county: '双流区',
    level: 'township',
    year: 2018,
    sections: [
      { heading: '一、概述', sectionType: 'overview', text: '𠀀𠀁群众笑声哈哈哈，保密审查到位。' },
      { heading: '二、其他需要报告的事项', sectionType: 'other', text: '无。' },
    ],
  },
];
