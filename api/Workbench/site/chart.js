// Charts drawn as SVG by this script (no library, nothing from another origin). Each carries a role="img" label;
// the table beside it holds the same numbers for screen readers and copying.
import { s } from './dom.js';
import * as f from './format.js';

const BLUE = '#1d4f91';
const GREY = '#5f6b7a';
const ORANGE = '#b45309';

/** Horizontal bars, best first as the table is sorted, with each rate's 95% interval and the scope's value. */
export function bars(measure, rows, reference, referenceLabel, title, available) {
  const shown = rows.filter((r) => r.value !== null).slice(0, 40);
  // Drawn at the width it is shown (the column beside the table, or a phone's screen), so its 12-unit text stays
  // 12 pixels instead of being scaled down to fit.
  const width = Math.round(Math.min(640, Math.max(300, available ?? window.innerWidth - 40)));
  // The scope's value is labelled on its own line under the title: beside it, a long title ran into it.
  const label = width < 500 ? 100 : 150, right = 60, row = 22, top = 50;
  const height = top + shown.length * row + 28;
  const values = shown.flatMap((r) => [r.value, r.high ?? r.value]).concat(reference ?? []);
  const max = Math.max(...values, 0) || 1;
  const min = Math.min(...shown.map((r) => r.low ?? r.value), reference ?? Infinity);
  // Rates close to each other (90%..99%) would look equal from zero: the axis starts near the lowest value, and then
  // each value is a dot, not a bar, since a bar's length would no longer be proportional to its value.
  const lo = measure.percent && min > 0.3 ? Math.floor(min * 20) / 20 : 0;
  const dots = lo > 0;
  const x = (v) => label + ((v - lo) / (max - lo)) * (width - label - right);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(s('text', { x: 0, y: 16, class: 'chart-title' }, title));
  for (const t of ticks(lo, max, 4)) {
    svg.append(s('line', { x1: x(t), x2: x(t), y1: top - 6, y2: height - 24, stroke: '#e3e8ee' }));
    svg.append(s('text', { x: x(t), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, f.value(measure, t)));
  }
  shown.forEach((r, i) => {
    const y = top + i * row;
    svg.append(s('text', { x: label - 6, y: y + 15, 'text-anchor': 'end', class: 'bar-label' }, r.regionName));
    const fill = r.smallSample ? '#8fb0d9' : BLUE;
    if (!dots) svg.append(s('rect', { x: label, y: y + 4, width: Math.max(1, x(r.value) - label), height: row - 8, fill }));
    if (r.low !== null && r.low !== undefined) {
      svg.append(s('line', { x1: x(r.low), x2: x(r.high), y1: y + row / 2, y2: y + row / 2, stroke: dots ? fill : '#222', 'stroke-width': dots ? 2 : 1.2 }));
    }
    if (dots) svg.append(s('circle', { cx: x(r.value), cy: y + row / 2, r: 5, fill }));
    svg.append(s('text', { x: width - right + 6, y: y + 15, class: 'bar-value' }, f.value(measure, r.value) + (r.smallSample ? '*' : '')));
  });
  if (reference !== null && reference !== undefined) {
    svg.append(s('line', { x1: x(reference), x2: x(reference), y1: top - 4, y2: height - 24, stroke: ORANGE, 'stroke-width': 2, 'stroke-dasharray': '5 3' }));
    svg.append(s('text', { x: Math.min(width - 4, Math.max(x(reference) + 4, 150)), y: top - 12, 'text-anchor': 'end', class: 'ref-label' }, `┆ ${referenceLabel} ${f.value(measure, reference)}`));
  }
  return svg;
}

/**
 * A monthly (or yearly) line of the region with its parent, then the forecast: the 95% and 80% bands, the point
 * forecast and, for a forecast from an earlier origin, what actually happened.
 */
export function trend(measure, trendData, forecast, title) {
  // On a phone the drawing is narrower (text stays readable) and the legend goes under the title.
  const width = Math.round(Math.min(760, Math.max(340, window.innerWidth - 40)));
  const narrow = width < 560;
  const fp0 = forecast?.points ?? [];
  const items = [
    [BLUE, trendData.regionName, ''],
    [GREY, trendData.parentName ?? '上级', '3 3'],
    ...(fp0.length ? [['#9fbbe0', '预测区间 80% / 95%', 'band']] : []),
    ...(fp0.some((p) => p.actual !== null && p.actual !== undefined) ? [[ORANGE, '实际值', 'dot']] : []),
  ];
  const legendRows = narrow ? Math.ceil(items.reduce((w, [, t]) => w + 28 + t.length * 12, 0) / (width - 10)) : 1;
  const top = narrow ? 30 + legendRows * 18 : 40;
  const height = (narrow ? 250 : 260) + top, left = 56, right = 16, bottom = 36;
  const points = trendData.points;
  const months = points.map((p) => p.period).concat((forecast?.points ?? []).map((p) => p.month));
  const labels = [...new Set(months)].sort();
  const index = new Map(labels.map((m, i) => [m, i]));
  const all = points.flatMap((p) => [p.value, p.parentValue])
    .concat((forecast?.points ?? []).flatMap((p) => [p.lo95, p.hi95, p.actual]))
    .filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(s('text', { x: 0, y: 16, class: 'chart-title' }, title));
  if (all.length === 0) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'tick' }, '暂无数据'));
    return svg;
  }
  let lo = Math.min(...all), hi = Math.max(...all);
  if (measure.percent) { lo = Math.max(0, lo - 0.02); hi = Math.min(1, hi + 0.02); }
  if (hi === lo) { hi += 1; lo = Math.max(0, lo - 1); }
  const x = (m) => left + (labels.length <= 1 ? 0 : (index.get(m) / (labels.length - 1)) * (width - left - right));
  const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);
  for (const t of ticks(lo, hi, 4)) {
    svg.append(s('line', { x1: left, x2: width - right, y1: y(t), y2: y(t), stroke: '#e3e8ee' }));
    svg.append(s('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, f.value(measure, t)));
  }
  const step = Math.max(1, Math.ceil(labels.length / (narrow ? 4 : 8)));
  labels.forEach((m, i) => {
    if (i % step === 0) svg.append(s('text', { x: x(m), y: height - 12, 'text-anchor': 'middle', class: 'tick' }, m));
  });
  const fp = forecast?.points ?? [];
  if (fp.length) {
    svg.append(s('path', { d: band(fp, 'lo95', 'hi95', x, y), fill: '#c9d8ee' }));
    svg.append(s('path', { d: band(fp, 'lo80', 'hi80', x, y), fill: '#9fbbe0' }));
    svg.append(s('path', { d: line(fp.map((p) => [p.month, p.value]), x, y), fill: 'none', stroke: BLUE, 'stroke-width': 2, 'stroke-dasharray': '6 4' }));
    for (const p of fp.filter((p) => p.actual !== null && p.actual !== undefined)) {
      svg.append(s('circle', { cx: x(p.month), cy: y(p.actual), r: 3.5, fill: ORANGE }));
    }
  }
  svg.append(s('path', { d: line(points.map((p) => [p.period, p.parentValue]), x, y), fill: 'none', stroke: GREY, 'stroke-width': 1.5, 'stroke-dasharray': '3 3' }));
  svg.append(s('path', { d: line(points.map((p) => [p.period, p.value]), x, y), fill: 'none', stroke: BLUE, 'stroke-width': 2.2 }));
  if (narrow) flowLegend(svg, width, 24, items);
  else legend(svg, width, 22, items);
  return svg;
}

/** The legend in rows from the left, for a narrow drawing. */
function flowLegend(svg, width, top, items) {
  let x = 0, y = top;
  for (const item of items) {
    const w = 28 + item[1].length * 12;
    if (x > 0 && x + w > width) { x = 0; y += 18; }
    key(svg, x, y, item);
    x += w;
  }
}

function key(svg, x, top, [color, text, kind]) {
  if (kind === 'band') svg.append(s('rect', { x, y: top, width: 20, height: 10, fill: color }));
  else if (kind === 'dot') svg.append(s('circle', { cx: x + 10, cy: top + 5, r: 4, fill: color }));
  else svg.append(s('line', { x1: x, x2: x + 20, y1: top + 5, y2: top + 5, stroke: color, 'stroke-width': 2.2, 'stroke-dasharray': kind || null }));
  svg.append(s('text', { x: x + 24, y: top + 9, class: 'legend' }, text));
}

function legend(svg, width, top, items) {
  let x = width - 16;
  for (const item of [...items].reverse()) {
    x -= 28 + item[1].length * 12;
    key(svg, x, top, item);
  }
}

/** A path through the points that have a value; a gap (null) starts a new segment. */
function line(points, x, y) {
  let d = '', pen = 'M';
  for (const [m, v] of points) {
    if (v === null || v === undefined) { pen = 'M'; continue; }
    d += `${pen}${x(m).toFixed(1)},${y(v).toFixed(1)} `;
    pen = 'L';
  }
  return d.trim();
}

function band(points, low, high, x, y) {
  const up = points.map((p) => `${x(p.month).toFixed(1)},${y(p[high]).toFixed(1)}`);
  const down = points.slice().reverse().map((p) => `${x(p.month).toFixed(1)},${y(p[low]).toFixed(1)}`);
  return `M${up.join(' L')} L${down.join(' L')} Z`;
}

function ticks(lo, hi, n) {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((k) => k >= raw) ?? raw;
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toFixed(10)));
  return out;
}
