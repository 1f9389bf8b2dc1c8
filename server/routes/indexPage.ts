// `/index`: what the index holds — reports by year × level, by format and by province — and what the
// last index run skipped. Paths are the ones recorded relative to the folder indexed: no server path.
import { Router } from 'express';
import { LEVELS } from '../../core/report.js';
import { MISSING_FACET_VALUE } from '../../core/facets.js';
import type { LastRun } from '../../config/lastRun.js';
import type { IndexOverview } from '../../search/port.js';
import { facetValueLabel } from '../labels.js';
import { formatCount, navLinks } from '../present.js';
import type { RouteDeps } from './deps.js';

/** What each skip code means, for a reader of the page (the codes are README's). */
const SKIP_LABELS: Readonly<Record<string, string>> = {
  empty: '空文件',
  binary: '不是文本',
  undecodable: '无法识别编码',
  unreadable: '无法读取',
  'not-found': '文件不存在',
  hidden: '隐藏文件',
  'unsupported-type': '不支持的文件类型',
  'unsupported-format': '不支持的格式',
  'wrong-format': '格式与扩展名不符',
  'no-text-layer': '扫描件，无文字层',
  encrypted: '已加密',
  malformed: '文件损坏',
  'too-large': '文件过大',
  timeout: '读取超时',
  duplicate: '重复（已收录另一份）',
  'not-a-report': '不是年度报告',
  compilation: '多份报告的合集',
};

const sortedCounts = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

export function indexPageModel(overview: IndexOverview, lastRun: LastRun | null) {
  const levelsPresent = new Set(Object.values(overview.byYearLevel).flatMap((row) => Object.keys(row)));
  const levels = [...LEVELS, MISSING_FACET_VALUE].filter((level) => levelsPresent.has(level));
  // Newest year first, undated last.
  const years = Object.keys(overview.byYearLevel).sort((a, b) =>
    a === MISSING_FACET_VALUE ? 1 : b === MISSING_FACET_VALUE ? -1 : Number(b) - Number(a),
  );
  return {
    pageTitle: '收录情况 — 政府信息公开年报检索',
    nav: navLinks('report', { q: '', filters: {} }).map((link) => ({ ...link, current: false })),
    scripts: [],
    empty: overview.reports === 0,
    reports: formatCount(overview.reports),
    yearLevel: {
      levels: levels.map((level) => facetValueLabel('level', level)),
      rows: years.map((year) => {
        const row = overview.byYearLevel[year] ?? {};
        return {
          label: facetValueLabel('year', year),
          cells: levels.map((level) => formatCount(row[level] ?? 0)),
          total: formatCount(Object.values(row).reduce((a, b) => a + b, 0)),
        };
      }),
    },
    formats: sortedCounts(overview.byFormat).map(([format, count]) => ({
      label: format === MISSING_FACET_VALUE ? '未记录' : format.toUpperCase(),
      count: formatCount(count),
    })),
    provinces: sortedCounts(overview.byProvince).map(([province, count]) => ({
      label: facetValueLabel('province', province),
      count: formatCount(count),
    })),
    lastRun: lastRun && {
      finishedAt: lastRun.finishedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
      counts: [
        ['文件', lastRun.files],
        ['新增', lastRun.new],
        ['更新', lastRun.updated],
        ['未变', lastRun.unchanged],
        ['跳过', lastRun.skipped.length],
      ].map(([label, n]) => ({ label, count: formatCount(n as number) })),
      // The reason a run prints may name where a file is on the indexing machine: the page gives the code.
      skipped: lastRun.skipped.map((s) => ({ source: s.source, code: s.code, label: SKIP_LABELS[s.code] ?? s.code })),
    },
  };
}

export function indexPage(deps: RouteDeps, lastRun: () => Promise<LastRun | null>): Router {
  const router = Router();
  router.get('/index', async (_request, response) => {
    const [overview, run] = await Promise.all([deps.search.indexOverview(), lastRun()]);
    response.type('html').send(deps.views.render('index', indexPageModel(overview, run)));
  });
  return router;
}
