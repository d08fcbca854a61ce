// CSV that Excel opens correctly: UTF-8 with a BOM, CRLF, quoted fields; text starting with = + - @ gets an
// apostrophe so Excel shows it instead of evaluating it. Numbers are written as numbers.
import { save } from './api.js';

export function field(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let t = String(v);
  if (/^[=+\-@]/.test(t)) t = "'" + t;
  return /[",\r\n]/.test(t) ? '"' + t.replaceAll('"', '""') + '"' : t;
}

export function downloadCsv(name, filters, headers, rows) {
  const lines = [...filters.map(field), '', headers.map(field).join(','), ...rows.map((r) => r.map(field).join(','))];
  save(new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }), name);
}
