// The statistics tables: the three of the 2019 national template (2021 revision from 2021 on) and
// the old template's optional 统计表, filled from a report's Stats.
import { headingNumeral, type Cell, type Table } from './draft.js';
import type { Random } from './random.js';
import { APPLICANTS, OTHER_OUTCOMES_2021, OUTCOME_GROUPS, type Stats } from './stats.js';

function cell(text: string | number, colspan = 1, rowspan = 1): Cell {
  const made: Cell = { text: typeof text === 'string' ? text : String(text) };
  if (colspan > 1) made.colspan = colspan;
  if (rowspan > 1) made.rowspan = rowspan;
  return made;
}

const row = (...cells: Array<string | number>): Cell[] => cells.map((c) => cell(c));

/** 二、主动公开政府信息情况: items of Article 20 (1), (5), (6), (8). */
export function proactiveTable(stats: Stats, year: number): Table {
  const rows: Cell[][] = [];
  if (year >= 2021) {
    rows.push([cell('第二十条第（一）项', 4)]);
    rows.push(row('信息内容', '本年制发件数', '本年废止件数', '现行有效件数'));
    rows.push(row('规章', stats.rules.made, stats.rules.repealed, stats.rules.valid));
    rows.push(row('行政规范性文件', stats.documents.made, stats.documents.repealed, stats.documents.valid));
    rows.push([cell('第二十条第（五）项', 4)]);
    rows.push([cell('信息内容'), cell('本年处理决定数量', 3)]);
    rows.push([cell('行政许可'), cell(stats.licensing, 3)]);
    rows.push([cell('第二十条第（六）项', 4)]);
    rows.push([cell('信息内容'), cell('本年处理决定数量', 3)]);
    rows.push([cell('行政处罚'), cell(stats.penalties, 3)]);
    rows.push([cell('行政强制'), cell(stats.enforcement, 3)]);
    rows.push([cell('第二十条第（八）项', 4)]);
    rows.push([cell('信息内容'), cell('本年收费金额（单位：万元）', 3)]);
    rows.push([cell('行政事业性收费'), cell(stats.feeIncome, 3)]);
    return { rows };
  }
  rows.push([cell('第二十条第（一）项', 4)]);
  rows.push(row('信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'));
  rows.push(row('规章', stats.rules.made, stats.rules.made, stats.rules.valid));
  rows.push(row('规范性文件', stats.documents.made, stats.documents.made, stats.documents.valid));
  rows.push([cell('第二十条第（五）项', 4)]);
  rows.push(row('信息内容', '上一年项目数量', '本年增/减', '处理决定数量'));
  rows.push(row('行政许可', Math.round(stats.licensing / 40), 0, stats.licensing));
  rows.push(row('其他对外管理服务事项', 0, 0, 0));
  rows.push([cell('第二十条第（六）项', 4)]);
  rows.push(row('信息内容', '上一年项目数量', '本年增/减', '处理决定数量'));
  rows.push(row('行政处罚', Math.round(stats.penalties / 30), 0, stats.penalties));
  rows.push(row('行政强制', Math.round(stats.enforcement / 10), 0, stats.enforcement));
  rows.push([cell('第二十条第（八）项', 4)]);
  rows.push(row('信息内容', '上一年项目数量', '本年增/减', ''));
  rows.push(row('行政事业性收费', stats.feeIncome > 0 ? 1 : 0, 0, ''));
  rows.push([cell('第二十条第（九）项', 4)]);
  rows.push(row('信息内容', '采购项目数量', '采购总金额', ''));
  rows.push(row('政府集中采购', 0, 0, ''));
  return { rows };
}

