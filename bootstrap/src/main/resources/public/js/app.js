// The browser client: pick a demo user, chat list, one open conversation, and the support desk for admins.
// Everything from the server is rendered with textContent (see util.el); nothing is ever parsed as HTML.

import { ApiError, createApi } from './api.js';
import { createSocket } from './socket.js';
import {
  $,
  debounce,
  decodeJwtPayload,
  el,
  formatClock,
  formatListTime,
  initials,
  newClientMessageId,
  timeValue,
} from './util.js';

const SESSION_KEY = 'chat.session.v1';
const DEFAULT_SYSTEM_USER_ID = '000000000000000000000001';
const DEFAULT_SYSTEM_USER_NAME = 'Official Support';
const PAGE_SIZE = 30;
const RESYNC_PAGE_SIZE = 200;
const ACK_TIMEOUT_MS = 8000;
const TYPING_SEND_EVERY_MS = 2000;
const TYPING_IDLE_MS = 3000;
const TYPING_SHOW_MS = 5000;
const NEAR_EDGE_PX = 80;
const CHAT = '/api/v1/chat';
const USERS = '/api/v1/users';
const DESK = '/api/v1/admin/support';
const enc = encodeURIComponent;

const state = {
  session: null, // {_id, fullName, role, token, source: 'dev' | 'token', systemUserId, systemUserName}
  demoUsers: [],
  names: new Map(), // userId -> display name, learnt from /dev/users and participants
  chats: new Map(), // chatId -> list entry (my chats)
  desk: new Map(), // chatId -> list entry (support desk)
  deskFilter: '',
  online: new Set(),
  blocked: new Set(),
  view: null, // the open conversation, see newView
  tab: 'chats',
};

const chatItems = new Map(); // chatId -> <li>, kept so that focus survives re-renders
const deskItems = new Map();
const typingInList = new Map(); // chatId -> timer that ends "typing…" in that chat's list row
let api = null;
let chatsLoaded = false;
let socket = null;
let openSequence = 0;
let localOrder = 0;
let toastTimer = null;
let typingHideTimer = null;

// ---------------------------------------------------------------- session and start-up

function readSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return saved && saved._id && saved.token ? saved : null;
  } catch {
    return null;
  }
}

function saveSession() {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(state.session));
}

const me = () => state.session._id;
const systemUserId = () => state.session.systemUserId || DEFAULT_SYSTEM_USER_ID;
const isAdmin = () => state.session.role === 'admin';

async function fetchDevUsers() {
  const response = await fetch('/dev/users', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  const json = await response.json().catch(() => null);
  if (!response.ok || !json || json.success === false) throw new Error('No demo users here.');
  const data = json.data || {};
  state.demoUsers = (Array.isArray(data.users) ? data.users : []).filter((u) => u && u._id);
  for (const user of state.demoUsers) state.names.set(user._id, user.fullName || user._id);
  return data;
}

let refreshing = null;

/** Dev mode only: fetches a fresh token for the same user (after a 401 or before a reconnect). */
function refreshToken() {
  if (!state.session || state.session.source !== 'dev') return Promise.resolve(false);
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const data = await fetchDevUsers();
        if (data.systemUserId) state.session.systemUserId = data.systemUserId;
        const user = state.demoUsers.find((u) => u._id === me());
        if (!user || !user.token || user.token === state.session.token) return false;
        state.session.token = user.token;
        saveSession();
        return true;
      } catch {
        return false;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

async function showPicker() {
  $('#picker').hidden = false;
  const list = $('#user-picker');
  list.replaceChildren(el('li', { class: 'hint' }, 'Loading demo users…'));
  try {
    const data = await fetchDevUsers();
    const users = state.demoUsers;
    list.replaceChildren(
      ...users.map((user) =>
        el(
          'li',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'user-option',
              id: `user-option-${user._id}`,
              'data-testid': 'user-option',
              'data-user-id': user._id,
              'data-role': user.role || 'user',
              onclick: () => pickUser(user, data),
            },
            el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(user.fullName)),
            el('span', { class: 'user-option-name' }, user.fullName || user._id),
            user.role === 'admin' ? el('span', { class: 'tag' }, 'Support desk') : null,
          ),
        ),
      ),
    );
    if (users.length === 0) list.replaceChildren(el('li', { class: 'hint' }, 'The server lists no demo users.'));
    const first = list.querySelector('button');
    if (first) first.focus();
  } catch {
    list.replaceChildren();
    const error = $('#picker-error');
    error.textContent =
      'Demo users are offered only when the server runs in development mode. Paste an access token instead.';
    error.hidden = false;
    $('#token-login').open = true;
  }
}

function pickUser(user, data) {
  state.session = {
    _id: user._id,
    fullName: user.fullName || user._id,
    role: user.role === 'admin' ? 'admin' : 'user',
    token: user.token,
    source: 'dev',
    systemUserId: data.systemUserId || DEFAULT_SYSTEM_USER_ID,
    systemUserName: data.systemUserName || null,
  };
  saveSession();
  $('#picker').hidden = true;
  startApp();
}

function loginWithToken(event) {
  event.preventDefault();
  const token = $('#token-input').value.trim();
  const payload = decodeJwtPayload(token);
  const userId = payload && (payload.userId || payload.sub);
  const error = $('#picker-error');
  if (!userId) {
    error.textContent = 'That does not look like an access token (no userId or sub claim).';
    error.hidden = false;
    return;
  }
  state.session = {
    _id: String(userId),
    fullName: payload.name || String(userId),
    role: payload.role === 'admin' ? 'admin' : 'user',
    token,
    source: 'token',
    systemUserId: DEFAULT_SYSTEM_USER_ID,
    systemUserName: null,
  };
  saveSession();
  $('#picker').hidden = true;
  startApp();
}

function switchUser() {
  if (socket) socket.close();
  sessionStorage.removeItem(SESSION_KEY);
  location.reload();
}

function startApp() {
  const session = state.session;
  state.names.set(session._id, session.fullName);
  state.names.set(systemUserId(), session.systemUserName || state.names.get(systemUserId()) || DEFAULT_SYSTEM_USER_NAME);
  api = createApi({ getToken: () => state.session.token, refreshToken });

  $('#app').hidden = false;
  $('#current-user').textContent = session.fullName;
  $('#current-role').textContent = isAdmin() ? 'Support staff' : '';
  $('#me-avatar').textContent = initials(session.fullName);
  $('#tabs').hidden = !isAdmin();
  $('#support-button').hidden = isAdmin();
  document.body.dataset.role = session.role;
  selectTab(isAdmin() ? 'desk' : 'chats');

  socket = createSocket({
    url: () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      return `${scheme}://${location.host}/ws?token=${enc(state.session.token)}`;
    },
    onEvent: handleEvent,
    onStatus: renderConnection,
    onOpen: handleSocketOpen,
    beforeReconnect: refreshToken,
  });
  socket.connect();

  loadChats();
  loadBlocked();
  if (isAdmin()) loadDesk();
}

