// Small DOM and formatting helpers. Data is only ever put into the page as text nodes.

/** Creates an element; string children become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function $(selector) {
  return document.querySelector(selector);
}

/** 32 hex characters; crypto.randomUUID exists only in secure contexts (not on http://192.168.x.x). */
export function newClientMessageId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "1:06 AM" in a 12-hour locale (no leading zero), "01:06" where the locale itself writes one. */
export function formatClock(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

export function formatListTime(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const now = new Date();
  if (date.toDateString() === now.toDateString()) return formatClock(iso);
  return date.toLocaleDateString([], { day: 'numeric', month: 'short' });
}

export function timeValue(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function initials(name) {
  const parts = String(name || '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const letters = parts.slice(0, 2).map((p) => Array.from(p)[0]).join('');
  return (letters || '?').toUpperCase();
}

/** Reads a JWT's payload without verifying it: the server verifies, the client only wants the user id. */
export function decodeJwtPayload(token) {
  const part = String(token).split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
