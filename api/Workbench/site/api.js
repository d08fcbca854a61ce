// Every request carries the key in the X-Api-Key header; the key lives in sessionStorage only (this tab, this
// session), never in an address, so it cannot end up in history, server logs or a shared link.

const STORE = 'analytics-workbench-key';

export class SignedOut extends Error {}

export const key = {
  get: () => sessionStorage.getItem(STORE),
  set: (k) => sessionStorage.setItem(STORE, k),
  clear: () => sessionStorage.removeItem(STORE),
};

async function send(path, accept, early = false) {
  const k = key.get();
  if (!k) throw new SignedOut('未登录');
  const response = await fetch(path, { headers: { 'X-Api-Key': k, Accept: accept }, cache: 'no-store' });
  if (response.status === 401) {
    // An early request leaves the key to the page's own first request, which then says why it was refused.
    if (!early) key.clear();
    throw new SignedOut('密钥无效或已停用，请重新登录。');
  }
  if (!response.ok) throw new Error(await problem(response));
  return response;
}

async function problem(response) {
  const fallback = {
    403: '本密钥的角色无权查看这项内容。',
    404: '没有找到，或不在本密钥可查看的范围内。',
    429: '请求过于频繁，请稍后再试。',
    503: '数据仓库暂时不可用，请稍后再试。',
  }[response.status] ?? `请求失败（${response.status}）。`;
  try {
    const body = await response.json();
    return body.detail ?? body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}

export async function get(path) {
  const early = started.get(path);
  if (early) {
    started.delete(path);
    return early;
  }
  return (await send(path, 'application/json')).json();
}

// Requests a view will make, sent while the page still waits for the catalog and the key's scopes: a view's data
// then arrives alongside them instead of after them. Each is taken once by the get() of the same path; one the view
// did not ask for (the address was corrected against the catalog) is dropped unread by forgetEarly().
const started = new Map();

export function early(path) {
  if (started.has(path) || !key.get()) return;
  const answer = send(path, 'application/json', true).then((r) => r.json());
  // Its failure surfaces, as the view's own request would, in the view that takes it; none is unhandled meanwhile.
  answer.catch(() => {});
  started.set(path, answer);
}

export function forgetEarly() {
  started.clear();
}

/** Downloads a file the API builds (reports, exports) through a blob, so the key stays in the header. */
export async function download(path, fallbackName) {
  const response = await send(path, '*/*');
  const name = fileName(response.headers.get('Content-Disposition')) ?? fallbackName;
  save(await response.blob(), name);
}

export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileName(disposition) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1] : null;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  return q.toString();
}
