// Statistics tables are stored packed on report documents: what comes back is what went in.
import { describe, expect, it } from 'vitest';
import { parseStatistics } from '../core/statistics/parse.js';
import { flattenMeasures } from '../core/measures.js';
import { packMeasures, packStatistics, unpackMeasures, unpackStatistics } from '../index/statisticsCodec.js';
import { parserInput, statisticsFixture } from './helpers/statistics.js';

const tables = (name: string, isHtml = false) => {
  const statistics = parseStatistics(parserInput(statisticsFixture(name).toString('utf8'), isHtml));
  if (!statistics) throw new Error(`${name}: no statistics`);
  return statistics;
};

describe('packed statistics', () => {
  it.each([
    ['yunxi-2021.html', true],
    ['yunxi-2019.pipes.txt', false],
    ['yunxi-2021.arithmetic-error.pipes.txt', false],
  ] as const)('give back every cell, value, check and mark of %s', (name, isHtml) => {
    const statistics = tables(name, isHtml);
    expect(unpackStatistics(packStatistics(statistics) as string)).toEqual(statistics);
  });

  it('take less than a fifth of the plain JSON', () => {
    const statistics = tables('yunxi-2021.html', true);
    expect((packStatistics(statistics) as string).length).toBeLessThan(JSON.stringify(statistics).length / 5);
  });

  it('store no tables as null', () => {
    expect(packStatistics(null)).toBeNull();
  });
});

describe('packed measures', () => {
  it('give back every measure of a report', () => {
    const measures = flattenMeasures(tables('yunxi-2021.html', true));
    expect(Object.keys(measures).length).toBeGreaterThan(50);
    expect(unpackMeasures(packMeasures(measures))).toEqual(measures);
  });

  it('take less than a third of the plain JSON', () => {
    const measures = flattenMeasures(tables('yunxi-2021.html', true));
    expect((packMeasures(measures) as string).length).toBeLessThan(JSON.stringify(measures).length / 3);
  });

  it('store none as null, read back as none', () => {
    expect(packMeasures({})).toBeNull();
    expect(unpackMeasures(null)).toEqual({});
  });
});
