// 对比: one measure, period and level inside a scope, ranked across the whole scope, with a bar chart beside it.
import { get, early as send, query, SignedOut } from './api.js';
import { h, select, tableBox, message, exportButtons } from './dom.js';
import * as f from './format.js';
import { bars } from './chart.js';

const LEVEL_ORDER = Object.keys(f.LEVELS);

/** The level of a 12-digit division code: 2 province + 2 city + 2 county + 3 township + 3 village digits. */
export function levelRankOf(code) {
  if (!code) return 0;
  if (/^\d{2}0{10}$/.test(code)) return 1;
  if (/^\d{4}0{8}$/.test(code)) return 2;
  if (/^\d{6}0{6}$/.test(code)) return 3;
  if (/^\d{9}0{3}$/.test(code)) return 4;
  return 5;
}

const COLUMNS = [
  ['rank', '排名', (r) => r.rank],
  ['name', '地区', (r) => r.regionName],
  ['parentName', '上级地区', (r) => r.parentName],
  ['value', '数值', (r) => r.value],
  ['numerator', '分子', (r) => r.numerator],
  ['denominator', '分母', (r) => r.denominator],
  ['yoy', '同比', (r) => r.yoy],
  ['change', '环比', (r) => r.change],
  ['parentValue', '上级数值', (r) => r.parentValue],
  ['low', '95%区间', (r) => r.low],
  ['small', '样本', (r) => (r.smallSample ? '是' : '')],
];

function sorted(rows, sort) {
  if (!sort) return rows;
  const desc = sort.startsWith('-');
  const col = COLUMNS.find((c) => c[0] === sort.replace(/^-/, ''));
  if (!col) return rows;
  const get = col[2];
  const has = rows.filter((r) => get(r) !== null && get(r) !== undefined && get(r) !== '');
  const empty = rows.filter((r) => !has.includes(r));
  const cmp = (a, b) => {
    const x = get(a), y = get(b);
    const c = typeof x === 'string' ? (x < y ? -1 : x > y ? 1 : 0) : x - y;
    return (desc ? -c : c) || a.rank - b.rank;
  };
  return [...has].sort(cmp).concat(empty);
}

/**
 * The ranking an address names in full (measure, period and level), sent before the catalog arrives. render() asks
 * for the same path once it has checked the address against the catalog, and takes this answer. Without a scope in
 * the address it guesses a nationwide key (the tab keeps nothing but the key): a key with a region then asks again
 * for its region's ranking, one query more, no error.
 */
export function early(params) {
  const { measure, period, level } = params;
  if (!measure || !level || !/^\d{4}(-Q[1-4]|-\d{2})?$/.test(period ?? '')) return;
  const scope = params.scope ?? '';
  if (!LEVEL_ORDER.slice(levelRankOf(scope)).includes(level)) return;
  send(rankingPath(measure, period, level, scope));
}

const rankingPath = (measure, period, level, scope) => '/api/workbench/ranking?' + query({ measure, period, level, scope });

