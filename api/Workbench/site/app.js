// The workbench: sign in with a key, then three views chosen by the address's fragment (#/compare?..., #/region/code?...,
// #/data). The fragment holds the whole view, so a link reproduces it; it never holds the key.
import { get, key, SignedOut, forgetEarly } from './api.js';
import { h, message } from './dom.js';
import * as compare from './compare.js';
import * as region from './region.js';
import * as data from './data.js';

const $ = (id) => document.getElementById(id);
let ctx = null;

function navigate(route, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const hash = `#/${route}${q.size ? '?' + q : ''}`;
  if (location.hash === hash) show();
  else location.hash = hash;
}

function parse() {
  const [path, q] = location.hash.replace(/^#\/?/, '').split('?');
  const [route, ...rest] = path.split('/');
  return { route: route || 'compare', arg: rest.join('/'), params: Object.fromEntries(new URLSearchParams(q ?? '')) };
}

async function signIn(k) {
  key.set(k);
  // One request, not three: the browser opens six connections to the API, which the page's scripts already share.
  const { me, catalog, scopes } = await get('/api/workbench/start');
  ctx = { me, catalog, scopes };
  const roles = { viewer: '查看', analyst: '分析', admin: '管理' };
  $('who').textContent = `${roles[me.role] ?? me.role}权限 · ${me.region ? me.region.name : '全部地区'}`;
}

function signedOut(text) {
  key.clear();
  forgetEarly();
  ctx = null;
  $('tabs').hidden = true;
  $('signout').hidden = true;
  $('view').hidden = true;
  $('who').textContent = '';
  $('signin').hidden = false;
  $('signin-error').textContent = text ?? '';
  document.title = '登录 · 乡镇街道改革工作台';
  $('key').focus();
}

async function show() {
  if (!ctx) return;
  const { route, arg, params } = parse();
  const view = $('view');
  $('signin').hidden = true;
  view.hidden = false;
  $('tabs').hidden = false;
  $('signout').hidden = false;
  for (const a of document.querySelectorAll('#tabs a')) {
    if (a.dataset.tab === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const names = { compare: '对比', region: '地区', data: '数据' };
  document.title = `${names[route] ?? '对比'} · 乡镇街道改革工作台`;
  const started = performance.now();
  try {
    if (route === 'region') await region.render(view, arg, params, ctx, navigate);
    else if (route === 'data') await data.render(view, ctx);
    else await compare.render(view, params, ctx, navigate);
    // view:… is the rendering of a view; ready:… marks, since the page was opened, when it became usable.
    performance.measure(`view:${route}`, { start: started, end: performance.now() });
    performance.mark(`ready:${route}`);
    forgetEarly();
    view.dataset.ready = location.hash;
  } catch (e) {
    forgetEarly();
    if (e instanceof SignedOut) return signedOut(e.message);
    if (!e.shown) view.append(message(e.message, 'error'));
    view.dataset.ready = location.hash;
  }
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const k = $('key').value.trim();
  $('signin-error').textContent = '';
  try {
    await signIn(k);
    $('key').value = '';
    await show();
    $('main').focus();
  } catch (err) {
    signedOut(err instanceof SignedOut ? '密钥无效，请检查后重试。' : err.message);
  }
});

$('signout').addEventListener('click', () => signedOut('已退出登录。'));
window.addEventListener('hashchange', () => show());

/** Sends the requests the address alone determines, before the catalog and the key's scopes have arrived. */
function startEarly() {
  const { route, arg, params } = parse();
  if (route === 'region') region.early(arg, params);
  else if (route === 'data') data.early();
  else compare.early(params);
}

if (key.get()) {
  startEarly();
  signIn(key.get()).then(show, (e) => signedOut(e instanceof SignedOut ? e.message : e.message));
} else {
  signedOut();
}
