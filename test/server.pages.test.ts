import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/serverHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const q = (text: string) => encodeURIComponent(text);

describe('search page /', () => {
  it('shows the query box, the help block and totals of sections and reports', async () => {
    const { response, $ } = await h.page(`/?q=${q('保密审查')}`);
    expect(response.status).toBe(200);
    expect($('html').attr('lang')).toBe('zh-CN');
    expect($('input[name=q]').val()).toBe('保密审查');
    expect($('.summary').text().replace(/\s+/g, ' ')).toContain('共 6 个章节，来自 5 份报告');
    expect($('details.help').text()).toContain('OR');
  });

  it('says above the results when part of the query is searched as text, not as an operator', async () => {
    const { $ } = await h.page(`/?q=${q('保密* NEAR/5 审查')}`);
    const notices = $('.results .notice')
      .map((_, el) => $(el).text())
      .get();
    expect(notices.join(' ')).toMatch(/通配符/);
  });

  it('offers a year range control whose choice becomes year=2019-2020 in every link it carries', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&yearFrom=2020&yearTo=2019`);
    expect($('select[name=yearFrom] option[selected]').attr('value')).toBe('2019');
    expect($('select[name=yearTo] option[selected]').attr('value')).toBe('2020');
    expect($('.facet[data-facet=province] a.facet-value').first().attr('href')).toContain('year=2019-2020');
    expect($('.facet[data-facet=year] a.is-active .facet-label').text()).toBe('2019–2020 年');
    // The range travels in the selects only, so choosing 不限 in both clears it.
    expect($('form.search-form input[type=hidden][name=year]')).toHaveLength(0);
  });

  it('shows group=report as one row per report with its sections under it', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&group=report`);
    expect($('select[name=group] option[selected]').attr('value')).toBe('report');
    const groups = $('.report-groups > .report-group');
    expect(groups.length).toBe(Number($('.summary strong').eq(1).text()));
    expect(groups.find('.hit').length).toBe(Number($('.summary strong').eq(0).text()));
  });

  it('nests place facets: a ticked province shows its cities with counts, a ticked city its counties', async () => {
    const top = await h.page(`/?q=${q('保密审查')}`);
    expect(top.$('.facet[data-facet=city]')).toHaveLength(0);
    const province = await h.page(`/?q=${q('保密审查')}&province=${q('四川省')}`);
    const cities = province.$('.facet-nested[data-facet=city] .facet-value');
    expect(cities.map((_, el) => province.$(el).find('.facet-label').text()).get()).toEqual(['成都市']);
    expect(cities.find('.count').text()).toBe('1');
    expect(province.$('.facet[data-facet=county]')).toHaveLength(0);
    const city = await h.page(`/?q=${q('保密审查')}&province=${q('四川省')}&city=${q('成都市')}`);
    expect(city.$('.facet-nested[data-facet=county] .facet-label').text()).toBe('双流区');
  });

  it('highlights, for a NEAR query, the occurrences of both terms that take part', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查 NEAR/3 政府网站')}`);
    const marked = $('.hit .snippet mark')
      .map((_, el) => $(el).text())
      .get();
    expect(new Set(marked)).toEqual(new Set(['保密审查', '政府网站', '保密審查', '政府網站']));
    expect($('.summary').text()).toContain('共 2 个章节');
  });

  it('shows no notice for operators it accepts (AND, lower-case or, full-width minus)', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查 and 政府网站 or 网站 －信息')}`);
    expect($('.results .notice')).toHaveLength(0);
  });

  it('offers no export links when nothing matched', async () => {
    const { $ } = await h.page(`/?q=${q('没有这个词语')}`);
    expect($('.tools a[href^="/export"]')).toHaveLength(0);
    const found = await h.page(`/?q=${q('保密审查')}`);
    // CSV, JSONL, and CSV with "also in".
    expect(found.$('.tools a[href^="/export"]')).toHaveLength(3);
  });

  it('links each hit to its report at its section, carrying the query', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&province=${q('四川省')}`);
    const link = $('.hit .hit-title a').first().attr('href');
    expect(link).toBe(`/reports/sc-township-2018?q=${q('保密审查')}#sc-township-2018-s0`);
    expect($('.hit .snippet mark').first().text()).toBe('保密审查');
    expect($('.hit .hit-meta').text()).toContain('乡镇级');
  });

  it('finds a phrase written in traditional characters and across a line break', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&sort=year-desc`);
    const years = $('.hit .hit-meta')
      .map((_, el) => $(el).text())
      .get()
      .join('|');
    expect(years).toContain('2021'); // 保密審查 in the 2021 report
    expect($('.hit .hit-heading').text()).toContain('四、存在的主要问题及改进情况'); // 保密\n审查
  });

  it('labels levels and section types in Chinese in the facet panel', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}`);
    const levels = $('.facet[data-facet=level] .facet-label')
      .map((_, el) => $(el).text())
      .get();
    expect(levels).toEqual(['省级', '市级', '县级', '乡镇级']);
    const types = $('.facet[data-facet=sectionType] .facet-label')
      .map((_, el) => $(el).text())
      .get();
    expect(types).toEqual(['概述/总体情况', '存在问题及改进']);
  });

  it('hides zero-count values and keeps an active value visible to untick it', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&province=${q('北京市')}`);
    const provinces = $('.facet[data-facet=province] .facet-value');
    // Province counts ignore the province filter itself, so other provinces can be OR-ed in.
    expect(provinces.map((_, el) => $(el).find('.facet-label').text()).get()).toEqual(['北京市', '广东省', '四川省']);
    expect($('.facet[data-facet=province] .facet-value.is-active .facet-label').text()).toBe('北京市');
    // Other facets follow the province filter: only Beijing's (county) level remains.
    expect(
      $('.facet[data-facet=level] .facet-label')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['县级']);
    expect(
      $('.facet[data-facet=year] .facet-label')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['2020 年', '2019 年']);
  });

  it('toggles a facet value through a link: OR within a facet, AND across facets', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&province=${q('北京市')}`);
    const addGuangdong = $('.facet[data-facet=province] .facet-value')
      .filter((_, el) => $(el).text().includes('广东省'))
      .attr('href')!;
    expect(addGuangdong).toBe(`/?q=${q('保密审查')}&province=${q('北京市')}&province=${q('广东省')}`);
    const both = await h.page(addGuangdong);
    expect(both.$('.summary').text()).toContain('共 5 个章节，来自 4 份报告');
    const withLevel = await h.page(`${addGuangdong}&level=city`);
    expect(withLevel.$('.summary').text()).toContain('共 1 个章节，来自 1 份报告');
  });

  it('shows active filters with a link to clear each one and a link to clear all', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&province=${q('北京市')}&level=county&sort=year-asc`);
    const chips = $('.active-filters .chip');
    expect(chips.map((_, el) => $(el).text().replace(/\s+/g, '')).get()).toEqual(['省份：北京市×（移除）', '层级：县级×（移除）']);
    expect(chips.eq(1).attr('href')).toBe(`/?q=${q('保密审查')}&province=${q('北京市')}&sort=year-asc`);
    expect($('.active-filters .clear-all').attr('href')).toBe(`/?q=${q('保密审查')}&sort=year-asc`);
  });

  it('keeps the filters in the form so a new query stays within them', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&province=${q('北京市')}&sectionType=overview`);
    const hidden = $('form.search-form input[type=hidden]')
      .map((_, el) => `${$(el).attr('name')}=${$(el).val()}`)
      .get();
    expect(hidden).toEqual(['province=北京市']);
    expect($('select[name=sectionType] option[selected]').val()).toBe('overview');
  });

  it('offers the statistics controls empty: any measure, ≥, no number, the checkbox unticked', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}`);
    expect($('select[name=statMeasure] option[selected]').val()).toBe('');
    expect($('select[name=statMeasure] option[value="requests.newReceived.total"]').text()).toBe('本年新收申请数（总计）');
    expect(
      $('select[name=statOp] option')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['≥', '≤', '=', '>', '<']);
    expect($('input[name=statValue]').val()).toBe('');
    expect($('input[type=checkbox][name=checks][value=failed]').attr('checked')).toBeUndefined();
    expect($('label[for=stat-measure]').text()).toBe('指标');
  });

  const chosen = `/?q=${q('保密审查')}&statMeasure=requests.newReceived.total&statOp=${q('>=')}&statValue=100&checks=failed`;
  const statInUrl = `stat=${q('requests.newReceived.total>=100')}`;

  it('keeps a chosen statistics condition in its controls', async () => {
    const { $ } = await h.page(chosen);
    expect($('select[name=statMeasure] option[selected]').val()).toBe('requests.newReceived.total');
    expect($('select[name=statOp] option[selected]').val()).toBe('>=');
    expect($('input[name=statValue]').val()).toBe('100');
    expect($('input[type=checkbox][name=checks][value=failed]').attr('checked')).toBe('checked');
  });

  it('carries the statistics condition in facet links as stat= and checks=', async () => {
    // No fake report has tables, so only the ticked value (kept visible to untick it) is listed.
    const { $ } = await h.page(`${chosen}&level=county`);
    const href = $('.facet[data-facet=level] a.facet-value.is-active').attr('href') ?? '';
    expect(href).toContain(statInUrl);
    expect(href).toContain('checks=failed');
  });

  it('shows the statistics condition in the active-filter line, each with a link that drops it', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&level=county&${statInUrl}&checks=failed`);
    const chips = $('.active-filters .chip');
    expect(chips.map((_, el) => $(el).text().replace(/\s+/g, '')).get()).toEqual([
      '层级：县级×（移除）',
      '统计表：本年新收申请数（总计）≥100×（移除）',
      '统计表：表格核对未通过×（移除）',
    ]);
    expect(chips.eq(1).attr('href')).toBe(`/?q=${q('保密审查')}&level=county&checks=failed`);
    expect(chips.eq(2).attr('href')).toBe(`/?q=${q('保密审查')}&level=county&${statInUrl}`);
    expect($('.active-filters .clear-all').attr('href')).toBe(`/?q=${q('保密审查')}`);
  });

  it('keeps conditions beyond the one in the controls as hidden fields', async () => {
    const { $ } = await h.page(`/?stat=${q('review.total>=1')}&${statInUrl}`);
    expect(
      $('input[type=hidden][name=stat]')
        .map((_, el) => $(el).val())
        .get(),
    ).toEqual(['review.total>=1']);
    expect($('input[name=statValue]').val()).toBe('100');
  });

  it('says in Chinese when the number of a statistics condition is not a number', async () => {
    const { response, $ } = await h.page(`/?statMeasure=requests.newReceived.total&statValue=abc`);
    expect(response.status).toBe(400);
    expect($('body').text()).toContain('统计条件的数值应为数字');
  });

  it('searches within one template section from the select', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&sectionType=problems`);
    expect($('.summary').text()).toContain('共 1 个章节，来自 1 份报告');
  });

  it('offers a filter box over provinces that stays hidden until the script shows it', async () => {
    const { $ } = await h.page('/');
    expect($('.facet[data-facet=province] input.facet-filter').attr('hidden')).toBeDefined();
    expect($('script[src="/static/facets.js"]').length).toBe(1);
  });

  it('pages through results with links that keep the state', async () => {
    const { $ } = await h.page(`/?per=2&sort=year-asc`);
    expect($('.hit').length).toBe(2);
    const next = $('.pagination a[rel=next]').attr('href');
    expect(next).toBe('/?sort=year-asc&per=2&page=2');
    const second = await h.page(next!);
    expect(second.$('.pagination .current').text()).toBe('2');
  });

  it('sorts by year when asked', async () => {
    const { $ } = await h.page(`/?q=${q('保密审查')}&sort=year-asc`);
    const years = $('.hit .hit-meta span')
      .filter((_, el) => /年$/.test($(el).text()))
      .map((_, el) => $(el).text())
      .get();
    expect(years).toEqual([...years].sort());
  });
});

describe('report page /reports/:reportId', () => {
  it('shows metadata, a table of contents and an anchor per section', async () => {
    const { response, $ } = await h.page('/reports/bj-dongcheng-2019');
    expect(response.status).toBe(200);
    expect($('h1').text()).toBe('北京市东城区人民政府2019年政府信息公开工作年度报告');
    expect($('.report-meta').text()).toContain('县级');
    expect($('.toc ol li').length).toBe(5);
    expect($('.toc ol li').first().text()).toContain('前言');
    for (let i = 0; i < 5; i++) expect($(`section#bj-dongcheng-2019-s${i}`).length).toBe(1);
  });

  it('highlights the searched phrase and numbers its occurrences in document order', async () => {
    const { $ } = await h.page(`/reports/bj-dongcheng-2019?q=${q('保密审查')}`);
    const ids = $('mark[id]')
      .map((_, el) => $(el).attr('id'))
      .get();
    expect(ids).toEqual(['occ-bj-dongcheng-2019-s1-0', 'occ-bj-dongcheng-2019-s1-1', 'occ-bj-dongcheng-2019-s4-0']);
    expect($('.occ-summary').text()).toContain('共出现 3 处');
    // Previous/next are plain links between neighbours, across sections.
    const navOfSecond = $('.occ-nav')
      .eq(1)
      .find('a')
      .map((_, el) => $(el).attr('href'))
      .get();
    expect(navOfSecond).toEqual(['#occ-bj-dongcheng-2019-s1-0', '#occ-bj-dongcheng-2019-s4-0']);
    expect($('.toc .occ-count').first().attr('href')).toBe('#occ-bj-dongcheng-2019-s1-0');
  });

  it('links to the same organ in other years', async () => {
    const { $ } = await h.page(`/reports/bj-dongcheng-2019?q=${q('保密审查')}`);
    const links = $('.same-organ a');
    expect(links.length).toBe(1);
    expect(links.attr('href')).toBe(`/reports/bj-dongcheng-2020?q=${q('保密审查')}`);
    expect(links.text()).toContain('2020 年');
  });

  it('gives each section a citation with an absolute permalink and the source path', async () => {
    const { $ } = await h.page('/reports/bj-dongcheng-2020');
    const cite = $('#bj-dongcheng-2020-s0 .cite-text').text();
    expect(cite).toContain('北京市东城区人民政府');
    expect(cite).toContain('《北京市东城区人民政府2020年政府信息公开工作年度报告》');
    expect(cite).toContain('一、总体情况');
    expect(cite).toContain('2020');
    expect(cite).toContain(`${h.server.url}/reports/bj-dongcheng-2020#bj-dongcheng-2020-s0`);
    expect(cite).toContain('reports/bj-dongcheng-2020.txt');
  });

  it('gives each section a GB/T 7714-2015 reference and a BibTeX entry', async () => {
    const { $ } = await h.page('/reports/bj-dongcheng-2020');
    const gbt = $('#bj-dongcheng-2020-s0 .cite-gbt').text();
    expect(gbt).toMatch(
      /北京市东城区人民政府\. 北京市东城区人民政府2020年政府信息公开工作年度报告: 一、总体情况\[EB\/OL\]\. .*\[\d{4}-\d{2}-\d{2}\]\. http/,
    );
    expect($('#bj-dongcheng-2020-s0 .cite-bibtex').text()).toMatch(/^@misc\{bj-dongcheng-2020-s0,/);
  });

  it('serves a section’s citation as RIS for Zotero and as BibTeX', async () => {
    const ris = await h.get('/reports/bj-dongcheng-2020/citation.ris?section=bj-dongcheng-2020-s0');
    expect(ris.status).toBe(200);
    expect(ris.headers.get('content-type')).toContain('application/x-research-info-systems');
    expect(await ris.text()).toMatch(/^TY {2}- GOVDOC\r\n[\s\S]*T2 {2}- 一、总体情况\r\n[\s\S]*ER {2}- \r\n$/);
    const bib = await h.get('/reports/bj-dongcheng-2020/citation.bib');
    expect(await bib.text()).toMatch(/^@misc\{bj-dongcheng-2020,/);
    expect((await h.get('/reports/bj-dongcheng-2020/citation.ris?section=nope')).status).toBe(404);
  });

  it('says why nothing is highlighted when the query cannot be read', async () => {
    const { response, $ } = await h.page(`/reports/bj-dongcheng-2019?q=${q('保密 OR')}`);
    expect(response.status).toBe(200);
    expect($('.notice').text()).toContain('OR 需要两边都有检索词');
    expect($('mark').length).toBe(0);
  });

  it.each([['/reports/no-such-report'], ['/reports/bad%20id!']])('answers 404 for %s', async (path) => {
    const { response, $ } = await h.page(path);
    expect(response.status).toBe(404);
    expect($('h1').text()).toBe('未找到');
  });
});

