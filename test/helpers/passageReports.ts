// Reports written for the copied-passage tests (server.passages, server.passageExports): 甲 and 乙
// (two bodies) copy one sentence; 甲 has reports in 2020 and 2021, 乙 only in 2020, 丙 only in 2021.
// Every preamble is template wording (core/corpus/template.ts, preamble-basis).
import type { MemoryReport } from './memorySearch.js';

export const COPIED = '本年度在政府网站开设政策解读专栏，对涉及群众切身利益的十二项政策逐项配发图文解读材料。';
const own = (n: string) => `${n}全年主动公开政府信息一千余条，其中规范性文件全部在网站同步发布并提供解读。`;
const make = (reportId: string, organ: string, year: number, text: string): MemoryReport => ({
  reportId,
  title: `${organ}${year}年政府信息公开工作年度报告`,
  organ,
  province: '江苏省',
  level: 'county',
  year,
  sections: [
    { heading: '', sectionType: 'preamble', text: `本报告根据《中华人民共和国政府信息公开条例》的要求，由${organ}办公室编制。` },
    { heading: '一、总体情况', sectionType: 'overview', text },
  ],
});
export const PASSAGE_REPORTS: MemoryReport[] = [
  make('a2020', '南京市玄武区人民政府', 2020, `${COPIED}\n${own('玄武区')}`),
  make('a2021', '南京市玄武区人民政府', 2021, `${COPIED}\n玄武区推进基层政务公开标准化建设，在街道便民服务中心设置政务公开专区。`),
  make('b2020', '南京市秦淮区人民政府', 2020, `${COPIED}\n${own('秦淮区')}`),
  make('c2021', '南京市鼓楼区人民政府', 2021, '鼓楼区组织全区各部门开展政务公开业务培训三次，重点讲解新修订条例的主要变化。'),
];
