// The load test's traffic: what people and scripts ask of the site, weighted, with phrases of every
// frequency (from near-universal to rare, as in the generator's vocabulary) and real report ids.
// Deterministic for a seed, so two runs send the same sequence.

export const REQUEST_KINDS = ['search page', 'search page + facets', 'report page', 'trend', 'kwic', 'api/search'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Share of each kind in the traffic (sums to 1). */
export const KIND_WEIGHTS: Readonly<Record<RequestKind, number>> = {
  'search page': 0.3,
  'search page + facets': 0.2,
  'report page': 0.15,
  trend: 0.1,
  kwic: 0.1,
  'api/search': 0.15,
};

export const LOAD_PHRASES = [
  '政府信息公开',
  '主动公开',
  '依申请公开',
  '政府门户网站',
  '政务公开',
  '保密审查',
  '政策解读',
  '政务新媒体',
  '回应社会关切',
  '舆情回应',
  '行政处罚',
  '规范性文件',
  '政务服务中心',
  '新闻发布会',
  '乡村振兴',
  '优化营商环境',
  '疫情防控',
  '告知书',
  '政府信息管理',
  '适老化改造',
  '政务公开标准化规范化',
  '数据开放平台试运行',
] as const;

const FACET_CHOICES: ReadonlyArray<Record<string, string>> = [
  { level: 'county' },
  { level: 'city' },
  { level: 'province' },
  { year: '2020' },
  { year: '2022', level: 'county' },
  { province: '河南省' },
  { sectionType: 'proactive' },
  { sectionType: 'requests', year: '2021' },
];

export interface LoadRequest {
  kind: RequestKind;
  path: string;
}

/** A small seeded generator (mulberry32): enough to pick requests, and reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function kindOf(random: () => number): RequestKind {
  let r = random();
  for (const kind of REQUEST_KINDS) {
    r -= KIND_WEIGHTS[kind];
    if (r < 0) return kind;
  }
  return REQUEST_KINDS[REQUEST_KINDS.length - 1]!;
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** The next request of the mix. Report pages need ids: without any, a search page is sent instead. */
export function nextRequest(random: () => number, reportIds: readonly string[]): LoadRequest {
  const kind = kindOf(random);
  const q = pick(random, LOAD_PHRASES);
  switch (kind) {
    case 'search page':
      return { kind, path: `/?${query({ q, ...(random() < 0.2 ? { page: String(1 + Math.floor(random() * 10)) } : {}) })}` };
    case 'search page + facets':
      return { kind, path: `/?${query({ q, ...pick(random, FACET_CHOICES) })}` };
    case 'report page': {
      if (reportIds.length === 0) return { kind: 'search page', path: `/?${query({ q })}` };
      const id = encodeURIComponent(pick(random, reportIds));
      return { kind, path: random() < 0.5 ? `/reports/${id}` : `/reports/${id}?${query({ q })}` };
    }
    case 'trend':
      return { kind, path: random() < 0.5 ? `/trend?${query({ q })}` : `/api/trend?${query({ q })}` };
    case 'kwic':
      return { kind, path: `/kwic?${query({ q })}` };
    case 'api/search':
      return { kind, path: `/api/search?${query({ q, per: '20', ...(random() < 0.3 ? pick(random, FACET_CHOICES) : {}) })}` };
  }
}
