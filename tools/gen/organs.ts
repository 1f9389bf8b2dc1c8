// Who issues a report: a people's government or one of its departments, at a level, named as in
// the year it reports on (环境保护局 until 2018, 生态环境局 after the 2018 reorganisation).
import type { Level, OrganKind } from '../../core/report.js';
import type { City, County, Places, Province, Township } from './places.js';
import { type Random, WeightedTable } from './random.js';

/** The issuing body and the words a report uses about it and its place. */
export interface Organ {
  /** The name as written in the title, e.g. 桦甸市红石砬子镇人民政府, 沭阳县发展和改革局. */
  name: string;
  kind: OrganKind;
  level: Level;
  /** Null for national bodies. */
  province: string | null;
  /** How the report refers to the body: 我县, 我局, 本街道. */
  self: string;
  /** The whole jurisdiction: 全县, 全市, 全国. */
  whole: string;
  /** The bodies it works under: 县委、县政府. */
  leadership: string;
  /** The office that compiles the report and answers questions about it. */
  office: string;
  /** Where the report is published. */
  website: string;
  /** Province down to the body's own place, for addresses: 吉林省吉林市桦甸市红石砬子镇. */
  placeChain: string;
}

interface Department {
  name: string;
  since?: number;
  until?: number;
  weight?: number;
  /** A general office of a government counts as the government (types.ts: "or its office"). */
  government?: boolean;
}

const COUNTY_DEPARTMENTS: readonly Department[] = [
  { name: '人民政府办公室', government: true, weight: 3 },
  { name: '发展和改革局', weight: 3 },
  { name: '教育局', weight: 3 },
  { name: '公安局', weight: 2 },
  { name: '民政局', weight: 2 },
  { name: '司法局' },
  { name: '财政局', weight: 3 },
  { name: '人事局', until: 2009 },
  { name: '劳动和社会保障局', until: 2009 },
  { name: '人力资源和社会保障局', since: 2010, weight: 2 },
  { name: '国土资源局', until: 2018, weight: 2 },
  { name: '自然资源局', since: 2019, weight: 2 },
  { name: '环境保护局', until: 2018, weight: 2 },
  { name: '生态环境局', since: 2019, weight: 2 },
  { name: '建设局', until: 2010 },
  { name: '住房和城乡建设局', since: 2011, weight: 2 },
  { name: '交通局', until: 2009 },
  { name: '交通运输局', since: 2010, weight: 2 },
  { name: '水利局', weight: 2 },
  { name: '农业局', until: 2018, weight: 2 },
  { name: '农业农村局', since: 2019, weight: 2 },
  { name: '商务局' },
  { name: '文化局', until: 2012 },
  { name: '文化广电新闻出版局', since: 2013, until: 2018 },
  { name: '文化和旅游局', since: 2019 },
  { name: '卫生局', until: 2013, weight: 2 },
  { name: '卫生和计划生育局', since: 2014, until: 2018, weight: 2 },
  { name: '卫生健康局', since: 2019, weight: 2 },
  { name: '审计局' },
  { name: '统计局' },
  { name: '林业局' },
  { name: '工商行政管理局', until: 2017 },
  { name: '市场监督管理局', since: 2015, weight: 2 },
  { name: '安全生产监督管理局', until: 2018 },
  { name: '应急管理局', since: 2019, weight: 2 },
  { name: '退役军人事务局', since: 2019 },
  { name: '医疗保障局', since: 2019 },
  { name: '行政审批局', since: 2017 },
  { name: '科学技术局' },
  { name: '城市管理局', since: 2016 },
  { name: '信访局' },
  { name: '档案局' },
  { name: '粮食局', until: 2018 },
  { name: '体育局' },
];

/** Prefecture cities (and municipalities' province-level bodies) name a few of them 委员会. */
const CITY_DEPARTMENTS: readonly Department[] = [
  ...COUNTY_DEPARTMENTS.map((d): Department => {
    const renamed: Record<string, string> = {
      发展和改革局: '发展和改革委员会',
      卫生和计划生育局: '卫生和计划生育委员会',
      卫生健康局: '卫生健康委员会',
      自然资源局: '自然资源和规划局',
    };
    return { ...d, name: renamed[d.name] ?? d.name };
  }),
  { name: '教育委员会', weight: 0.5 },
  { name: '工业和信息化局', since: 2009 },
  { name: '住房保障和房产管理局', since: 2012 },
];