describe('trend page /trend', () => {
  it('draws an SVG bar chart with a title on each bar, and a table beside it', async () => {
    const { $ } = await h.page(`/trend?q=${q('政府网站')}`);
    const svg = $('svg.trend-chart');
    expect(svg.length).toBe(1);
    const bars = svg.find('rect.bar-rect');
    expect(bars.length).toBe(4); // 2018–2021
    expect(bars.eq(2).find('title').text()).toBe('2020 年：1 / 2 份报告（50.0%），1 个章节');
    expect(
      svg
        .find('text.year-label')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['2018', '2019', '2020', '2021']);
    const row2020 = $('.trend-table tbody tr')
      .eq(2)
      .find('th, td')
      .map((_, el) => $(el).text())
      .get();
    expect(row2020).toEqual(['2020', '1', '1', '2', '50.0%']);
  });

  it('tabulates level × year with counts and shares', async () => {
    const { $ } = await h.page(`/trend?q=${q('政府网站')}`);
    const county = $('.level-table tbody tr').filter((_, el) => $(el).find('th').text() === '县级');
    const cells = county
      .find('td')
      .map((_, el) => `${$(el).find('.ratio').text()} ${$(el).find('.share').text()}`.trim())
      .get();
    expect(cells).toEqual(['—', '1 / 1 100.0%', '1 / 1 100.0%', '—']);
    const city = $('.level-table tbody tr').filter((_, el) => $(el).find('th').text() === '市级');
    expect(city.find('td').eq(2).text()).toBe('0 / 10.0%');
  });
});

