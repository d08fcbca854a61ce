// Numbers as the office reads them: rates in percent, changes of rates in percentage points, counts with separators.

const zh = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const zh2 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const LEVELS = { province: '省', city: '市', county: '县（区）', township: '乡镇（街道）', community: '村（社区）' };
export const GRAINS = { month: '月', quarter: '季度', year: '年' };

/** A measure's value: 98.7% for a rate, 86.2 for a score, 1,234 for a count, 3.25 for a ratio. */
export function value(measure, v) {
  if (v === null || v === undefined) return '—';
  if (measure.percent) return (v * 100).toFixed(1) + '%';
  if (measure.unit === 'score') return v.toFixed(1);
  if (measure.unit === 'ratio') return zh2.format(v);
  return Number.isInteger(v) ? zh.format(v) : zh2.format(v);
}

/** A change in the measure's unit: +1.2 个百分点 for a rate; a change that rounds to nothing is ±0. */
export function change(measure, d, short = false) {
  if (d === null || d === undefined) return '—';
  const a = Math.abs(d);
  let text;
  if (measure.percent) text = (a * 100).toFixed(1);
  else if (measure.unit === 'score') text = a.toFixed(1);
  else text = Number.isInteger(a) ? zh.format(a) : zh2.format(a);
  const sign = Number(text.replaceAll(',', '')) === 0 ? '±' : d > 0 ? '+' : '−';
  return sign + text + (measure.percent && !short ? '个百分点' : '');
}

/** Whether a change is good news for this measure: 'good', 'bad' or '' (none). */
export function tone(measure, d) {
  // A volume (tickets, cases, grids) is neither good nor bad: its change gets no colour.
  if (!measure.hasDirection || d === null || d === undefined || change(measure, d).startsWith('±')) return '';
  return (d > 0) === measure.higherIsBetter ? 'good' : 'bad';
}

export function count(n) {
  return n === null || n === undefined ? '—' : zh.format(n);
}

export function interval(measure, low, high) {
  if (low === null || low === undefined) return '—';
  return value(measure, low) + ' ~ ' + value(measure, high);
}

/** 2024 → 2024年, 2024-Q3 → 2024年第3季度, 2024-07 → 2024年7月. */
export function period(p) {
  if (!p) return '—';
  if (p.length === 4) return p + '年';
  if (p[5] === 'Q') return `${p.slice(0, 4)}年第${p[6]}季度`;
  return `${p.slice(0, 4)}年${Number(p.slice(5))}月`;
}

export function grainOf(p) {
  return p.length === 4 ? 'year' : p[5] === 'Q' ? 'quarter' : 'month';
}

export function dateTime(s) {
  return s ? s.replace('T', ' ').slice(0, 19) : '—';
}