const PROVINCE_DEPARTMENTS: readonly Department[] = [
  { name: '人民政府办公厅', government: true, weight: 3 },
  { name: '发展和改革委员会', weight: 3 },
  { name: '教育厅', weight: 3 },
  { name: '科学技术厅' },
  { name: '工业和信息化厅', since: 2009 },
  { name: '公安厅', weight: 2 },
  { name: '民政厅', weight: 2 },
  { name: '司法厅' },
  { name: '财政厅', weight: 3 },
  { name: '人力资源和社会保障厅', since: 2009, weight: 2 },
  { name: '国土资源厅', until: 2018, weight: 2 },
  { name: '自然资源厅', since: 2019, weight: 2 },
  { name: '环境保护厅', until: 2018, weight: 2 },
  { name: '生态环境厅', since: 2019, weight: 2 },
  { name: '住房和城乡建设厅', weight: 2 },
  { name: '交通运输厅', weight: 2 },
  { name: '水利厅', weight: 2 },
  { name: '农业厅', until: 2018 },
  { name: '农业农村厅', since: 2019 },
  { name: '商务厅' },
  { name: '文化厅', until: 2018 },
  { name: '文化和旅游厅', since: 2019 },
  { name: '卫生厅', until: 2013 },
  { name: '卫生和计划生育委员会', since: 2014, until: 2018 },
  { name: '卫生健康委员会', since: 2019, weight: 2 },
  { name: '审计厅' },
  { name: '统计局' },
  { name: '市场监督管理局', since: 2018 },
  { name: '应急管理厅', since: 2019 },
  { name: '退役军人事务厅', since: 2019 },
  { name: '医疗保障局', since: 2019 },
  { name: '林业厅', until: 2018 },
  { name: '林业和草原局', since: 2019 },
];

const NATIONAL_BODIES: readonly Department[] = [
  { name: '国务院办公厅', government: true, weight: 2 },
  { name: '外交部' },
  { name: '国家发展和改革委员会', weight: 2 },
  { name: '教育部', weight: 2 },
  { name: '科学技术部' },
  { name: '工业和信息化部', since: 2008 },
  { name: '公安部' },
  { name: '民政部' },
  { name: '司法部' },
  { name: '财政部', weight: 2 },
  { name: '人力资源和社会保障部' },
  { name: '国土资源部', until: 2017 },
  { name: '自然资源部', since: 2018 },
  { name: '环境保护部', until: 2017 },
  { name: '生态环境部', since: 2018 },
  { name: '住房和城乡建设部' },
  { name: '交通运输部' },
  { name: '水利部' },
  { name: '农业部', until: 2017 },
  { name: '农业农村部', since: 2018 },
  { name: '商务部' },
  { name: '文化部', until: 2017 },
  { name: '文化和旅游部', since: 2018 },
  { name: '卫生部', until: 2012 },
  { name: '国家卫生和计划生育委员会', since: 2013, until: 2017 },
  { name: '国家卫生健康委员会', since: 2018 },
  { name: '审计署' },
  { name: '海关总署' },
  { name: '国家税务总局' },
  { name: '国家统计局' },
  { name: '国家市场监督管理总局', since: 2018 },
  { name: '应急管理部', since: 2018 },
  { name: '退役军人事务部', since: 2018 },
  { name: '国家医疗保障局', since: 2018 },
];

const catalogCache = new Map<string, WeightedTable<Department>>();

/** The departments that existed in `year`, as a table to draw from (cached per list and year). */
function departmentsIn(list: readonly Department[], listName: string, year: number): WeightedTable<Department> {
  const key = `${listName}:${year}`;
  let table = catalogCache.get(key);
  if (!table) {
    const current = list.filter((d) => (d.since ?? 0) <= year && year <= (d.until ?? 9999));
    table = new WeightedTable(current.map((d) => [d, d.weight ?? 1] as const));
    catalogCache.set(key, table);
  }
  return table;
}