describe('concordance /kwic', () => {
  it('lists one line per occurrence, each linking to that occurrence in its report', async () => {
    const { $ } = await h.page(`/kwic?q=${q('保密审查')}`);
    expect($('table.kwic tbody tr').length).toBe(7);
    expect($('.summary').text()).toContain('共 7 处');
    const hrefs = $('td.kwic-match a')
      .map((_, el) => $(el).attr('href'))
      .get();
    expect(hrefs).toContain(`/reports/bj-dongcheng-2019?q=${q('保密审查')}#occ-bj-dongcheng-2019-s1-1`);
    expect(hrefs).toContain(`/reports/bj-dongcheng-2019?q=${q('保密审查')}#occ-bj-dongcheng-2019-s4-0`);
  });

  it('sorts by the right context', async () => {
    const { $ } = await h.page(`/kwic?q=${q('保密审查')}&sort=right`);
    const right = $('td.kwic-right')
      .map((_, el) => $(el).text())
      .get();
    expect(right).toEqual([...right].sort(new Intl.Collator('zh-CN').compare));
  });

  it('sorts by the left context read backwards', async () => {
    const { $ } = await h.page(`/kwic?q=${q('保密审查')}&sort=left&context=2`);
    const left = $('td.kwic-left')
      .map((_, el) => $(el).text())
      .get();
    const backwards = left.map((text) => Array.from(text).reverse().join(''));
    expect(backwards).toEqual([...backwards].sort(new Intl.Collator('zh-CN').compare));
  });

  it('cuts the context to the requested width', async () => {
    const { $ } = await h.page(`/kwic?q=${q('保密审查')}&context=10`);
    for (const el of $('td.kwic-left, td.kwic-right').toArray()) {
      expect(Array.from($(el).text()).length).toBeLessThanOrEqual(10);
    }
  });

  it('pages the lines', async () => {
    const { $ } = await h.page(`/kwic?q=${q('保密审查')}&per=3&page=3`);
    expect($('table.kwic tbody tr').length).toBe(1);
    expect($('.pagination .current').text()).toBe('3');
  });

  it('asks for a query instead of listing everything', async () => {
    const { $ } = await h.page('/kwic');
    expect($('table.kwic').length).toBe(0);
    expect($('details.help').length).toBe(1);
  });

  it('says when the list was cut at the limit', async () => {
    const limited = await startHarness({ concordanceLimit: 3 });
    try {
      const { $ } = await limited.page(`/kwic?q=${q('保密审查')}&sort=left`);
      expect($('.summary').text()).toContain('只读取了前 3 处');
      expect($('table.kwic tbody tr').length).toBe(3);
    } finally {
      await limited.close();
    }
  });
});

describe('unknown pages', () => {
  it('answers 404 with a page in Chinese', async () => {
    const { response, $ } = await h.page('/no/such/page');
    expect(response.status).toBe(404);
    expect($('.error-message').text()).toContain('没有这个页面');
  });
});