function handleSocketOpen() {
  // Events are only pushed while connected: whatever happened before this open (the first one too, since the
  // lists were loaded before the socket was up), refresh the lists, fetch what the open chat missed, resend failures.
  loadChats();
  if (isAdmin()) loadDesk();
  const view = state.view;
  if (view) resync(view);
}

function renderConnection(connection, retryInMs) {
  const node = $('#connection-status');
  node.dataset.state = connection;
  node.hidden = connection === 'online';
  if (connection === 'connecting') node.textContent = 'Connecting…';
  else if (connection === 'offline') {
    node.textContent = `Offline. Reconnecting in ${Math.max(1, Math.round(retryInMs / 1000))} s…`;
  } else node.textContent = 'Connected';
}

// ---------------------------------------------------------------- lists

function entryFromChat(chat, selfId) {
  const participants = Array.isArray(chat.participants) ? chat.participants.filter(Boolean) : [];
  for (const p of participants) if (p._id) state.names.set(p._id, p.fullName || p._id);
  const other = participants.find((p) => p._id !== selfId) || participants[0] || { _id: '', fullName: 'Unknown' };
  const last = chat.lastMessage || (Array.isArray(chat.messages) ? chat.messages[chat.messages.length - 1] : null);
  return {
    chatId: chat._id,
    type: chat.type || 'user_chat',
    otherId: other._id,
    otherName: other.fullName || other._id,
    verified: Boolean(other.isVerified),
    preview: last ? last.text || '' : '',
    previewFrom: last ? last.sender : null,
    ts: (last && last.timestamp) || chat.updatedAt || chat.createdAt || null,
    unread: Number(chat.unreadCount) || 0,
    muted: Boolean(chat.muted),
    mutedUntil: chat.mutedUntil || null,
    status: chat.status || null,
    assignedAdminId: chat.assignedAdminId || null,
    relatedEntity: chat.relatedEntity || null,
  };
}

async function fetchPages(path, key) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 5; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const data = await api.get(`${path}${sep}limit=100${cursor ? `&cursor=${enc(cursor)}` : ''}`);
    items.push(...(Array.isArray(data[key]) ? data[key] : []));
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return items;
}

async function loadChats() {
  try {
    const chats = await fetchPages(CHAT, 'chats');
    const firstLoad = !chatsLoaded;
    const known = new Set([...state.chats.values()].map((e) => e.otherId));
    state.chats = new Map(chats.filter((c) => c && c._id).map((c) => [c._id, entryFromChat(c, me())]));
    chatsLoaded = true;
    renderChatList();
    if (!firstLoad) {
      for (const entry of state.chats.values()) {
        if (entry.type === 'user_chat' && !known.has(entry.otherId)) learnPresence(entry.otherId);
      }
    }
    if (state.view && state.view.kind === 'user') markSeen(state.view);
  } catch (error) {
    showError(error);
  }
}
const scheduleLoadChats = debounce(loadChats, 250);

/**
 * The presence snapshot covers the partners a user had when the socket connected; a chat that appears later
 * gets no user:online for a partner who was already online, so ask once (the chat exists: this creates nothing).
 */
async function learnPresence(otherId) {
  try {
    const data = await api.get(`${CHAT}/${enc(otherId)}`);
    if (data.otherUserOnline === true) {
      state.online.add(otherId);
      renderPresence();
    }
  } catch {
    // Presence is a nicety; the next snapshot (reconnect) corrects it.
  }
}

async function loadDesk() {
  try {
    const filter = state.deskFilter ? `?status=${enc(state.deskFilter)}` : '';
    const chats = await fetchPages(`${DESK}/chats${filter}`, 'chats');
    state.desk = new Map(chats.filter((c) => c && c._id).map((c) => [c._id, entryFromChat(c, systemUserId())]));
    renderDeskList();
  } catch (error) {
    showError(error);
  }
}
const scheduleLoadDesk = debounce(loadDesk, 250);

async function loadBlocked() {
  try {
    const data = await api.get(`${USERS}/me/blocked?limit=200`);
    const items = data.blocked || data.users || data.items || data.blockedUsers || [];
    state.blocked = new Set();
    for (const item of Array.isArray(items) ? items : []) {
      const id = typeof item === 'string' ? item : item && (item._id || item.userId || item.id);
      if (!id) continue;
      state.blocked.add(id);
      if (item.fullName) state.names.set(id, item.fullName);
    }
    renderPeople();
  } catch {
    // Not fatal: block state is also learnt from the block and unblock buttons.
  }
}

const byRecency = (a, b) => timeValue(b.ts) - timeValue(a.ts);

function renderChatList() {
  const entries = [...state.chats.values()].sort(byRecency);
  renderList($('#chat-list'), chatItems, entries, 'chat-item', (entry) => openUserChat(entry.otherId));
  $('#chat-list-empty').hidden = entries.length > 0;
  renderTitle();
}

function renderDeskList() {
  const entries = [...state.desk.values()]
    .filter((e) => !state.deskFilter || e.status === state.deskFilter)
    .sort(byRecency);
  renderList($('#desk-list'), deskItems, entries, 'desk-item', (entry) => openDeskChat(entry.chatId));
  $('#desk-list-empty').hidden = entries.length > 0;
}

/** Updates items in place and reorders only when the order changed, so that keyboard focus is not lost. */
function renderList(list, cache, entries, testId, onOpen) {
  const wanted = new Set(entries.map((e) => e.chatId));
  for (const [chatId, li] of cache) {
    if (!wanted.has(chatId)) {
      li.remove();
      cache.delete(chatId);
    }
  }
  const nodes = entries.map((entry) => {
    let li = cache.get(entry.chatId);
    if (!li) {
      const button = el('button', { type: 'button', class: 'item', 'data-testid': testId });
      button.addEventListener('click', () => {
        const current = (testId === 'desk-item' ? state.desk : state.chats).get(button.dataset.chatId);
        if (current) onOpen(current);
      });
      li = el('li', {}, button);
      cache.set(entry.chatId, li);
    }
    fillItem(li.firstChild, entry, testId === 'desk-item');
    return li;
  });
  const current = [...list.children];
  const sameOrder = current.length === nodes.length && nodes.every((node, i) => current[i] === node);
  if (!sameOrder) list.replaceChildren(...nodes);
}