/** The one-character word a place uses for itself: 县 (我县, 全县), 区, 市, 旗, 州, 镇, 乡. */
function placeWord(name: string): string {
  if (name.endsWith('街道')) return '街道';
  if (name.endsWith('自治区')) return '区';
  if (name.endsWith('自治州')) return '州';
  if (name.endsWith('地区')) return '地区';
  return name.slice(-1);
}

/** 我局, 我委, 我厅, 我部, 我署, 我办 — by the department's last word. */
function departmentSelf(name: string): string {
  if (name.endsWith('委员会')) return '我委';
  if (name.endsWith('办公室')) return '我办';
  if (name.endsWith('办公厅')) return '我厅';
  if (name.endsWith('总局')) return '我局';
  return `我${name.slice(-1)}`;
}

/** 长顺县财政局办公室, 教育部办公厅, 长顺县人民政府办公室秘书科. */
function departmentOffice(name: string): string {
  if (name.endsWith('办公室') || name.endsWith('办公厅')) return `${name}秘书科`;
  if (name.endsWith('部') || name.endsWith('署') || name.endsWith('总局')) return `${name}办公厅`;
  return `${name}办公室`;
}

function governmentName(place: string): string {
  if (place.endsWith('地区') || place.endsWith('盟')) return `${place}行政公署`;
  if (place.endsWith('街道')) return `${place}办事处`;
  return `${place}人民政府`;
}

const ROADS = [
  '人民路',
  '中山路',
  '解放路',
  '建设路',
  '府前路',
  '新华路',
  '文化路',
  '迎宾大道',
  '政府街',
  '行政中心路',
  '长江路',
  '和平路',
  '世纪大道',
  '振兴路',
];

interface Jurisdiction {
  level: Exclude<Level, 'national'>;
  province: Province;
  /** The place's own name and the names above it, from the province down. */
  chain: string[];
  /** Name prefixes a title may use, shortest first (嘉定区 / 上海市嘉定区). */
  prefixes: string[];
  /** 县 as in 我县, 全县. */
  word: string;
  /** The party committee and government a body works under: 县委、县政府 for a county and its townships. */
  leadership: string;
  /** The government whose website carries the report. */
  siteOwner: string;
}

/** 县委、县政府; a prefecture (地区, 盟) is governed by an administrative office (行署). */
function leadershipOf(word: string): string {
  if (word === '地区') return '地委、行署';
  if (word === '盟') return '盟委、行署';
  return `${word}委、${word}政府`;
}

function townshipJurisdiction(township: Township): Jurisdiction {
  const { province, city, county } = township;
  const chain = [province.name, city?.name, county?.name, township.name].filter((s): s is string => !!s);
  // places.ts keeps only townships with a county or a city above them.
  const parent = county ?? city!;
  return {
    level: 'township',
    province,
    chain: [...new Set(chain)],
    prefixes: [township.name, `${parent.name}${township.name}`, `${chain.slice(1).join('')}`],
    word: placeWord(township.name),
    leadership: leadershipOf(placeWord(parent.name)),
    siteOwner: governmentName(parent.name),
  };
}

function countyJurisdiction(county: County): Jurisdiction {
  const upper = county.city ?? county.province;
  const chain = [county.province.name, county.city?.name, county.name].filter((s): s is string => !!s);
  return {
    level: 'county',
    province: county.province,
    chain,
    prefixes: [county.name, `${upper.name}${county.name}`],
    word: placeWord(county.name),
    leadership: leadershipOf(placeWord(county.name)),
    siteOwner: governmentName(county.name),
  };
}

function cityJurisdiction(city: City): Jurisdiction {
  const word = placeWord(city.name);
  return {
    level: 'city',
    province: city.province,
    chain: [city.province.name, city.name],
    // Two in three titles name the city alone.
    prefixes: [city.name, city.name, `${city.province.name}${city.name}`],
    word,
    leadership: leadershipOf(word),
    siteOwner: governmentName(city.name),
  };
}

