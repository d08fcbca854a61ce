// 数据: what the numbers rest on: loads, files, rows set aside and why, and the check against published figures.
// A key with a region gets the loads and file names without counts (each file holds every region) and no quarantine.
// Scheduled loads that failed or were stopped (they change nothing) are listed first, with the file, row, column and
// reason; every key sees them.
import { get, early as send } from './api.js';
import { h, tableBox, message, exportButtons } from './dom.js';
import * as f from './format.js';

const STATUS = { match: '一致', differs: '不一致', missing: '缺数据' };

/** The view's one request, which the address alone determines. */
export function early() {
  send('/api/workbench/health');
}

export async function render(view, ctx) {
  // Published and warehouse values are shown in their measure's format (rates in percent).
  const measures = new Map(ctx.catalog.map((m) => [m.id, m]));
  const byRow = new Map();
  const remember = (id, row) => {
    if (measures.has(id)) byRow.set(row, measures.get(id));
    return row;
  };
  view.replaceChildren(h('h1', {}, '数据'), h('div', { class: 'busy', 'aria-busy': 'true' }, '正在加载…'));
  const health = await get('/api/workbench/health');
  const last = health.runs[0];
  const sum = (key) => (health.scoped ? null : health.files.reduce((n, x) => n + x[key], 0));
  const matched = health.reconciliation.filter((r) => r.status === 'match').length;
  const scopeName = ctx.me.region?.name;
  // replaceChildren would write a null as the text "null": the parts a key does not get are left out.
  view.replaceChildren(...[
    h('h1', {}, '数据'),
    health.scoped
      ? message(`本密钥限定为${scopeName}。源文件包含全省各地区的数据，因此这里只列出加载时间和文件名，不显示文件的行数和隔离的行；` +
        `与公开数据核对只列出${scopeName}及其下级的数字。需要全省情况请联系数据管理员。`)
      : null,
    unresolved(health.failedLoads),
    h('ul', { class: 'cards' },
      card('最近一次加载', last ? f.dateTime(last.finishedAt ?? last.startedAt) : '—'),
      card('已加载文件', f.count(health.files.length)),
      card('入库行数', f.count(sum('rowsLoaded'))),
      card('隔离行数', f.count(sum('rowsRejected'))),
      card('与公开数据核对', `${matched} / ${health.reconciliation.length} 一致`)),
    failures(health.failedLoads),
    // A key with a region gets no counts: their columns are left out rather than shown empty.
    section('加载记录', 'runs', ['批次', '开始', '结束', '加载文件', '跳过文件', '入库行数', '隔离行数'].slice(0, health.scoped ? 5 : 7),
      health.runs.map((r) => [r.runId, f.dateTime(r.startedAt), f.dateTime(r.finishedAt), r.filesLoaded, r.filesSkipped, r.rowsLoaded, r.rowsRejected]
        .slice(0, health.scoped ? 5 : 7))),
    section('已加载文件', 'files', ['文件', '类别', '编码', '加载时间', '读取行数', '入库行数', '隔离行数'].slice(0, health.scoped ? 4 : 7),
      health.files.map((x) => [x.filePath, x.familyZh, x.encoding, f.dateTime(x.loadedAt), x.rowsRead, x.rowsLoaded, x.rowsRejected]
        .slice(0, health.scoped ? 4 : 7)),
      (row) => (row[6] > 0 ? 'flag' : '')),
    quarantine(health),
    section('与公开数据核对', 'reconciliation', ['地区', '指标', '期间', '公开数值', '仓库数值', '结果', '出处', '原文'],
      health.reconciliation.map((r) => remember(r.indicator, [r.regionName, r.indicatorZh, r.period, r.publishedValue, r.warehouseValue,
        (STATUS[r.status] ?? r.status) + (r.lowerBound ? '（下限）' : ''), r.sourceDocument, r.quote ?? ''])),
      (row) => (row[5].startsWith('一致') ? '' : 'flag'),
      '比率相差不超过 0.5 个百分点视为一致；原文写“余、多、以上、超过”的数值按下限核对。',
      (v, row, i) => ((i === 3 || i === 4) && byRow.has(row) ? f.value(byRow.get(row), v) : undefined)),
  ].filter(Boolean));
}