function fillItem(button, entry, desk) {
  const view = state.view;
  const isOpen = Boolean(view && view.chatId === entry.chatId && (view.kind === 'desk') === desk);
  const isSupport = entry.type === 'admin_support';
  const online = !isSupport && state.online.has(entry.otherId);
  const unread = shownUnread(entry, isOpen);
  button.id = `${desk ? 'desk-item' : 'chat-item'}-${entry.chatId}`;
  button.dataset.chatId = entry.chatId;
  button.dataset.otherId = entry.otherId;
  button.dataset.type = entry.type;
  button.dataset.unread = String(unread);
  if (desk) button.dataset.status = entry.status || '';
  if (isOpen) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');

  const typing = !desk && typingInList.has(entry.chatId);
  button.dataset.typing = String(typing);
  let previewText = entry.preview || (desk ? '' : 'No messages yet');
  if (entry.preview && entry.previewFrom === (desk ? systemUserId() : me())) previewText = `You: ${entry.preview}`;
  if (typing) previewText = 'typing…';
  const name = desk ? entry.otherName : isSupport ? supportName() : entry.otherName;

  button.replaceChildren(
    el(
      'span',
      { class: 'avatar', 'aria-hidden': 'true' },
      initials(name),
      // Staff do not get presence for support users, and nobody gets it for the system user.
      isSupport ? null : el('span', { class: 'dot', 'data-testid': 'presence-dot', 'data-online': String(online) }),
    ),
    el(
      'span',
      { class: 'item-body' },
      el(
        'span',
        { class: 'item-top' },
        el(
          'span',
          { class: 'item-title' },
          el('span', { class: 'item-name', 'data-testid': 'chat-item-name' }, name),
          isSupport && !desk ? el('span', { class: 'tag' }, 'Support') : null,
          desk && entry.status ? el('span', { class: `status status-${entry.status}` }, statusLabel(entry.status)) : null,
          entry.muted && !desk ? el('span', { class: 'tag', 'data-testid': 'chat-item-muted' }, 'Muted') : null,
        ),
        el(
          'time',
          { class: 'item-time', 'data-testid': 'chat-item-time', datetime: entry.ts || '' },
          formatListTime(entry.ts),
        ),
      ),
      el(
        'span',
        { class: 'item-bottom' },
        el(
          'span',
          { class: typing ? 'item-preview typing' : 'item-preview', 'data-testid': 'chat-item-preview' },
          previewText,
        ),
        unread > 0
          ? el('span', { class: 'badge', 'data-testid': 'chat-item-unread' }, String(unread))
          : null,
      ),
      el(
        'span',
        { class: 'sr-only' },
        [online ? 'online' : '', unread > 0 ? `${unread} unread` : '', entry.muted ? 'muted' : '']
          .filter(Boolean)
          .join(', '),
      ),
    ),
  );
}

/** The open chat on a visible page counts as read: its messages are being marked as they arrive. */
function shownUnread(entry, isOpen) {
  return isOpen && document.visibilityState === 'visible' ? 0 : entry.unread;
}

function supportName() {
  return state.names.get(systemUserId()) || DEFAULT_SYSTEM_USER_NAME;
}

function statusLabel(status) {
  return { open: 'Open', waiting_user: 'Waiting for user', resolved: 'Resolved' }[status] || status;
}

function renderTitle() {
  let unread = 0;
  const view = state.view;
  for (const entry of state.chats.values()) {
    unread += shownUnread(entry, Boolean(view && view.kind === 'user' && view.chatId === entry.chatId));
  }
  document.title = unread > 0 ? `(${unread}) Chat` : 'Chat';
}

function selectTab(tab) {
  state.tab = tab;
  $('#chats-tab').setAttribute('aria-selected', String(tab === 'chats'));
  $('#desk-tab').setAttribute('aria-selected', String(tab === 'desk'));
  $('#chats-panel').hidden = tab !== 'chats';
  $('#desk-panel').hidden = tab !== 'desk';
}

// ---------------------------------------------------------------- people dialog (new chat, unblock)

function openPeople() {
  renderPeople();
  const dialog = $('#people-dialog');
  if (!dialog.open) dialog.showModal();
}

function renderPeople() {
  const list = $('#people-list');
  if (!state.session) return;
  const ids = new Set();
  for (const user of state.demoUsers) {
    if (user._id !== me() && user._id !== systemUserId()) ids.add(user._id);
  }
  for (const id of state.blocked) ids.add(id);
  const rows = [...ids].map((id) => {
    const name = state.names.get(id) || id;
    const blocked = state.blocked.has(id);
    const online = state.online.has(id);
    const demo = state.demoUsers.find((u) => u._id === id);
    return el(
      'li',
      { class: 'person', 'data-user-id': id },
      el(
        'span',
        { class: 'avatar', 'aria-hidden': 'true' },
        initials(name),
        // Presence is only told for chat partners: no dot rather than a grey one that may be wrong.
        online ? el('span', { class: 'dot', 'data-online': 'true' }) : null,
      ),
      el(
        'span',
        { class: 'item-body' },
        el('span', { class: 'item-name' }, name),
        demo && demo.role === 'admin' ? el('span', { class: 'tag' }, 'Staff') : null,
        blocked ? el('span', { class: 'tag danger' }, 'Blocked') : null,
      ),
      blocked
        ? el(
            'button',
            { type: 'button', 'data-testid': 'unblock-option', 'data-user-id': id, onclick: () => unblock(id) },
            'Unblock',
          )
        : el(
            'button',
            {
              type: 'button',
              id: `new-chat-option-${id}`,
              'data-testid': 'new-chat-option',
              'data-user-id': id,
              onclick: () => {
                $('#people-dialog').close();
                openUserChat(id);
              },
            },
            'Chat',
          ),
    );
  });
  list.replaceChildren(...rows);
  if (rows.length === 0) list.append(el('li', { class: 'hint' }, 'Nobody to list. Use a user id below.'));
}

// ---------------------------------------------------------------- the open conversation

function newView(fields) {
  return {
    kind: 'user', // 'user': my own chat with otherId; 'desk': a support chat seen by staff
    chatId: null,
    otherId: null,
    otherName: '',
    type: 'user_chat',
    muted: false,
    mutedUntil: null,
    status: null,
    assignedAdminId: null,
    relatedEntity: null,
    blockedByMe: false,
    messages: new Map(), // key (_id, or 'c:' + clientMessageId while pending) -> message
    elements: new Map(), // same keys -> <li>
    hasMore: false,
    loadingOlder: false,
    peerSeenSeq: 0, // the other side's read mark on my messages
    markedSeq: 0, // my read mark, as last sent
    marking: false,
    markAgain: false,
    clearedUpTo: 0,
    typingSentAt: 0,
    typingIdleTimer: null,
    ...fields,
  };
}

const isSupportView = (view) => view.kind === 'user' && (view.type === 'admin_support' || view.otherId === systemUserId());

function isOwn(view, message) {
  return message.sender === (view.kind === 'desk' ? systemUserId() : me());
}

async function openUserChat(otherId) {
  if (!otherId || otherId === me()) return;
  const sequence = ++openSequence;
  const blockedByMe = state.blocked.has(otherId);
  let chat = null;
  if (!blockedByMe) {
    try {
      const data = await api.get(`${CHAT}/${enc(otherId)}`);
      chat = data.chat || null;
      if (data.otherUserOnline === true) state.online.add(otherId);
    } catch (error) {
      // The support chat may only come into being with the first message; open it empty.
      if (!(otherId === systemUserId() && error.status === 404)) {
        if (sequence === openSequence) showError(error);
        return;
      }
    }
  }
  if (sequence !== openSequence) return;
  let entry = null;
  if (chat && chat._id) {
    entry = entryFromChat(chat, me());
    state.chats.set(chat._id, entry);
  }
  const view = newView({
    kind: 'user',
    chatId: entry ? entry.chatId : null,
    otherId,
    otherName: otherId === systemUserId() ? supportName() : (entry && entry.otherName) || state.names.get(otherId) || otherId,
    type: entry ? entry.type : otherId === systemUserId() ? 'admin_support' : 'user_chat',
    muted: entry ? entry.muted : false,
    mutedUntil: entry ? entry.mutedUntil : null,
    blockedByMe,
  });
  setView(view);
  if (!blockedByMe) await loadLatest(view);
}

