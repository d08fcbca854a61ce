// 地区: a region's page: every headline measure with its change, a trend with the parent and the forecast band,
// and its reports for any period.
import { get, early as send, download, query } from './api.js';
import { h, select, tableBox, message, exportButtons } from './dom.js';
import * as f from './format.js';
import { trend } from './chart.js';

const PERIOD = /^\d{4}(-Q[1-4]|-\d{2})?$/;
const DEFAULT_MEASURE = 'hotline_satisfaction_rate';
const pagePath = (code, period) => `/api/workbench/regions/${encodeURIComponent(code)}?` + query({ period });
// No grain: the API takes the measure's months when it has them, else its years, as the chart below does.
const trendPath = (code, measure) => '/api/dashboards/trend?' + query({ measure, region: code });

/** The region's figures and trend an address names (region and period), sent before the catalog arrives. */
export function early(code, params) {
  if (!code || !PERIOD.test(params.period ?? '')) return;
  send(pagePath(code, params.period));
  send(trendPath(code, params.measure ?? DEFAULT_MEASURE));
}

/**
 * Draws the figures and the trend; the forecast band follows when it arrives (a cold forecast is the slowest part
 * of the page), marked performance.mark('forecast:region').
 */
export async function render(view, code, params, ctx, navigate) {
  const { catalog, me } = ctx;
  code = code || me.region?.code || ctx.scopes[0]?.code;
  const period = params.period && PERIOD.test(params.period) ? params.period : latestYear(catalog);
  const state = { period, measure: params.measure ?? DEFAULT_MEASURE, origin: params.origin ?? '' };
  const go = (change) => navigate('region/' + code, { ...state, ...change });
  view.replaceChildren(h('div', { class: 'busy', 'aria-busy': 'true' }, '正在加载…'));
  const measure = catalog.find((m) => m.id === state.measure) ?? catalog[0];
  const monthly = measure.grains.includes('month');
  // All three at once: none needs another's answer.
  const pageAnswer = get(pagePath(code, period));
  const trendAnswer = get(trendPath(code, measure.id));
  const forecastAnswer = monthly
    ? get('/api/forecasts?' + query({ measure: measure.id, region: code, horizon: 12, origin: state.origin })).catch(() => null)
    : Promise.resolve(null);
  trendAnswer.catch(() => {});
  let page;
  try {
    page = await pageAnswer;
  } finally {
    // A page that failed leaves no band to wait for.
    forecastAnswer.then(() => performance.mark('forecast:region'));
  }
  const region = page.place.region;
  const grain = f.grainOf(period);
  const periodsOfGrain = page.periods.filter((p) => f.grainOf(p) === grain);
  if (!periodsOfGrain.includes(period)) periodsOfGrain.unshift(period);

  const crumbs = h('nav', { class: 'breadcrumb', 'aria-label': '上级地区' }, h('ol', {}, page.place.path.map((r, i) =>
    h('li', {}, i === page.place.path.length - 1 ? h('span', { 'aria-current': 'page' }, r.name) : h('a', { href: `#/region/${r.code}?${query({ period })}` }, r.name)))));
  const below = page.place.levelsBelow[0];
  view.replaceChildren(
    crumbs,
    h('h1', {}, `${region.name}`, h('span', { class: 'sub' }, ` ${f.LEVELS[region.level]} · ${region.code}`)),
    h('form', { class: 'controls', 'aria-label': '期间', onsubmit: (e) => e.preventDefault() },
      select('r-grain', '期间类型', Object.entries(f.GRAINS), grain, (g) => go({ period: page.periods.find((p) => f.grainOf(p) === g) ?? period })),
      select('r-period', '期间', periodsOfGrain.map((p) => [p, f.period(p)]), period, (v) => go({ period: v })),
      below ? h('a', { class: 'button', href: `#/compare?${query({ scope: region.code, level: below, period })}` }, `对比${f.LEVELS[below]}`) : null),
  );

  if (page.figures.length === 0) {
    view.append(message(`${region.name}在${f.period(period)}没有指标数据。`));
  } else {
    view.append(h('h2', {}, `主要指标 · ${f.period(period)}`), figuresTable(page, region, state, go));
  }

  const chartBox = h('figure', { class: 'chart-box wide' }, h('div', { class: 'busy' }, '正在加载趋势…'));
  const originOptions = [['', '最新（不回测）']];
  view.append(h('h2', { id: 'trend-title' }, '趋势与预测'),
    h('form', { class: 'controls', 'aria-label': '趋势', onsubmit: (e) => e.preventDefault() },
      select('r-measure', '指标', catalog.map((m) => [m.id, m.nameZh]), measure.id, (v) => go({ measure: v, origin: '' })),
      monthly ? select('r-origin', '预测起点', originOptions, state.origin, (v) => go({ origin: v })) : null),
    chartBox);
  view.append(reports(region, period));

  const t = await trendAnswer;
  const originSelect = view.querySelector('#r-origin');
  if (originSelect) {
    const months = t.points.map((p) => p.period).filter((p, i, all) => i >= 24 && i < all.length - 1).reverse();
    for (const m of months) originSelect.append(h('option', { value: m, selected: m === state.origin }, `从 ${f.period(m)} 起预测`));
  }
  const title = `${region.name} · ${measure.nameZh}（${monthly ? '按月' : '按年'}）`;
  const draw = (forecast, waiting) => chartBox.replaceChildren(trend(measure, t, forecast, title),
    h('figcaption', {}, forecast
      ? `蓝色实线：${region.name}；灰色虚线：${t.parentName ?? '上级'}；蓝色虚线与阴影：未来 ${forecast.horizon} 个月预测及 80%/95% 区间（方法：${forecast.methodZh}，回测 MASE ${forecast.chosen.mase?.toFixed(2) ?? '—'}）` +
        (state.origin ? '；橙色点：预测期内的实际值。' : '。')
      : `蓝色实线：${region.name}；灰色虚线：${t.parentName ?? '上级'}。${waiting ? '正在计算预测…' : monthly ? '该序列数据不足，无法预测。' : '按年指标不做月度预测。'}`));
  draw(null, monthly);
  forecastAnswer.then((forecast) => {
    // The view may have moved on to another region or measure while the forecast was computed.
    if (chartBox.isConnected) draw(forecast, false);
  });
}

