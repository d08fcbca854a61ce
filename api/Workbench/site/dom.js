// A tiny element builder: no innerHTML with data, so no markup injection, and nothing inline for the CSP to block.
import { download } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, v);
  append(el, children);
  return el;
}

/** A labelled select; options are [value, text] pairs or {group, options} for an optgroup. */
export function select(id, label, options, selected, onchange) {
  const control = h('select', { id, onchange: (e) => onchange(e.target.value) });
  for (const o of options) {
    if (o.group) {
      const g = h('optgroup', { label: o.group });
      for (const [v, t] of o.options) g.append(h('option', { value: v, selected: v === selected }, t));
      control.append(g);
    } else {
      control.append(h('option', { value: o[0], selected: o[0] === selected }, o[1]));
    }
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** A table in a focusable scroll box (keyboard users can scroll it), with a caption for screen readers. */
export function tableBox(label, table, full = false) {
  return h('div', { class: full ? 'table-box full' : 'table-box', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

export function message(text, kind = 'info') {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** 下载 Excel / 下载 CSV buttons for a table the API exports at `${path}.xlsx` and `${path}.csv` (same query). */
export function exportButtons(path, q, name, onerror) {
  const fetchFile = (format) => download(`${path}.${format}${q ? '?' + q : ''}`, `${name}.${format}`).catch((e) => onerror?.(e));
  return h('div', { class: 'actions' },
    h('button', { type: 'button', onclick: () => fetchFile('xlsx') }, '下载 Excel'),
    h('button', { type: 'button', onclick: () => fetchFile('csv') }, '下载 CSV'));
}