async function openDeskChat(chatId) {
  const sequence = ++openSequence;
  let data;
  try {
    data = await api.get(`${DESK}/chats/${enc(chatId)}?limit=${PAGE_SIZE}`);
  } catch (error) {
    if (sequence === openSequence) showError(error);
    return;
  }
  if (sequence !== openSequence) return;
  const chat = data.chat || { _id: chatId };
  const entry = entryFromChat(chat, systemUserId());
  state.desk.set(chatId, { ...(state.desk.get(chatId) || {}), ...entry });
  const view = newView({
    kind: 'desk',
    chatId,
    otherId: entry.otherId,
    otherName: entry.otherName,
    type: 'admin_support',
    status: entry.status,
    assignedAdminId: entry.assignedAdminId,
    relatedEntity: entry.relatedEntity,
  });
  setView(view);
  addMessages(view, data.messages);
  view.hasMore = Boolean(data.hasMore);
  renderMessages(view, 'bottom');
  markSeen(view);
}

function setView(view) {
  const previous = state.view;
  if (previous) stopTyping(previous);
  state.view = view;
  hideTyping();
  $('#message-list').replaceChildren();
  $('#empty-view').hidden = true;
  $('#chat-view').hidden = false;
  $('#chat-view').dataset.chatId = view.chatId || '';
  $('#chat-view').dataset.otherId = view.otherId || '';
  $('#chat-view').dataset.kind = view.kind;
  document.body.classList.add('has-view');
  renderHeader();
  renderComposer();
  renderChatList();
  renderDeskList();
  if (window.matchMedia('(min-width: 701px)').matches) $('#message-input').focus();
}

function closeView() {
  const view = state.view;
  if (view) stopTyping(view);
  state.view = null;
  hideTyping();
  $('#chat-view').hidden = true;
  $('#empty-view').hidden = false;
  document.body.classList.remove('has-view');
  renderChatList();
  renderDeskList();
}

function renderHeader() {
  const view = state.view;
  if (!view) return;
  const support = isSupportView(view);
  $('#chat-title').textContent = view.kind === 'desk' ? view.otherName : support ? supportName() : view.otherName;
  const subtitle = $('#chat-subtitle');
  if (view.kind === 'desk') {
    const related = view.relatedEntity && view.relatedEntity.type
      ? ` · ${view.relatedEntity.type}${view.relatedEntity.refId ? ` ${view.relatedEntity.refId}` : ''}`
      : '';
    const assigned = view.assignedAdminId
      ? ` · assigned to ${view.assignedAdminId === me() ? 'you' : state.names.get(view.assignedAdminId) || view.assignedAdminId}`
      : '';
    subtitle.textContent = `Support chat${related}${assigned}`;
    subtitle.dataset.online = 'false';
  } else if (support) {
    subtitle.textContent = 'We usually answer within a day';
    subtitle.dataset.online = 'false';
  } else {
    const online = !view.blockedByMe && state.online.has(view.otherId);
    subtitle.textContent = online ? 'online' : 'offline';
    subtitle.dataset.online = String(online);
  }
  $('#user-actions').hidden = view.kind !== 'user';
  $('#desk-actions').hidden = view.kind !== 'desk';

  const mute = $('#mute-button');
  mute.textContent = view.muted ? 'Unmute' : 'Mute';
  mute.setAttribute('aria-pressed', String(view.muted));
  mute.dataset.muted = String(view.muted);
  mute.title = view.muted
    ? view.mutedUntil
      ? `Muted until ${new Date(view.mutedUntil).toLocaleString()}`
      : 'Muted: no push notifications'
    : 'Mute push notifications';
  mute.disabled = view.blockedByMe;

  const block = $('#block-button');
  block.hidden = support;
  block.textContent = view.blockedByMe ? 'Unblock' : 'Block';
  block.dataset.blocked = String(view.blockedByMe);
  $('#clear-button').disabled = view.blockedByMe;

  $('#blocked-banner').hidden = !view.blockedByMe;
  $('#blocked-text').textContent = view.blockedByMe ? `You blocked ${view.otherName}.` : '';

  if (view.kind === 'desk') {
    $('#desk-status-select').value = view.status || 'open';
    $('#assign-button').hidden = view.assignedAdminId === me();
  }
}

function renderComposer() {
  const view = state.view;
  const input = $('#message-input');
  const usable = Boolean(view) && !view.blockedByMe;
  input.disabled = !usable;
  input.placeholder = usable ? (view.kind === 'desk' ? `Reply as ${supportName()}` : 'Message') : 'Unblock to send messages';
  updateSendButton();
}

function updateSendButton() {
  const input = $('#message-input');
  $('#send-button').disabled = input.disabled || input.value.trim() === '';
}