export async function render(view, params, ctx, navigate) {
  const { catalog, scopes, me } = ctx;
  const measure = catalog.find((m) => m.id === params.measure) ?? catalog.find((m) => m.id === 'hotline_satisfaction_rate') ?? catalog[0];
  const scope = params.scope ?? me.region?.code ?? '';
  const scopeRank = levelRankOf(scope);
  const levels = LEVEL_ORDER.slice(scopeRank);
  const level = levels.includes(params.level) ? params.level : levels[scope ? 0 : 1] ?? levels[0];
  const grains = measure.grains.filter((g) => measure.periods[g]?.length);
  const grain = params.period && grains.includes(f.grainOf(params.period)) ? f.grainOf(params.period) : grains.includes('year') ? 'year' : grains[0];
  const periods = measure.periods[grain] ?? [];
  const period = periods.includes(params.period) ? params.period : periods[0];
  const sort = params.sort ?? '';
  const state = { measure: measure.id, period, level, scope, sort };
  const go = (change) => navigate('compare', { ...state, ...change });

  const scopeOptions = (me.region ? [] : [['', '全部地区']]).concat(scopes.map((r) => [r.code, '\u3000'.repeat(Math.max(0, r.levelRank - (me.region?.levelRank ?? 1))) + r.name]));
  if (scope && !scopes.some((r) => r.code === scope)) scopeOptions.push([scope, scope]);
  const families = groupByFamily(catalog);
  view.replaceChildren(
    h('h1', {}, '对比'),
    h('form', { class: 'controls', 'aria-label': '对比条件', onsubmit: (e) => e.preventDefault() },
      select('c-measure', '指标', families, measure.id, (v) => go({ measure: v, period: null, sort: '' })),
      select('c-grain', '期间类型', grains.map((g) => [g, f.GRAINS[g]]), grain, (g) => go({ period: measure.periods[g]?.[0] })),
      select('c-period', '期间', periods.map((p) => [p, f.period(p)]), period, (v) => go({ period: v })),
      select('c-scope', '范围', scopeOptions, scope, (v) => go({ scope: v, level: null })),
      select('c-level', '层级', levels.map((l) => [l, f.LEVELS[l]]), level, (v) => go({ level: v }))),
    h('p', { class: 'definition' },
      h('strong', {}, measure.nameZh), `：${measure.definition}。单位：${measure.unitZh}；${measure.direction}；${measure.kindZh}。`),
  );
  const body = h('div', { class: 'busy', 'aria-busy': 'true' }, '正在加载…');
  view.append(body);
  if (!period) {
    body.replaceWith(message('这一指标暂无数据。'));
    return;
  }
  let ranking;
  try {
    ranking = await get(rankingPath(measure.id, period, level, scope));
  } catch (e) {
    if (e instanceof SignedOut) throw e;
    body.replaceWith(message(e.message, 'error'));
    e.shown = true;
    throw e;
  }
  const rows = sorted(ranking.rows, sort);
  const drilled = view.querySelector(`#c-scope option[value="${scope}"]`);
  if (drilled && ranking.scope) drilled.textContent = ranking.scope.name;
  const crumbs = breadcrumb(ranking, me, (code) => go({ scope: code, level: null }));
  const title = `${ranking.scope?.name ?? '全部地区'} · ${f.LEVELS[level]} · ${measure.nameZh} · ${f.period(period)}`;
  const failed = h('p', { class: 'message error', role: 'alert' });
  const exports = h('div', {}, exportButtons('/api/workbench/ranking', query(state), 'ranking', (e) => { failed.textContent = e.message; }), failed);
  const summary = h('p', { class: 'summary' },
    `共 ${rows.length} 个地区，排名在整个范围内计算（${measure.direction}）。同比对照 ${f.period(ranking.yearAgoPeriod)}，环比对照 ${f.period(ranking.previousPeriod)}。` +
    (measure.percent ? '95%区间为 Wilson 区间；分母不足 30 的标为“小样本”，其排名仅供参考。' : ''));
  if (rows.length === 0) {
    body.replaceWith(h('div', {}, crumbs, message(`${ranking.scope?.name ?? '该范围'}的${f.LEVELS[level]}没有“${measure.nameZh}”${f.period(period)}的数据。`)));
    return;
  }
  const chartTitle = `${title}${rows.filter((r) => r.value !== null).length > 40 ? '（前40个）' : ''}`;
  body.replaceWith(h('div', {}, crumbs, h('div', { class: 'table-head' }, summary, exports),
    h('div', { class: 'split' },
      tableBox(`${title} 排名表`, table(measure, rows, sort, level, period, go)),
      h('figure', { class: 'chart-box' }, bars(measure, rows, ranking.scopeValue, ranking.scope?.name ?? '', chartTitle, chartWidth(view)),
        h('figcaption', {}, (ranking.scopeValue !== null && ranking.scope ? `橙色虚线：${ranking.scope.name}整体 ${f.value(measure, ranking.scopeValue)}；` : '') +
          (measure.percent ? '横线：95%区间；浅色：小样本。比率坐标轴不从零开始时，以圆点表示数值。' : ''))))));
}