function latestYear(catalog) {
  const years = catalog.flatMap((m) => m.periods.year ?? []).sort();
  return years[years.length - 1] ?? String(new Date().getFullYear() - 1);
}

function figuresTable(page, region, state, go) {
  const headers = ['指标', '期间', '数值', '同比', '环比', '同级排名', '上级数值', '95%区间', '样本'];
  const table = h('table', { class: 'data' },
    h('caption', { class: 'sr-only' }, `${region.name}主要指标`),
    h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: i < 2 || i === 8 ? 'text' : '' }, t)))),
    h('tbody', {}, page.figures.map((x) => {
      const m = x.measure;
      return h('tr', { 'data-measure': m.id },
        h('th', { scope: 'row', class: 'text' }, h('button', { type: 'button', class: 'link', title: m.definition, onclick: () => go({ measure: m.id, origin: '' }) }, m.nameZh)),
        h('td', { class: 'text' }, f.period(x.period)),
        h('td', { class: 'num value' }, f.value(m, x.value)),
        h('td', { class: `num ${f.tone(m, x.yoy)}` }, f.change(m, x.yoy)),
        h('td', { class: `num ${f.tone(m, x.change)}` }, f.change(m, x.change)),
        h('td', { class: 'num' }, x.siblingRank ? `${x.siblingRank}/${x.siblingCount}` : '—'),
        h('td', { class: 'num' }, f.value(m, x.parentValue)),
        h('td', { class: 'num' }, f.interval(m, x.low, x.high)),
        h('td', { class: 'text' }, x.smallSample ? h('span', { class: 'badge' }, '小样本') : ''));
    })));
  const failed = h('p', { class: 'message error', role: 'alert' });
  return h('div', {},
    exportButtons(`/api/workbench/regions/${encodeURIComponent(region.code)}/figures`, query({ period: page.period }),
      `${region.name}-${page.period}-主要指标`, (e) => { failed.textContent = e.message; }),
    failed,
    tableBox(`${region.name}主要指标`, table, true));
}

function reports(region, period) {
  const name = `${region.name}-${period}`;
  const status = h('p', { class: 'message', role: 'status' });
  const fetchReport = async (format) => {
    status.textContent = '正在生成报告，第一次可能需要几秒…';
    try {
      await download(`/api/reports/${region.code}/${period}.${format}`, `${name}.${format}`);
      status.textContent = `已下载 ${name}.${format}`;
    } catch (e) {
      status.textContent = e.message;
    }
  };
  return h('section', { 'aria-labelledby': 'reports-title' },
    h('h2', { id: 'reports-title' }, '报告'),
    h('p', {}, `${region.name}${f.period(period)}的定期报告（在上方更换期间即可下载其他期间的报告）：`),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => fetchReport('html') }, '下载 HTML 报告'),
      h('button', { type: 'button', onclick: () => fetchReport('pdf') }, '下载 PDF 报告')),
    status);
}