function quarantine(health) {
  if (health.scoped) return null;
  if (!health.quarantine.length) return h('section', {}, h('h2', {}, '隔离的行'), message('没有被隔离的行。'));
  return section('隔离的行（按文件和原因）', 'quarantine', ['文件', '工作表', '列', '原因', '行数', '首行行号'],
    health.quarantine.map((q) => [q.filePath, q.sheet ?? '', q.column ?? '', q.reasonZh, q.rows, q.firstRow]),
    null, '行号按表格软件的显示计（表头为第 1 行）。隔离行的原始内容不在此显示，以免泄露个人信息。');
}

/** When the latest scheduled load did not succeed: said at the top, since the figures are older than the office expects. */
function unresolved(failed) {
  const latest = failed.find((x) => x.unresolved);
  if (!latest) return null;
  const stopped = latest.outcome === 'stopped';
  return h('p', { class: 'message error', role: 'alert', id: 'load-failed' },
    `最近一次加载${stopped ? '被停止' : '失败'}（${f.dateTime(latest.finishedAt)}）` +
    `${latest.file ? `：${place(latest)}` : ''}。${latest.reason}这里显示的仍是此前成功加载的数据。` +
    (stopped ? '' : '改正文件后放回收件文件夹，下一次定时加载会重新读取。'));
}

function failures(failed) {
  if (!failed.length) return h('section', {}, h('h2', {}, '未成功的加载'), message('没有失败或被停止的加载。'));
  return section('未成功的加载', 'failures', ['时间', '结果', '文件', '行', '列', '原因'],
    failed.map((x) => [f.dateTime(x.finishedAt), x.outcomeZh, x.file ?? '—', x.row ?? '', x.column ?? '', x.reason, x.unresolved]),
    (row) => (row[6] ? 'flag' : ''),
    '失败或被停止的加载不改变仓库中的任何数据。标黄的是之后还没有成功加载过的。行号按表格软件的显示计（表头为第 1 行）；不显示文件内容，以免泄露个人信息。',
    null, 6);
}

// The columns are left to the reason, which names them.
function place(x) {
  return x.file + (x.row ? ` 第 ${f.count(x.row)} 行` : '');
}

// A text wider than 80 Latin letters wraps; a Chinese character is as wide as two.
function long(v) {
  return typeof v === 'string' && [...v].reduce((n, c) => n + (c.codePointAt(0) >= 0x2e80 ? 2 : 1), 0) > 80;
}

function card(label, value) {
  return h('li', { class: 'card' }, h('span', { class: 'card-label' }, label), h('span', { class: 'card-value' }, value));
}

// `shown`: how many leading cells of each row are columns; the rest only feed `flag`.
function section(title, id, headers, rows, flag, note, show, shown) {
  const numeric = (v) => typeof v === 'number';
  const text = (v, row, i) => show?.(v, row, i) ?? (numeric(v) ? (Number.isInteger(v) ? f.count(v) : String(v)) : v ?? '—');
  // A column is numeric when any row holds a number there (a scoped key's counts are all empty: left aligned).
  const numericColumn = headers.map((_, i) => rows.some((r) => numeric(r[i])));
  const table = h('table', { class: 'data' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: numericColumn[i] ? '' : 'text' }, t)))),
    h('tbody', {}, rows.map((row) => h('tr', { class: flag?.(row) ?? '' }, row.slice(0, shown ?? row.length).map((v, i) =>
      h('td', { class: numericColumn[i] ? 'num' : long(v) ? 'text wrap' : 'text' }, text(v, row, i)))))));
  const failed = h('p', { class: 'message error', role: 'alert' });
  return h('section', { 'aria-labelledby': `${id}-title` },
    h('div', { class: 'table-head' }, h('h2', { id: `${id}-title` }, `${title}（${rows.length}）`),
      exportButtons(`/api/workbench/health/${id}`, '', `数据-${title}`, (e) => { failed.textContent = e.message; })),
    failed,
    note ? h('p', { class: 'note' }, note) : null,
    tableBox(title, table));
}