function autosize() {
  const input = $('#message-input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

// ---------------------------------------------------------------- messages

/** Adds or merges a message; a pending copy (same clientMessageId) is replaced by the stored one. */
function upsertMessage(view, message) {
  if (!message || !message._id) return false;
  if (view.clearedUpTo && typeof message.seq === 'number' && message.seq <= view.clearedUpTo) return false;
  let pendingKey = message.clientMessageId ? `c:${message.clientMessageId}` : null;
  if (!pendingKey && view.kind === 'desk' && isOwn(view, message)) {
    // The admin API takes no clientMessageId: match the oldest pending reply with the same text.
    for (const [key, m] of view.messages) {
      if (m.pending && m.text === message.text) {
        pendingKey = key;
        break;
      }
    }
  }
  if (pendingKey && view.messages.has(pendingKey)) {
    view.messages.delete(pendingKey);
    const element = view.elements.get(pendingKey);
    view.elements.delete(pendingKey);
    if (element && !view.elements.has(message._id)) view.elements.set(message._id, element);
  }
  const previous = view.messages.get(message._id);
  const merged = { ...previous, ...message, pending: false, failed: false };
  merged.seen = Boolean((previous && previous.seen) || message.seen);
  view.messages.set(message._id, merged);
  if (isOwn(view, merged) && merged.seen && typeof merged.seq === 'number') {
    view.peerSeenSeq = Math.max(view.peerSeenSeq, merged.seq);
  }
  return !previous;
}

function addMessages(view, messages) {
  let added = 0;
  for (const message of Array.isArray(messages) ? messages : []) if (upsertMessage(view, message)) added += 1;
  return added;
}

function seqs(view, predicate) {
  const values = [];
  for (const m of view.messages.values()) if (typeof m.seq === 'number' && predicate(m)) values.push(m.seq);
  return values;
}

const minSeq = (view) => Math.min(...seqs(view, () => true));
const maxSeq = (view) => Math.max(0, ...seqs(view, () => true));

function compareMessages(a, b) {
  const sa = typeof a.seq === 'number' ? a.seq : Infinity;
  const sb = typeof b.seq === 'number' ? b.seq : Infinity;
  if (sa !== sb) return sa - sb;
  return (a.localOrder || 0) - (b.localOrder || 0);
}

function tickState(view, message) {
  if (!isOwn(view, message)) return 'received';
  if (message.failed) return 'failed';
  if (message.pending) return 'pending';
  if (message.seen || (typeof message.seq === 'number' && message.seq <= view.peerSeenSeq)) return 'seen';
  return 'sent';
}

const TICKS = {
  pending: { symbol: '…', label: 'Sending' },
  sent: { symbol: '✓', label: 'Sent' },
  seen: { symbol: '✓✓', label: 'Seen' },
  failed: { symbol: '!', label: 'Not sent' },
};

function messageElement(view, key, message) {
  let node = view.elements.get(key);
  if (!node) {
    node = el(
      'li',
      { 'data-testid': 'message' },
      el('p', { class: 'msg-text', 'data-testid': 'message-text' }),
      el('span', { class: 'msg-meta' }, el('time'), el('span', { class: 'ticks', 'data-testid': 'message-ticks' })),
    );
    view.elements.set(key, node);
  }
  const own = isOwn(view, message);
  const tick = tickState(view, message);
  node.className = `msg ${own ? 'own' : 'theirs'} ${tick}`;
  node.dataset.key = key;
  node.dataset.messageId = message._id || '';
  node.dataset.clientMessageId = message.clientMessageId || '';
  node.dataset.seq = typeof message.seq === 'number' ? String(message.seq) : '';
  node.dataset.own = String(own);
  node.dataset.state = tick;
  const text = node.querySelector('.msg-text');
  if (text.textContent !== message.text) text.textContent = message.text;
  const time = node.querySelector('time');
  time.dateTime = message.timestamp || '';
  time.textContent = formatClock(message.timestamp);
  const ticks = node.querySelector('.ticks');
  if (own) {
    ticks.textContent = TICKS[tick].symbol;
    ticks.setAttribute('aria-label', TICKS[tick].label);
    ticks.title = message.failed && message.error ? `${TICKS[tick].label}: ${message.error}` : TICKS[tick].label;
  } else {
    ticks.textContent = '';
    ticks.removeAttribute('aria-label');
    ticks.removeAttribute('title');
  }
  let retry = node.querySelector('.retry');
  if (message.failed && !retry) {
    retry = el('button', { type: 'button', class: 'retry', 'data-testid': 'retry-button' }, 'Retry');
    retry.addEventListener('click', () => {
      const current = state.view && state.view.messages.get(node.dataset.key);
      if (current && current.failed) deliver(state.view, node.dataset.key);
    });
    node.append(retry);
  } else if (!message.failed && retry) {
    retry.remove();
  }
  return node;
}

/**
 * mode: 'bottom' scrolls to the end, 'prepend' keeps the visible part still after older messages were added above,
 * 'auto' follows only when already at the end, 'keep' leaves the scroll position alone.
 */
function renderMessages(view, mode = 'auto') {
  if (view !== state.view) return;
  const scroller = $('#message-scroller');
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_EDGE_PX;
  const previousHeight = scroller.scrollHeight;
  const previousTop = scroller.scrollTop;

  const entries = [...view.messages.entries()].sort((a, b) => compareMessages(a[1], b[1]));
  const nodes = entries.map(([key, message]) => messageElement(view, key, message));
  for (const key of [...view.elements.keys()]) if (!view.messages.has(key)) view.elements.delete(key);
  const list = $('#message-list');
  const current = [...list.children];
  if (current.length !== nodes.length || nodes.some((node, i) => current[i] !== node)) list.replaceChildren(...nodes);
  $('#load-older-button').hidden = !view.hasMore;

  if (mode === 'bottom' || (mode === 'auto' && atBottom)) scroller.scrollTop = scroller.scrollHeight;
  else if (mode === 'prepend') scroller.scrollTop = previousTop + (scroller.scrollHeight - previousHeight);
}

async function loadLatest(view) {
  try {
    const data = await api.get(`${CHAT}/${enc(view.otherId)}/messages?limit=${PAGE_SIZE}`);
    if (view !== state.view) return;
    addMessages(view, data.messages);
    view.hasMore = Boolean(data.hasMore);
    adoptChatId(view);
    renderMessages(view, 'bottom');
    markSeen(view);
  } catch (error) {
    if (!(isSupportView(view) && error.status === 404)) showError(error);
  }
}

async function loadOlder(view) {
  if (!view || view.loadingOlder || !view.hasMore) return;
  const before = minSeq(view);
  if (!Number.isFinite(before)) return;
  view.loadingOlder = true;
  try {
    const path =
      view.kind === 'desk'
        ? `${DESK}/chats/${enc(view.chatId)}?limit=${PAGE_SIZE}&before=${before}`
        : `${CHAT}/${enc(view.otherId)}/messages?limit=${PAGE_SIZE}&before=${before}`;
    const data = await api.get(path);
    if (view !== state.view) return;
    const added = addMessages(view, data.messages);
    // A page that brings nothing new ends paging, whatever hasMore says.
    view.hasMore = Boolean(data.hasMore) && added > 0;
    renderMessages(view, 'prepend');
  } catch (error) {
    showError(error);
  } finally {
    view.loadingOlder = false;
  }
}

/** After a reconnect: fetch what came after the newest message we hold, then resend what failed for lack of a link. */
async function resync(view) {
  try {
    if (view.kind === 'desk') {
      const data = await api.get(`${DESK}/chats/${enc(view.chatId)}?limit=${RESYNC_PAGE_SIZE}`);
      if (view !== state.view) return;
      addMessages(view, data.messages);
      if (data.chat) {
        const entry = entryFromChat(data.chat, systemUserId());
        view.status = entry.status;
        view.assignedAdminId = entry.assignedAdminId;
        renderHeader();
      }
    } else if (!view.blockedByMe) {
      if (seqs(view, () => true).length === 0) {
        await loadLatest(view);
      } else {
        for (let page = 0; page < 10; page += 1) {
          const data = await api.get(
            `${CHAT}/${enc(view.otherId)}/messages?limit=${RESYNC_PAGE_SIZE}&after=${maxSeq(view)}`,
          );
          if (view !== state.view) return;
          const added = addMessages(view, data.messages);
          if (!data.hasMore || added === 0) break;
        }
        adoptChatId(view);
      }
    }
    renderMessages(view, 'auto');
    markSeen(view);
  } catch (error) {
    showError(error);
  }
  for (const [key, message] of view.messages) {
    if (message.failed && message.retryable) deliver(view, key);
  }
}

function adoptChatId(view) {
  if (view.chatId) return;
  for (const m of view.messages.values()) {
    if (m.chatId) {
      view.chatId = m.chatId;
      $('#chat-view').dataset.chatId = m.chatId;
      scheduleLoadChats();
      return;
    }
  }
}

// ---------------------------------------------------------------- sending

function submitComposer(event) {
  event.preventDefault();
  const view = state.view;
  const input = $('#message-input');
  const text = input.value.trim();
  if (!view || view.blockedByMe || text === '') return;
  input.value = '';
  autosize();
  updateSendButton();
  stopTyping(view);
  const clientMessageId = newClientMessageId();
  const key = `c:${clientMessageId}`;
  view.messages.set(key, {
    _id: null,
    chatId: view.chatId,
    sender: view.kind === 'desk' ? systemUserId() : me(),
    text,
    timestamp: new Date().toISOString(),
    clientMessageId: view.kind === 'desk' ? null : clientMessageId,
    pending: true,
    failed: false,
    localOrder: ++localOrder,
  });
  renderMessages(view, 'bottom');
  deliver(view, key);
}

/** Sends a pending message; retrying reuses its clientMessageId, so the server stores it at most once. */
async function deliver(view, key) {
  const message = view.messages.get(key);
  if (!message) return;
  message.pending = true;
  message.failed = false;
  message.error = null;
  renderMessages(view, 'keep');
  try {
    let stored;
    if (view.kind === 'desk') {
      const data = await api.post(`${DESK}/chats/${enc(view.chatId)}/messages`, { text: message.text });
      stored = data.message;
    } else {
      stored = await sendToUser(view.otherId, message.text, message.clientMessageId);
    }
    if (!stored || !stored._id) throw new ApiError(0, 'INTERNAL', 'The server answered without the message.');
    if (view.kind === 'desk' && !stored.clientMessageId && view.messages.has(key)) {
      view.messages.delete(key);
      const element = view.elements.get(key);
      view.elements.delete(key);
      if (element && !view.elements.has(stored._id)) view.elements.set(stored._id, element);
    }
    upsertMessage(view, stored);
    if (!view.chatId && stored.chatId) {
      view.chatId = stored.chatId;
      $('#chat-view').dataset.chatId = stored.chatId;
    }
    updatePreview(view.kind === 'desk' ? state.desk : state.chats, stored.chatId || view.chatId, stored);
    renderMessages(view, 'auto');
  } catch (error) {
    const current = view.messages.get(key);
    if (current) {
      current.pending = false;
      current.failed = true;
      current.error = error.message;
      current.retryable = error instanceof ApiError ? error.retryable : true;
      renderMessages(view, 'keep');
    }
    if (!(error instanceof ApiError && error.code === 'NETWORK')) showError(error);
  }
}

async function sendToUser(to, text, clientMessageId) {
  if (socket && socket.isOpen()) {
    let ack = null;
    try {
      ack = await socket.request('sendMessage', { to, text, clientMessageId }, ACK_TIMEOUT_MS);
    } catch {
      // No answer over the socket: fall back to REST with the same clientMessageId (stored at most once).
    }
    if (ack) {
      if (ack.ok) return ack.message;
      const error = ack.error || {};
      throw new ApiError(0, error.code || 'INTERNAL', error.message || 'The message was refused.');
    }
  }
  const data = await api.post(`${CHAT}/${enc(to)}/messages`, { text, clientMessageId });
  return data.message;
}

function updatePreview(map, chatId, message) {
  const entry = chatId && map.get(chatId);
  if (!entry) {
    if (map === state.chats) scheduleLoadChats();
    else scheduleLoadDesk();
    return;
  }
  if (timeValue(message.timestamp) >= timeValue(entry.ts)) {
    entry.preview = message.text;
    entry.previewFrom = message.sender;
    entry.ts = message.timestamp;
  }
  if (map === state.chats) renderChatList();
  else renderDeskList();
}

// ---------------------------------------------------------------- typing

function onComposerInput() {
  autosize();
  updateSendButton();
  const view = state.view;
  if (!view || view.kind !== 'user' || isSupportView(view) || view.blockedByMe) return;
  if ($('#message-input').value.trim() === '') {
    stopTyping(view);
    return;
  }
  const now = Date.now();
  if (now - view.typingSentAt >= TYPING_SEND_EVERY_MS) {
    if (socket.emit('typing', { to: view.otherId, isTyping: true })) view.typingSentAt = now;
  }
  clearTimeout(view.typingIdleTimer);
  view.typingIdleTimer = setTimeout(() => stopTyping(view), TYPING_IDLE_MS);
}

function stopTyping(view) {
  clearTimeout(view.typingIdleTimer);
  view.typingIdleTimer = null;
  if (view.typingSentAt === 0) return;
  view.typingSentAt = 0;
  if (socket) socket.emit('typing', { to: view.otherId, isTyping: false });
}

/** "typing…" in place of a chat's preview in the list; ends like the indicator (stop, message, or 5 s). */
function setListTyping(chatId, typing) {
  const shown = typingInList.has(chatId);
  clearTimeout(typingInList.get(chatId));
  if (typing) typingInList.set(chatId, setTimeout(() => setListTyping(chatId, false), TYPING_SHOW_MS));
  else typingInList.delete(chatId);
  if (shown !== typing) renderChatList();
}

function showTyping(text) {
  const node = $('#typing-indicator');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(typingHideTimer);
  // The "stopped" event can be lost (closed tab, dropped link): never show typing for ever.
  typingHideTimer = setTimeout(hideTyping, TYPING_SHOW_MS);
}

function hideTyping() {
  clearTimeout(typingHideTimer);
  const node = $('#typing-indicator');
  node.hidden = true;
  node.textContent = '';
}

// ---------------------------------------------------------------- read marks

/** Moves my read mark when the chat is open and the page visible; one request at a time, coalesced. */
async function markSeen(view) {
  if (!view || view !== state.view || view.blockedByMe || document.visibilityState !== 'visible') return;
  if (view.kind === 'user' && !view.chatId) return;
  const map = view.kind === 'desk' ? state.desk : state.chats;
  const entry = map.get(view.chatId);
  // Decided on seqs alone, not on unreadCount: a stale count from the server can then never cause a request loop.
  const newest = Math.max(0, ...seqs(view, (m) => !isOwn(view, m)));
  if (newest <= view.markedSeq) return;
  if (view.marking) {
    view.markAgain = true;
    return;
  }
  view.marking = true;
  try {
    if (view.kind === 'desk') {
      await api.post(`${DESK}/chats/${enc(view.chatId)}/mark-read`);
      view.markedSeq = Math.max(view.markedSeq, newest);
    } else {
      const data = await api.post(`${CHAT}/${enc(view.otherId)}/mark-all-seen`);
      view.markedSeq = Math.max(view.markedSeq, newest, Number(data.seenUpTo) || 0);
    }
    if (entry) entry.unread = 0;
    if (view.kind === 'desk') renderDeskList();
    else renderChatList();
  } catch {
    // Left as is: the next message or the next visibility change tries again.
  } finally {
    view.marking = false;
    if (view.markAgain) {
      view.markAgain = false;
      markSeen(view);
    }
  }
}

// ---------------------------------------------------------------- chat actions

async function toggleMute() {
  const view = state.view;
  if (!view || view.kind !== 'user') return;
  try {
    const data = await api.post(`${CHAT}/${enc(view.otherId)}/mute`, {});
    view.muted = Boolean(data.muted);
    view.mutedUntil = data.mutedUntil || null;
    const entry = view.chatId && state.chats.get(view.chatId);
    if (entry) {
      entry.muted = view.muted;
      entry.mutedUntil = view.mutedUntil;
    }
    renderHeader();
    renderChatList();
    toast(view.muted ? 'Muted: no push notifications for this chat.' : 'Unmuted.');
  } catch (error) {
    showError(error);
  }
}

async function toggleBlock() {
  const view = state.view;
  if (!view || view.kind !== 'user') return;
  if (view.blockedByMe) {
    await unblock(view.otherId);
    return;
  }
  const ok = window.confirm(
    `Block ${view.otherName}? Neither of you can send messages, and the chat is hidden until you unblock.`,
  );
  if (!ok) return;
  try {
    await api.post(`${USERS}/${enc(view.otherId)}/block`, {});
    state.blocked.add(view.otherId);
    view.blockedByMe = true;
    stopTyping(view);
    hideTyping();
    // The server lists no chat with a blocked partner (either way): drop it now, then take the list from it.
    for (const [chatId, entry] of state.chats) {
      if (chatId === view.chatId || entry.otherId === view.otherId) {
        state.chats.delete(chatId);
        setListTyping(chatId, false);
      }
    }
    renderHeader();
    renderComposer();
    renderChatList();
    renderPeople();
    scheduleLoadChats();
  } catch (error) {
    showError(error);
  }
}

async function unblock(userId) {
  try {
    await api.delete(`${USERS}/${enc(userId)}/block`);
    state.blocked.delete(userId);
    renderPeople();
    scheduleLoadChats();
    const view = state.view;
    if (view && view.kind === 'user' && view.otherId === userId) await openUserChat(userId);
    toast(`Unblocked ${state.names.get(userId) || userId}.`);
  } catch (error) {
    showError(error);
  }
}

async function clearChat() {
  const view = state.view;
  if (!view || view.kind !== 'user') return;
  if (!window.confirm('Clear this chat for you? The other person keeps their copy.')) return;
  try {
    const data = await api.delete(`${CHAT}/${enc(view.otherId)}/messages`);
    applyCleared(view, Number(data.clearedUpTo) || maxSeq(view));
    scheduleLoadChats();
  } catch (error) {
    showError(error);
  }
}

function applyCleared(view, clearedUpTo) {
  view.clearedUpTo = Math.max(view.clearedUpTo, clearedUpTo);
  for (const [key, m] of view.messages) {
    if (typeof m.seq === 'number' && m.seq <= view.clearedUpTo) view.messages.delete(key);
  }
  view.hasMore = false;
  renderMessages(view, 'bottom');
}

async function setDeskStatus() {
  const view = state.view;
  if (!view || view.kind !== 'desk') return;
  const status = $('#desk-status-select').value;
  await patchDeskChat(view, { status });
}

async function assignToMe() {
  const view = state.view;
  if (!view || view.kind !== 'desk') return;
  await patchDeskChat(view, { assignedAdminId: me() });
}

async function patchDeskChat(view, body) {
  try {
    const data = await api.patch(`${DESK}/chats/${enc(view.chatId)}`, body);
    const chat = data.chat;
    if (chat && chat._id) {
      const entry = entryFromChat(chat, systemUserId());
      state.desk.set(chat._id, entry);
      view.status = entry.status;
      view.assignedAdminId = entry.assignedAdminId;
    } else {
      Object.assign(view, body);
      const entry = state.desk.get(view.chatId);
      if (entry) Object.assign(entry, body);
    }
    renderHeader();
    renderDeskList();
  } catch (error) {
    renderHeader();
    showError(error);
  }
}

// ---------------------------------------------------------------- events from the server

function handleEvent(event, data) {
  switch (event) {
    case 'message:new':
      onMessage(data, false);
      break;
    case 'message:sent':
      onMessage(data, true);
      break;
    case 'chat:update':
      onChatUpdate(data);
      break;
    case 'seen':
      onSeen(data);
      break;
    case 'typing':
      onTyping(data);
      break;
    case 'chat:cleared':
      onCleared(data);
      break;
    case 'presence:snapshot':
      state.online = new Set(Array.isArray(data.online) ? data.online : []);
      renderPresence();
      break;
    case 'user:online':
      if (data.userId) state.online.add(data.userId);
      // A partner without a chat in the list: the chat may be back after an unblock.
      if (data.userId && !hasChatWith(data.userId)) scheduleLoadChats();
      renderPresence();
      break;
    case 'user:offline':
      if (data.userId) state.online.delete(data.userId);
      // Being blocked is told only as the other going offline: ask the server whether the chat is still listed.
      if (data.userId && hasChatWith(data.userId)) scheduleLoadChats();
      renderPresence();
      break;
    case 'message:error':
      onMessageError(data);
      break;
    case 'admin_support:message:new':
      onDeskMessage(data);
      break;
    case 'admin_support:chat:update':
      onDeskUpdate(data);
      break;
    default:
      break;
  }
}

function onMessage(data, mine) {
  const message = data.message;
  if (!message || !message._id) return;
  const chatId = data.chatId || message.chatId;
  const view = state.view;
  const matches =
    view &&
    view.kind === 'user' &&
    (view.chatId === chatId ||
      (!view.chatId &&
        (mine ? view.messages.has(`c:${message.clientMessageId}`) : message.sender === view.otherId)));
  if (matches) {
    if (!view.chatId) {
      view.chatId = chatId;
      $('#chat-view').dataset.chatId = chatId;
    }
    upsertMessage(view, message);
    if (!mine) hideTyping();
    renderMessages(view, mine ? 'bottom' : 'auto');
    if (!mine) markSeen(view);
  }
  if (!mine) setListTyping(chatId, false);
  updatePreview(state.chats, chatId, message);
}

function onChatUpdate(data) {
  const entry = state.chats.get(data.chatId);
  if (!entry) {
    scheduleLoadChats();
    return;
  }
  if ('lastMessage' in data) {
    const last = data.lastMessage;
    const text = last === null || last === undefined ? '' : typeof last === 'string' ? last : last.text || '';
    if (last && typeof last === 'object') entry.previewFrom = last.sender;
    else if (text !== entry.preview) entry.previewFrom = null;
    entry.preview = text;
  }
  if (data.timestamp) entry.ts = data.timestamp;
  if (typeof data.unreadCount === 'number') entry.unread = data.unreadCount;
  const view = state.view;
  if (view && view.kind === 'user' && view.chatId === data.chatId && entry.unread > 0) markSeen(view);
  renderChatList();
}

function onSeen(data) {
  const view = state.view;
  if (!view || view.kind !== 'user' || !view.chatId || view.chatId !== data.chatId) return;
  let seq = typeof data.seq === 'number' ? data.seq : null;
  if (seq === null && data.messageId) {
    const m = view.messages.get(data.messageId);
    seq = m && typeof m.seq === 'number' ? m.seq : null;
  }
  if (seq !== null && seq > view.peerSeenSeq) {
    view.peerSeenSeq = seq;
    renderMessages(view, 'keep');
  }
}

function hasChatWith(userId) {
  for (const entry of state.chats.values()) if (entry.otherId === userId) return true;
  return false;
}

function onTyping(data) {
  const typing = data.isTyping !== false;
  let listed = data.chatId && state.chats.get(data.chatId);
  if (!listed) listed = [...state.chats.values()].find((e) => e.type === 'user_chat' && e.otherId === data.from);
  if (listed && listed.otherId === data.from && !state.blocked.has(data.from)) setListTyping(listed.chatId, typing);
  const view = state.view;
  if (!view || view.kind !== 'user' || view.blockedByMe || data.from !== view.otherId) return;
  if (view.chatId && data.chatId && data.chatId !== view.chatId) return;
  if (data.isTyping === false) hideTyping();
  else showTyping(`${view.otherName} is typing…`);
}

function onCleared(data) {
  const view = state.view;
  if (view && view.kind === 'user' && view.chatId === data.chatId) applyCleared(view, Number(data.clearedUpTo) || 0);
  scheduleLoadChats();
}

function onMessageError(data) {
  const view = state.view;
  const key = data.clientMessageId ? `c:${data.clientMessageId}` : null;
  const message = view && key ? view.messages.get(key) : null;
  const error = data.error || {};
  if (message) {
    message.pending = false;
    message.failed = true;
    message.error = error.message || 'Not sent.';
    renderMessages(view, 'keep');
  }
  toast(error.message || 'A message could not be sent.', true);
}

function onDeskMessage(data) {
  if (!isAdmin()) return;
  const message = data.message;
  const chatId = data.chatId || (message && message.chatId) || (data.chat && data.chat._id);
  const view = state.view;
  if (message && view && view.kind === 'desk' && view.chatId === chatId) {
    upsertMessage(view, message);
    renderMessages(view, isOwn(view, message) ? 'bottom' : 'auto');
    if (!isOwn(view, message)) markSeen(view);
  }
  if (data.chat && data.chat._id) state.desk.set(data.chat._id, entryFromChat(data.chat, systemUserId()));
  if (message && state.desk.has(chatId)) updatePreview(state.desk, chatId, message);
  else scheduleLoadDesk();
}

function onDeskUpdate(data) {
  if (!isAdmin()) return;
  const chatId = data.chatId || (data.chat && data.chat._id);
  if (!chatId) return;
  let entry = state.desk.get(chatId);
  if (data.chat && data.chat._id) {
    entry = entryFromChat(data.chat, systemUserId());
    state.desk.set(chatId, entry);
  } else if (entry) {
    if (data.status) entry.status = data.status;
    if ('assignedAdminId' in data) entry.assignedAdminId = data.assignedAdminId || null;
    if (typeof data.unreadCount === 'number') entry.unread = data.unreadCount;
    if (data.timestamp) entry.ts = data.timestamp;
    if (typeof data.lastMessage === 'string') entry.preview = data.lastMessage;
    else if (data.lastMessage && typeof data.lastMessage === 'object') {
      entry.preview = data.lastMessage.text || '';
      entry.previewFrom = data.lastMessage.sender;
    }
  } else {
    scheduleLoadDesk();
    return;
  }
  const view = state.view;
  if (view && view.kind === 'desk' && view.chatId === chatId) {
    view.status = entry.status;
    view.assignedAdminId = entry.assignedAdminId;
    renderHeader();
  }
  renderDeskList();
}

function renderPresence() {
  renderChatList();
  if (state.view) renderHeader();
  if ($('#people-dialog').open) renderPeople();
}

// ---------------------------------------------------------------- notices

function toast(text, isError = false) {
  const node = $('#toast');
  node.textContent = text;
  node.dataset.kind = isError ? 'error' : 'info';
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    node.hidden = true;
  }, 4000);
}