/** The chart's width inside its box: a third of the split beside the table, or the whole width when stacked (CSS: 1100px). */
function chartWidth(view) {
  const inner = view.clientWidth || window.innerWidth - 40;
  return (window.innerWidth > 1100 ? (inner - 16) / 2.75 : inner) - 22;
}

function groupByFamily(catalog) {
  const names = { reform: '机构改革', devolution: '赋权', grids: '网格', hotline: '接诉即办（12345）', enforcement: '综合执法', staffing: '编制' };
  const groups = new Map();
  for (const m of catalog) {
    const family = names[familyOf(m.id)] ?? '其他';
    if (!groups.has(family)) groups.set(family, []);
    groups.get(family).push([m.id, m.nameZh]);
  }
  return [...groups].map(([group, options]) => ({ group, options }));
}

function familyOf(id) {
  if (/^(institution|public_institution|internal_body)/.test(id)) return 'reform';
  if (id.startsWith('devolv')) return 'devolution';
  if (id.startsWith('grid')) return 'grids';
  if (id.startsWith('hotline') || id === 'whistles') return 'hotline';
  if (id.includes('enforcement')) return 'enforcement';
  return 'staffing';
}

function breadcrumb(ranking, me, onpick) {
  const items = [];
  if (!me.region) items.push({ code: '', name: '全部地区' });
  for (const r of ranking.path) items.push(r);
  const list = h('ol', {});
  items.forEach((r, i) => {
    const last = i === items.length - 1;
    list.append(h('li', {}, last
      ? h('span', { 'aria-current': 'page' }, r.name)
      : h('button', { type: 'button', class: 'link', onclick: () => onpick(r.code) }, r.name)));
  });
  return h('nav', { class: 'breadcrumb', 'aria-label': '所在范围' }, list);
}

function table(measure, rows, sort, level, period, go) {
  const head = h('tr', {}, COLUMNS.map(([k, name]) => {
    const label = measure.percent && (k === 'yoy' || k === 'change') ? name + '(百分点)' : name;
    const dir = sort === k ? 'ascending' : sort === '-' + k ? 'descending' : null;
    const next = sort === k ? '-' + k : k;
    return h('th', { scope: 'col', 'aria-sort': dir ?? 'none', class: ['rank', 'name', 'parentName', 'small'].includes(k) ? 'text' : '' },
      h('button', { type: 'button', class: 'sort', onclick: () => go({ sort: next }) }, label, h('span', { 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : '')));
  }));
  const canDrill = level !== 'community';
  const body = h('tbody', {}, rows.map((r) => h('tr', { 'data-code': r.regionCode },
    h('td', { class: 'text' }, r.rank),
    h('td', { class: 'text name' },
      canDrill ? h('button', { type: 'button', class: 'link drill', title: `查看${r.regionName}的下级地区`, onclick: () => go({ scope: r.regionCode, level: null }) }, r.regionName) : r.regionName,
      ' ', h('a', { href: `#/region/${r.regionCode}?period=${period}&measure=${measure.id}`, class: 'page-link', title: `${r.regionName}地区页` }, '详情', h('span', { class: 'sr-only' }, `：${r.regionName}地区页`))),
    h('td', { class: 'text' }, r.parentName ?? '—'),
    h('td', { class: 'num value' }, f.value(measure, r.value)),
    h('td', { class: 'num' }, f.count(r.numerator)),
    h('td', { class: 'num' }, f.count(r.denominator)),
    h('td', { class: `num ${f.tone(measure, r.yoy)}` }, f.change(measure, r.yoy, true)),
    h('td', { class: `num ${f.tone(measure, r.change)}` }, f.change(measure, r.change, true)),
    h('td', { class: 'num' }, f.value(measure, r.parentValue)),
    h('td', { class: 'num interval' }, f.interval(measure, r.low, r.high)),
    h('td', { class: 'text' }, r.smallSample ? h('span', { class: 'badge', title: '分母不足 30，数值不稳定' }, '小样本') : ''))));
  return h('table', { class: 'data' }, h('caption', { class: 'sr-only' }, '排名表，点击列标题排序，点击地区名称查看其下级地区'), h('thead', {}, head), body);
}
