// 数据: what the numbers rest on: loads, files, rows set aside and why, and the check against published figures.
import { get } from './api.js';
import { h, tableBox, message } from './dom.js';
import * as f from './format.js';
import { downloadCsv } from './csv.js';

const FAMILIES = { hotline_tickets: '12345工单', enforcement_cases: '执法案件', institution_reforms: '机构改革', devolved_powers: '赋权事项',
  grid_snapshots: '网格快照', grid_events: '网格事件', staffing: '编制', regions: '行政区划', published_figures: '公开数据' };
const STATUS = { match: '一致', differs: '不一致', missing: '缺数据' };

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
  const rejected = health.files.reduce((n, x) => n + x.rowsRejected, 0);
  const loaded = health.files.reduce((n, x) => n + x.rowsLoaded, 0);
  const matched = health.reconciliation.filter((r) => r.status === 'match').length;
  view.replaceChildren(
    h('h1', {}, '数据'),
    h('ul', { class: 'cards' },
      card('最近一次加载', last ? f.dateTime(last.finishedAt ?? last.startedAt) : '—'),
      card('已加载文件', f.count(health.files.length)),
      card('入库行数', f.count(loaded)),
      card('隔离行数', f.count(rejected)),
      card('与公开数据核对', `${matched} / ${health.reconciliation.length} 一致`)),
    section('加载记录', 'runs', ['批次', '开始', '结束', '加载文件', '跳过文件', '入库行数', '隔离行数'],
      health.runs.map((r) => [r.runId, f.dateTime(r.startedAt), f.dateTime(r.finishedAt), r.filesLoaded, r.filesSkipped, r.rowsLoaded, r.rowsRejected])),
    section('已加载文件', 'files', ['文件', '类别', '编码', '加载时间', '读取行数', '入库行数', '隔离行数'],
      health.files.map((x) => [x.filePath, FAMILIES[x.family] ?? x.family, x.encoding, f.dateTime(x.loadedAt), x.rowsRead, x.rowsLoaded, x.rowsRejected]),
      (row) => (row[6] > 0 ? 'flag' : '')),
    health.quarantine.length
      ? section('隔离的行（按文件和原因）', 'quarantine', ['文件', '工作表', '列', '原因', '行数', '首行行号'],
        health.quarantine.map((q) => [q.filePath, q.sheet ?? '', q.column ?? '', q.reason, q.rows, q.firstRow]),
        null, '行号按表格软件的显示计（表头为第 1 行）。隔离行的原始内容不在此显示，以免泄露个人信息。')
      : h('section', {}, h('h2', {}, '隔离的行'), message('没有被隔离的行。')),
    section('与公开数据核对', 'reconciliation', ['地区', '指标', '期间', '公开数值', '仓库数值', '结果', '出处', '原文'],
      health.reconciliation.map((r) => remember(r.indicator, [r.regionName, r.indicatorZh, r.period, r.publishedValue, r.warehouseValue,
        (STATUS[r.status] ?? r.status) + (r.lowerBound ? '（下限）' : ''), r.sourceDocument, r.quote ?? ''])),
      (row) => (row[5].startsWith('一致') ? '' : 'flag'),
      '比率相差不超过 0.5 个百分点视为一致；原文写“余、多、以上、超过”的数值按下限核对。',
      (v, row, i) => ((i === 3 || i === 4) && byRow.has(row) ? f.value(byRow.get(row), v) : undefined)),
  );
}

function card(label, value) {
  return h('li', { class: 'card' }, h('span', { class: 'card-label' }, label), h('span', { class: 'card-value' }, value));
}

function section(title, id, headers, rows, flag, note, show) {
  const numeric = (v) => typeof v === 'number';
  const text = (v, row, i) => show?.(v, row, i) ?? (numeric(v) ? (Number.isInteger(v) ? f.count(v) : String(v)) : v ?? '—');
  const table = h('table', { class: 'data' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: rows.length && numeric(rows[0][i]) ? '' : 'text' }, t)))),
    h('tbody', {}, rows.map((row) => h('tr', { class: flag?.(row) ?? '' }, row.map((v, i) =>
      h('td', { class: numeric(v) ? 'num' : typeof v === 'string' && v.length > 80 ? 'text wrap' : 'text' }, text(v, row, i)))))));
  return h('section', { 'aria-labelledby': `${id}-title` },
    h('div', { class: 'table-head' }, h('h2', { id: `${id}-title` }, `${title}（${rows.length}）`),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => downloadCsv(`数据-${title}.csv`, [title], headers, rows) }, '下载 CSV'))),
    note ? h('p', { class: 'note' }, note) : null,
    tableBox(title, table));
}