const ERROR_TEXT = {
  BLOCKED: 'You cannot message this person.',
  NETWORK: 'Cannot reach the server. Retrying when it is back.',
  UNAUTHENTICATED: 'Your session has expired. Switch user and sign in again.',
  RATE_LIMITED: 'Slow down a little: too many messages at once.',
};

function showError(error) {
  const code = error && error.code;
  // Refused because of a block (maybe one the other side just made): the list may still show that chat.
  if (code === 'BLOCKED' && chatsLoaded) scheduleLoadChats();
  toast(ERROR_TEXT[code] || (error && error.message) || 'Something went wrong.', true);
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('#token-form').addEventListener('submit', loginWithToken);
  $('#switch-user').addEventListener('click', switchUser);
  $('#chats-tab').addEventListener('click', () => selectTab('chats'));
  $('#desk-tab').addEventListener('click', () => selectTab('desk'));
  $('#tabs').addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = state.tab === 'chats' ? 'desk' : 'chats';
    selectTab(next);
    $(`#${next}-tab`).focus();
  });
  $('#new-chat-button').addEventListener('click', openPeople);
  $('#support-button').addEventListener('click', () => openUserChat(systemUserId()));
  $('#people-close').addEventListener('click', () => $('#people-dialog').close());
  $('#by-id-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = $('#by-id-input').value.trim();
    $('#people-dialog').close();
    $('#by-id-input').value = '';
    openUserChat(id);
  });
  $('#desk-status-filter').addEventListener('change', (event) => {
    state.deskFilter = event.target.value;
    renderDeskList();
    loadDesk();
  });
  $('#back-button').addEventListener('click', closeView);
  $('#mute-button').addEventListener('click', toggleMute);
  $('#block-button').addEventListener('click', toggleBlock);
  $('#unblock-button').addEventListener('click', () => state.view && unblock(state.view.otherId));
  $('#clear-button').addEventListener('click', clearChat);
  $('#desk-status-select').addEventListener('change', setDeskStatus);
  $('#assign-button').addEventListener('click', assignToMe);
  $('#load-older-button').addEventListener('click', () => loadOlder(state.view));
  $('#message-scroller').addEventListener('scroll', () => {
    if ($('#message-scroller').scrollTop < NEAR_EDGE_PX) loadOlder(state.view);
  });

  const input = $('#message-input');
  $('#composer').addEventListener('submit', submitComposer);
  input.addEventListener('input', onComposerInput);
  input.addEventListener('keydown', (event) => {
    // isComposing: Enter that confirms an IME composition must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      $('#composer').requestSubmit();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.view && !$('#people-dialog').open) closeView();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.view) markSeen(state.view);
    renderChatList();
  });
  window.addEventListener('online', () => socket && socket.reconnectNow());
}

async function main() {
  wire();
  const saved = readSession();
  if (!saved) {
    showPicker();
    return;
  }
  state.session = saved;
  if (saved.source === 'dev') {
    try {
      const data = await fetchDevUsers();
      if (data.systemUserId) saved.systemUserId = data.systemUserId;
      if (data.systemUserName) saved.systemUserName = data.systemUserName;
      const user = state.demoUsers.find((u) => u._id === saved._id);
      if (user && user.token) saved.token = user.token;
      saveSession();
    } catch {
      // The saved token may still work; the server is asked next anyway.
    }
  }
  startApp();
}

main();