/** 三、收到和处理政府信息公开申请情况. */
export function requestsTable(random: Random, stats: Stats, year: number): Table {
  const { received, carriedOver, outcomes, carriedForward } = stats.requests;
  const rows: Cell[][] = [
    [cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 2, 3), cell('申请人情况', 7)],
    [cell('自然人', 1, 2), cell('法人或其他组织', 5), cell('总计', 1, 2)],
    APPLICANTS.slice(1).map((name) => cell(name)),
    [cell('一、本年新收政府信息公开申请数量', 2), ...received.map((n) => cell(n))],
    [cell('二、上年结转政府信息公开申请数量', 2), ...carriedOver.map((n) => cell(n))],
  ];

  let at = 0;
  const totals = new Array<number>(7).fill(0);
  const take = (): number[] => {
    const values = outcomes[at++]!;
    values.forEach((n, i) => {
      totals[i]! += n;
    });
    return values;
  };
  const outcomeRows: Cell[][] = [];
  for (const group of OUTCOME_GROUPS) {
    if (group.items.length === 0) {
      outcomeRows.push([cell(group.label, 2), ...take().map((n) => cell(n))]);
      continue;
    }
    group.items.forEach((item, i) => {
      const label = i === 0 ? [cell(group.label, 1, group.items.length)] : [];
      outcomeRows.push([...label, cell(item), ...take().map((n) => cell(n))]);
    });
  }
  const other = take();
  if (year >= 2021) {
    // Split 其他处理 over its three 2021 sub-items, most of it under 3.其他.
    const parts = [0, 1, 2].map(() => new Array<number>(7).fill(0));
    other.slice(0, 6).forEach((n, column) => {
      for (let k = 0; k < n; k++) parts[random.pick([0, 1, 2, 2])]![column]! += 1;
    });
    for (const part of parts) part[6] = part.slice(0, 6).reduce((a, b) => a + b, 0);
    OTHER_OUTCOMES_2021.forEach((item, i) => {
      const label = i === 0 ? [cell('（六）其他处理', 1, 3)] : [];
      outcomeRows.push([...label, cell(item), ...parts[i]!.map((n) => cell(n))]);
    });
  } else {
    outcomeRows.push([cell('（六）其他处理', 2), ...other.map((n) => cell(n))]);
  }
  outcomeRows.push([cell('（七）总计', 2), ...totals.map((n) => cell(n))]);
  outcomeRows[0]!.unshift(cell('三、本年度办理结果', 1, outcomeRows.length));

  rows.push(...outcomeRows);
  rows.push([cell('四、结转下年度继续办理', 2), ...carriedForward.map((n) => cell(n))]);
  return { rows };
}

/** 四、政府信息公开行政复议、行政诉讼情况. */
export function reviewTable(stats: Stats): Table {
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return {
    rows: [
      [cell('行政复议', 5), cell('行政诉讼', 10)],
      [...results.map((r) => cell(r, 1, 2)), cell('未经复议直接起诉', 5), cell('复议后起诉', 5)],
      [...results, ...results].map((r) => cell(r)),
      stats.reviews.map((n) => cell(n)),
    ],
  };
}

/** The 2013–2018 统计表 that many old reports appended. */
export function oldStatisticsTable(stats: Stats, year: number): Table {
  const { requests } = stats;
  const total = requests.received[6]!;
  const granted = requests.outcomes[0]![6]! + requests.outcomes[1]![6]!;
  let part = 0;
  const group = (title: string): Cell[] => row(`${headingNumeral(part++)}、${title}`, '—', '—');
  const rows: Cell[][] = [
    row('统计指标', '单位', '统计数'),
    group('主动公开情况'),
    row('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）', '条', stats.proactive),
    row('其中：主动公开规范性文件数', '条', stats.documents.made),
    row('制发规范性文件总数', '件', stats.documents.valid),
    row('（二）通过不同渠道和方式公开政府信息的情况', '—', '—'),
    row('1.政府公报公开政府信息数', '条', 0),
    row('2.政府网站公开政府信息数', '条', stats.viaWebsite),
    row('3.其他方式公开政府信息数', '条', stats.viaNewMedia),
  ];
  // The 回应解读 block entered the national 统计表 in 2015.
  if (year >= 2015) {
    rows.push(
      group('回应解读情况'),
      row('（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）', '次', stats.interpretations),
      row('（二）参加或举办新闻发布会总次数', '次', Math.round(stats.interpretations / 3)),
    );
  }
  rows.push(
    group('依申请公开情况'),
    row('（一）收到申请数', '件', total),
    row('1.当面申请数', '件', requests.byChannel.inPerson),
    row('2.传真申请数', '件', requests.byChannel.fax),
    row('3.网络申请数', '件', requests.byChannel.online),
    row('4.信函申请数', '件', requests.byChannel.letter),
    row('（二）申请办结数', '件', total + requests.carriedOver[6]! - requests.carriedForward[6]!),
    row('（三）同意公开答复数', '件', granted),
    row(`${headingNumeral(part++)}、行政复议数量`, '件', stats.reviews[4]!),
    row(`${headingNumeral(part++)}、行政诉讼数量`, '件', stats.reviews[9]! + stats.reviews[14]!),
    row(`${headingNumeral(part++)}、依申请公开信息收取的费用`, '万元', 0),
    group('机构建设和保障经费情况'),
    row('（一）政府信息公开工作专门机构数', '个', 1),
    row('（二）从事政府信息公开工作人员数', '人', Math.max(1, Math.round(stats.proactive / 300))),
  );
  return { rows };
}