function provinceJurisdiction(province: Province): Jurisdiction {
  const word = placeWord(province.name);
  return {
    level: 'province',
    province,
    chain: [province.name],
    prefixes: [province.name],
    word,
    // An autonomous region's party committee is the 区党委.
    leadership: word === '区' ? '区党委、区政府' : leadershipOf(word),
    siteOwner: governmentName(province.name),
  };
}

function organOfJurisdiction(random: Random, place: Jurisdiction, year: number): Organ {
  const governmentShare: Record<Jurisdiction['level'], number> = { township: 1, county: 0.3, city: 0.3, province: 0.25 };
  const own = place.chain[place.chain.length - 1]!;
  const prefix = random.pick(place.prefixes);
  const whole = `全${place.word}`;
  const { leadership } = place;

  if (random.chance(governmentShare[place.level])) {
    const office =
      place.level === 'township'
        ? `${own}${random.pick(['党政办公室', '党政综合办公室', '综合办公室'])}`
        : `${own}人民政府办公${place.level === 'province' ? '厅' : '室'}`;
    const self = place.word === '街道' ? random.pick(['我街道', '本街道']) : `我${place.word}`;
    return {
      name: governmentName(prefix),
      kind: 'government',
      level: place.level,
      province: place.province.name,
      self,
      whole,
      leadership,
      office,
      website: `${place.siteOwner}门户网站`,
      placeChain: place.chain.join(''),
    };
  }

  const list =
    place.level === 'province' && !place.province.municipality
      ? PROVINCE_DEPARTMENTS
      : place.level === 'county'
        ? COUNTY_DEPARTMENTS
        : CITY_DEPARTMENTS;
  const listName = list === PROVINCE_DEPARTMENTS ? 'province' : list === COUNTY_DEPARTMENTS ? 'county' : 'city';
  const department = departmentsIn(list, listName, year).draw(random);
  // A department's short prefix is its place's own name (沭阳县发展和改革局), rarely the full chain.
  const name = `${random.chance(0.85) ? own : prefix}${department.name}`;
  return {
    name,
    kind: department.government ? 'government' : 'department',
    level: place.level,
    province: place.province.name,
    self: departmentSelf(department.name),
    whole,
    leadership,
    office: departmentOffice(name),
    website: random.chance(0.5) ? `${place.siteOwner}门户网站` : `${name}网站`,
    placeChain: place.chain.join(''),
  };
}

function nationalOrgan(random: Random, year: number): Organ {
  const body = departmentsIn(NATIONAL_BODIES, 'national', year).draw(random);
  return {
    name: body.name,
    kind: body.government ? 'government' : 'department',
    level: 'national',
    province: null,
    self: body.government ? '国务院办公厅' : departmentSelf(body.name),
    whole: '全国',
    leadership: '党中央、国务院',
    office: body.government ? '国务院办公厅秘书局' : departmentOffice(body.name),
    website: body.government ? '中国政府网' : `${body.name}门户网站`,
    placeChain: '北京市',
  };
}

/** Picks a body of `level` that existed in `year`, uniformly over the places of that level. */
export function chooseOrgan(random: Random, places: Places, level: Level, year: number): Organ {
  switch (level) {
    case 'national':
      return nationalOrgan(random, year);
    case 'province':
      return organOfJurisdiction(random, provinceJurisdiction(random.pick(places.provinces)), year);
    case 'city':
      return organOfJurisdiction(random, cityJurisdiction(random.pick(places.cities)), year);
    case 'county':
      return organOfJurisdiction(random, countyJurisdiction(random.pick(places.counties)), year);
    case 'township':
      return organOfJurisdiction(random, townshipJurisdiction(random.pick(places.townships)), year);
  }
}

/** An address in the body's place, for the contact sentence of the preamble. */
export function organAddress(random: Random, organ: Organ): string {
  return `${organ.placeChain}${random.pick(ROADS)}${random.int(1, 399)}号`;
}
