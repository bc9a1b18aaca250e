// The browser client: pick a demo user, chat list (1:1, support, groups), one open conversation, and the support
// desk for admins.
// Everything from the server is rendered with textContent (see util.el); nothing is ever parsed as HTML.

import { ApiError, createApi } from './api.js';
import { callSummary, createCalls } from './calls.js';
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
const CHANGES_PAGE_SIZE = 200;
const SEARCH_PAGE_SIZE = 20;
// The server's default windows (--edit-window, --delete-window), until GET /api/v1/config tells its own.
const DEFAULT_EDIT_WINDOW_MS = 15 * 60 * 1000;
const DEFAULT_DELETE_WINDOW_MS = 60 * 60 * 1000;
// Offered when the server allows any single emoji (its allow-list, --reactions, is empty).
const DEFAULT_QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
const QUOTE_CHARS = 100;
const CHAT = '/api/v1/chat';
const CONFIG = '/api/v1/config';
const CHATS = '/api/v1/chats';
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
  listMode: 'chats', // 'chats' | 'archived': which of my chats the list shows
  search: null, // the open search: {query, chatId, cursor, results: [message], loading}
};

const chatItems = new Map(); // chatId -> <li>, kept so that focus survives re-renders
const deskItems = new Map();
const typingInList = new Map(); // chatId -> timer that ends "typing…" in that chat's list row
const groupTypers = new Map(); // group chatId -> Map(userId -> timer that ends their "is typing")
const deliveryAcks = new Map(); // chatId -> {acked, want, busy}: my delivery receipts, one in flight per chat
let deliveredOverRest = false; // the socket refused "delivered" (an older server): acknowledge over REST
let menuFor = null; // the message menu's {key, button} while it is open
let api = null;
let chatsLoaded = false;
let socket = null;
let calls = null; // see calls.js
let openSequence = 0;
let localOrder = 0;
let toastTimer = null;
let typingHideTimer = null;
// The server's message rules: the menu offers what the server would allow. See loadRules.
const rules = {
  loaded: false,
  loading: false,
  editWindowMs: DEFAULT_EDIT_WINDOW_MS,
  deleteWindowMs: DEFAULT_DELETE_WINDOW_MS,
  quickReactions: DEFAULT_QUICK_REACTIONS,
};

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
      // compact=1: a message's list entry comes inside message:new / message:sent (see listEntryIn).
      return `${scheme}://${location.host}/ws?token=${enc(state.session.token)}&compact=1`;
    },
    onEvent: handleEvent,
    onStatus: renderConnection,
    onOpen: handleSocketOpen,
    beforeReconnect: refreshToken,
  });
  calls = createCalls({
    api,
    request: (event, data, timeoutMs) => socket.request(event, data, timeoutMs),
    emit: (event, data) => socket.emit(event, data),
    me,
    nameOf,
    toast,
    onChatKnown: adoptCallChat,
  });
  socket.connect();

  loadRules();
  loadChats();
  loadBlocked();
  if (isAdmin()) loadDesk();
}

/**
 * Reads the server's rules once after sign-in: its edit and delete windows, and its reaction allow-list (when
 * not empty) as the quick reactions. A server without the route (an older one) keeps the defaults for good; one
 * that could not answer is asked again on the next (re)connect.
 */
async function loadRules() {
  if (rules.loaded || rules.loading) return;
  rules.loading = true;
  try {
    const data = await api.get(CONFIG);
    const ms = (seconds, fallback) => (Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : fallback);
    rules.editWindowMs = ms(data.editWindowSeconds, DEFAULT_EDIT_WINDOW_MS);
    rules.deleteWindowMs = ms(data.deleteWindowSeconds, DEFAULT_DELETE_WINDOW_MS);
    const allowed = Array.isArray(data.reactions) ? data.reactions.filter((r) => typeof r === 'string' && r) : [];
    rules.quickReactions = allowed.length > 0 ? allowed : DEFAULT_QUICK_REACTIONS;
    rules.loaded = true;
    document.body.dataset.rules = 'server';
  } catch (error) {
    if (!(error instanceof ApiError) || !error.retryable) rules.loaded = true;
  } finally {
    rules.loading = false;
  }
}

function handleSocketOpen(isReconnect) {
  if (calls) calls.onSocketOpen(isReconnect);
  // Events are only pushed while connected: whatever happened before this open (the first one too, since the
  // lists were loaded before the socket was up), catch up; read the server's rules if the first try could not.
  loadRules();
  catchUp();
}

/**
 * Fetches what events may not have told (docs/web-client.md, "Resync"): the lists, the desk for staff, and the open
 * chat's missed messages, revisions and marks (its failed sends go again). After every socket open, and on the
 * server's `resync` event, which comes on a socket that stays open.
 */
function catchUp() {
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
  const isGroup = chat.type === 'group';
  const group = isGroup ? groupFields(chat.group) : null;
  return {
    chatId: chat._id,
    type: chat.type || 'user_chat',
    otherId: isGroup ? '' : other._id,
    otherName: isGroup ? group.name : other.fullName || other._id,
    verified: isGroup ? false : Boolean(other.isVerified),
    group,
    preview: last ? last.text || '' : '',
    previewFrom: last ? last.sender : null,
    previewEvent: last && last.kind === 'system' ? last.event || {} : null,
    previewCall: last && isCall(last) ? last.call || {} : null,
    previewDeleted: Boolean(last && last.deleted),
    lastSeq: last && typeof last.seq === 'number' ? last.seq : 0,
    ts: (last && last.timestamp) || chat.updatedAt || chat.createdAt || null,
    unread: Number(chat.unreadCount) || 0,
    archived: chat.archived === true,
    muted: Boolean(chat.muted),
    mutedUntil: chat.mutedUntil || null,
    status: chat.status || null,
    assignedAdminId: chat.assignedAdminId || null,
    relatedEntity: chat.relatedEntity || null,
  };
}

/** A group's profile, settings and my role (null once I left or was removed). */
function groupFields(group) {
  const g = group || {};
  return {
    name: g.name || 'Group',
    description: g.description || null,
    avatarUrl: g.avatarUrl || null,
    onlyAdminsSend: Boolean(g.onlyAdminsSend),
    memberCount: Number(g.memberCount) || 0,
    myRole: g.myRole || null,
  };
}

const PREVIEW_KEYS = ['preview', 'previewFrom', 'previewEvent', 'previewCall', 'previewDeleted', 'lastSeq', 'ts'];

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
    // The old list holds chats of two (1:1 and support); groups come from the chat-id routes; archived chats
    // (every type) are listed apart, and kept with the others, flagged, so that events find them.
    const [pairs, groups, archived] = await Promise.all([fetchPages(CHAT, 'chats'), loadGroups(), loadArchived()]);
    const firstLoad = !chatsLoaded;
    const known = new Set([...state.chats.values()].map((e) => e.otherId));
    const previous = state.chats;
    state.chats = new Map();
    // Each chat says whether it is archived for me (a server that ignores ?archived=true answers every chat).
    for (const c of [...pairs, ...groups, ...archived]) if (c && c._id) state.chats.set(c._id, entryFromChat(c, me()));
    for (const entry of state.chats.values()) {
      // A group's count is kept by counting message:new: an answer older than the last event must not undo it.
      const old = previous.get(entry.chatId);
      if (entry.type === 'group' && old && old.lastSeq > entry.lastSeq) {
        for (const key of [...PREVIEW_KEYS, 'unread']) entry[key] = old[key];
      }
    }
    chatsLoaded = true;
    renderChatList();
    acknowledgeListed();
    if (!firstLoad) {
      for (const entry of state.chats.values()) {
        if (entry.type === 'user_chat' && !known.has(entry.otherId)) learnPresence(entry.otherId);
      }
    }
    if (state.view && state.view.kind !== 'desk') {
      const entry = state.view.kind === 'group' && state.chats.get(state.view.chatId);
      if (entry) adoptGroup(state.view, entry.group);
      const listed = state.view.chatId && state.chats.get(state.view.chatId);
      if (listed) state.view.archived = listed.archived;
      renderHeader();
      markSeen(state.view);
    }
  } catch (error) {
    showError(error);
  }
}
const scheduleLoadChats = debounce(loadChats, 250);

/** My groups; a server without the chat-id routes (404) simply has none. */
async function loadGroups() {
  try {
    return await fetchPages(`${CHATS}?type=group`, 'chats');
  } catch (error) {
    if (error.status === 404) return [];
    throw error;
  }
}

/** My archived chats, every type; a server without archiving (an error) simply has none. */
async function loadArchived() {
  try {
    return await fetchPages(`${CHATS}?archived=true`, 'chats');
  } catch (error) {
    if (error.status === 404 || error.code === 'INVALID_ARGUMENT') return [];
    throw error;
  }
}

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
  const archivedMode = state.listMode === 'archived';
  const all = [...state.chats.values()];
  const entries = all.filter((e) => Boolean(e.archived) === archivedMode).sort(byRecency);
  renderList($('#chat-list'), chatItems, entries, 'chat-item', (entry) =>
    entry.type === 'group' ? openGroupChat(entry.chatId) : openUserChat(entry.otherId),
  );
  $('#chat-list').setAttribute('aria-label', archivedMode ? 'Archived chats' : 'Chats');
  const empty = $('#chat-list-empty');
  empty.hidden = entries.length > 0;
  empty.textContent = archivedMode ? 'No archived chats.' : 'No chats yet. Start one with “New chat”.';
  const archivedCount = all.filter((e) => e.archived).length;
  const button = $('#archived-button');
  button.setAttribute('aria-pressed', String(archivedMode));
  button.textContent = archivedMode ? 'Back to chats' : archivedCount > 0 ? `Archived (${archivedCount})` : 'Archived';
  renderTitle();
}

function toggleArchivedList() {
  state.listMode = state.listMode === 'archived' ? 'chats' : 'archived';
  renderChatList();
  if (state.listMode === 'archived') scheduleLoadChats();
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
  const isGroup = entry.type === 'group';
  const online = !isSupport && !isGroup && state.online.has(entry.otherId);
  const unread = shownUnread(entry, isOpen);
  button.id = `${desk ? 'desk-item' : 'chat-item'}-${entry.chatId}`;
  button.dataset.chatId = entry.chatId;
  button.dataset.otherId = entry.otherId;
  button.dataset.type = entry.type;
  button.dataset.unread = String(unread);
  button.dataset.archived = String(Boolean(entry.archived));
  if (desk) button.dataset.status = entry.status || '';
  if (isOpen) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');

  const typing = !desk && typingInList.has(entry.chatId);
  button.dataset.typing = String(typing);
  let previewText = entry.preview || (desk ? '' : 'No messages yet');
  if (entry.preview && entry.previewFrom === (desk ? systemUserId() : me())) previewText = `You: ${entry.preview}`;
  else if (isGroup && entry.preview && entry.previewFrom) previewText = `${nameOf(entry.previewFrom)}: ${entry.preview}`;
  if (isGroup && entry.previewEvent) previewText = systemText(entry.previewEvent);
  if (entry.previewCall) previewText = callSummary(entry.previewCall, me());
  if (entry.previewDeleted) previewText = 'Message deleted';
  if (typing) previewText = isGroup ? groupTypingText(entry.chatId) : 'typing…';
  const name = desk ? entry.otherName : isSupport ? supportName() : entry.otherName;
  const left = isGroup && !entry.group.myRole;

  button.replaceChildren(
    el(
      'span',
      { class: 'avatar', 'aria-hidden': 'true' },
      initials(name),
      // Staff do not get presence for support users, and nobody gets it for the system user or a group.
      isSupport || isGroup
        ? null
        : el('span', { class: 'dot', 'data-testid': 'presence-dot', 'data-online': String(online) }),
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
          isGroup ? el('span', { class: 'tag', 'data-testid': 'chat-item-group' }, left ? 'Left' : 'Group') : null,
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
    if (entry.archived) continue;
    unread += shownUnread(entry, Boolean(view && view.kind !== 'desk' && view.chatId === entry.chatId));
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
    kind: 'user', // 'user': my own chat with otherId; 'desk': a support chat seen by staff; 'group': a group chat
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
    group: null, // groups: see groupFields
    members: new Map(), // groups: userId -> {_id, fullName, role, joinedAt}
    mention: null, // groups: the open "@" picker {start, query, options, index}
    messages: new Map(), // key (_id, or 'c:' + clientMessageId while pending) -> message
    elements: new Map(), // same keys -> <li>
    hasMore: false,
    loadingOlder: false,
    peerSeenSeq: 0, // the other side's read mark on my messages
    peerDeliveredSeq: 0, // how far my messages reached the other side's devices
    lastChange: 0, // the chat's change number the held messages are at (see resync)
    resyncing: false, // a catch-up of this view runs (see resync)
    resyncAgain: false,
    hiddenIds: new Set(), // messages I deleted for me: never shown again
    replyTo: null, // the message the composer answers
    editing: null, // the key of my message being edited in place
    pins: new Map(), // messageId -> pinned message
    pinsOpen: false,
    archived: false,
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

const isSystem = (message) => message.kind === 'system';
const isCall = (message) => message.kind === 'call';
/** A call log entry of my call to otherId: message:sent brings it to each of my pages, not only the calling one. */
const callWith = (message, otherId) =>
  isCall(message) && Boolean(message.call) && message.call.callee === otherId;
const canManage = (view) => view.kind === 'group' && (view.group.myRole === 'owner' || view.group.myRole === 'admin');

/** Why I cannot send in this chat, or null when I can. */
function sendBlocker(view) {
  if (!view) return 'Pick a chat';
  if (view.blockedByMe) return 'Unblock to send messages';
  if (view.kind !== 'group') return null;
  if (!view.group.myRole) return 'You are no longer a member of this group.';
  if (view.group.onlyAdminsSend && !canManage(view)) return 'Only admins can send messages in this group.';
  return null;
}

/** The base of a chat's routes: by partner for chats of two (the old routes), by id for groups. */
function chatPath(view) {
  return view.kind === 'group' ? `${CHATS}/${enc(view.chatId)}` : `${CHAT}/${enc(view.otherId)}`;
}

function nameOf(userId) {
  if (userId === me()) return state.session.fullName || 'You';
  return state.names.get(userId) || userId;
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
    archived: entry ? entry.archived : false,
    blockedByMe,
  });
  setView(view);
  if (!blockedByMe) await Promise.all([loadLatest(view), loadPins(view)]);
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
    lastChange: Number(data.lastChange) || 0,
  });
  setView(view);
  addMessages(view, data.messages);
  view.hasMore = Boolean(data.hasMore);
  renderMessages(view, 'bottom');
  markSeen(view);
  loadPins(view);
}

async function openGroupChat(chatId) {
  const sequence = ++openSequence;
  let chat;
  try {
    chat = (await api.get(`${CHATS}/${enc(chatId)}`)).chat;
  } catch (error) {
    if (sequence === openSequence) showError(error);
    return;
  }
  if (sequence !== openSequence || !chat || !chat._id) return;
  const entry = entryFromChat(chat, me());
  state.chats.set(chat._id, entry);
  const view = newView({
    kind: 'group',
    chatId: chat._id,
    otherName: entry.group.name,
    type: 'group',
    group: { ...entry.group },
    muted: entry.muted,
    mutedUntil: entry.mutedUntil,
    archived: entry.archived,
  });
  setView(view);
  await Promise.all([loadMembers(view), loadLatest(view), loadPins(view)]);
}

function setView(view) {
  const previous = state.view;
  if (previous) stopTyping(previous);
  closeMessageMenu(false);
  state.view = view;
  hideTyping();
  setReplyTo(view, null);
  renderPins(view);
  $('#message-list').replaceChildren();
  $('#empty-view').hidden = true;
  $('#chat-view').hidden = false;
  $('#chat-view').dataset.chatId = view.chatId || '';
  $('#chat-view').dataset.otherId = view.otherId || '';
  $('#chat-view').dataset.kind = view.kind;
  closeMentions();
  for (const id of ['members-dialog', 'readers-dialog', 'forward-dialog']) if ($(`#${id}`).open) $(`#${id}`).close();
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
  closeMessageMenu(false);
  state.view = null;
  $('#reply-bar').hidden = true;
  $('#pinned-bar').hidden = true;
  closeMentions();
  hideTyping();
  $('#chat-view').hidden = true;
  $('#empty-view').hidden = false;
  document.body.classList.remove('has-view');
  renderChatList();
  renderDeskList();
}

/** A conversation's title, as its header shows it. */
const viewTitle = (view) => (isSupportView(view) ? supportName() : view.otherName);

function renderHeader() {
  const view = state.view;
  if (!view) return;
  const support = isSupportView(view);
  const group = view.kind === 'group';
  $('#chat-title').textContent = viewTitle(view);
  const subtitle = $('#chat-subtitle');
  if (group) {
    const count = view.group.memberCount;
    subtitle.textContent = `${count} ${count === 1 ? 'member' : 'members'}${view.group.myRole ? '' : ' · you are not a member'}`;
    subtitle.dataset.online = 'false';
  } else if (view.kind === 'desk') {
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
  $('#user-actions').hidden = view.kind === 'desk';
  // Calls: chats of two with a person (not the support desk, not a blocked partner; the server checks it too).
  const callable = view.kind === 'user' && !support && !view.blockedByMe && Boolean(view.otherId);
  $('#call-audio-button').hidden = !callable;
  $('#call-video-button').hidden = !callable;
  $('#desk-actions').hidden = view.kind !== 'desk';
  $('#members-button').hidden = !group;
  $('#leave-button').hidden = !group || !view.group.myRole;
  $('#delete-chat-button').hidden = !group || Boolean(view.group.myRole);
  $('#chat-view').dataset.myRole = group ? view.group.myRole || '' : '';

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

  const archive = $('#archive-button');
  archive.hidden = view.kind === 'desk' || !view.chatId;
  archive.textContent = view.archived ? 'Unarchive' : 'Archive';
  archive.dataset.archived = String(Boolean(view.archived));
  $('#chat-search-button').hidden = view.kind === 'desk' || !view.chatId;

  const block = $('#block-button');
  block.hidden = support || group;
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
  const blocker = sendBlocker(view);
  input.disabled = blocker !== null;
  input.placeholder = blocker === null ? (view.kind === 'desk' ? `Reply as ${supportName()}` : 'Message') : blocker;
  // A group I cannot write to says why above the composer; a block says it in its banner.
  const note = $('#composer-note');
  const noted = blocker !== null && Boolean(view) && view.kind === 'group';
  note.hidden = !noted;
  note.textContent = noted ? blocker : '';
  if (blocker !== null) closeMentions();
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

/**
 * Adds or merges a message; a pending copy (same clientMessageId) is replaced by the stored one. A copy with a
 * lower change number than the one held (an echo of the send after an edit, a page read before a reaction) only
 * adds what it knows of seen and delivered; the same or a higher one replaces the message, its quote, reactions and
 * pin included (a tombstone keeps none). A message deleted for me leaves the view. Answers whether it is new.
 */
function upsertMessage(view, message) {
  if (!message || !message._id) return false;
  if (view.clearedUpTo && typeof message.seq === 'number' && message.seq <= view.clearedUpTo) return false;
  if (message.hidden || view.hiddenIds.has(message._id)) {
    view.hiddenIds.add(message._id);
    removeMessage(view, message._id);
    return false;
  }
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
  let pending = null;
  if (pendingKey && view.messages.has(pendingKey)) {
    pending = view.messages.get(pendingKey);
    view.messages.delete(pendingKey);
    const element = view.elements.get(pendingKey);
    view.elements.delete(pendingKey);
    if (element && !view.elements.has(message._id)) view.elements.set(message._id, element);
  }
  const previous = view.messages.get(message._id);
  const older = previous && changeOf(message) < changeOf(previous);
  const merged = older ? { ...previous } : { ...message, pending: false, failed: false };
  if (pending && !merged.localOrder) merged.localOrder = pending.localOrder;
  if (previous && previous.localOrder) merged.localOrder = previous.localOrder;
  // Change events in groups carry seen: false whatever it is: the flags only ever go up.
  merged.seen = Boolean((previous && previous.seen) || message.seen);
  merged.delivered = Boolean((previous && previous.delivered) || message.delivered || merged.seen);
  view.messages.set(message._id, merged);
  if (isOwn(view, merged) && typeof merged.seq === 'number') {
    if (merged.seen) view.peerSeenSeq = Math.max(view.peerSeenSeq, merged.seq);
    if (merged.delivered) view.peerDeliveredSeq = Math.max(view.peerDeliveredSeq, merged.seq);
  }
  if (!older && previous) quoteChanged(view, merged);
  if (view.pins.has(merged._id) || merged.pinned) {
    if (merged.pinned && !merged.deleted) view.pins.set(merged._id, merged);
    else view.pins.delete(merged._id);
    renderPins(view);
  }
  return !previous;
}

const changeOf = (message) => (typeof message.change === 'number' ? message.change : 0);

function removeMessage(view, messageId) {
  if (!view.messages.delete(messageId)) return;
  if (view.editing === messageId) view.editing = null;
  if (view.replyTo && view.replyTo._id === messageId) setReplyTo(view, null);
  if (view.pins.delete(messageId)) renderPins(view);
  quoteChanged(view, { _id: messageId, hidden: true, text: '' });
}

/** The held answers to a message quote it as it is now: its new text, or "deleted". */
function quoteChanged(view, message) {
  const gone = Boolean(message.deleted || message.hidden);
  for (const m of view.messages.values()) {
    if (!m.replyTo || m.replyTo._id !== message._id) continue;
    const text = gone ? '' : String(message.text || '').slice(0, QUOTE_CHARS);
    if (m.replyTo.text !== text || Boolean(m.replyTo.deleted) !== gone) m.replyTo = { ...m.replyTo, text, deleted: gone };
  }
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
  const seq = typeof message.seq === 'number' ? message.seq : Infinity;
  if (message.seen || seq <= view.peerSeenSeq) return 'seen';
  if (message.delivered || seq <= view.peerDeliveredSeq) return 'delivered';
  return 'sent';
}

const TICKS = {
  pending: { symbol: '…', label: 'Sending' },
  sent: { symbol: '✓', label: 'Sent' },
  delivered: { symbol: '✓✓', label: 'Delivered' },
  seen: { symbol: '✓✓', label: 'Seen' },
  failed: { symbol: '!', label: 'Not sent' },
};

/** A stored message that the menu can act on (not pending, failed, or a system line). */
const actionable = (message) =>
  Boolean(message._id) && !message.pending && !message.failed && !isSystem(message) && !isCall(message);

function messageElement(view, key, message) {
  if (isSystem(message)) return systemElement(view, key, message);
  if (isCall(message)) return callElement(view, key, message);
  let node = view.elements.get(key);
  if (!node) {
    node = el(
      'li',
      { 'data-testid': 'message' },
      el('span', { class: 'msg-forwarded', 'data-testid': 'message-forwarded', hidden: true }, 'Forwarded'),
      el('span', { class: 'msg-sender', 'data-testid': 'message-sender', hidden: true }),
      el('button', { type: 'button', class: 'msg-quote', 'data-testid': 'message-quote', hidden: true }),
      el('p', { class: 'msg-text', 'data-testid': 'message-text' }),
      el('span', { class: 'reactions', 'data-testid': 'reactions', hidden: true }),
      el(
        'span',
        { class: 'msg-meta' },
        el('span', { class: 'msg-pinned', 'data-testid': 'message-pinned', title: 'Pinned', hidden: true }, '📌'),
        el('span', { class: 'msg-edited', 'data-testid': 'message-edited', hidden: true }, 'edited'),
        el('time'),
        el('span', { class: 'ticks', 'data-testid': 'message-ticks' }),
        el(
          'button',
          {
            type: 'button',
            class: 'msg-menu-button',
            'data-testid': 'message-actions-button',
            'aria-haspopup': 'menu',
            'aria-expanded': 'false',
            'aria-label': 'Message actions',
            title: 'Reply, react, edit, forward, pin, delete',
            hidden: true,
          },
          '⋯',
        ),
      ),
    );
    node.querySelector('.msg-menu-button').addEventListener('click', (event) => {
      openMessageMenu(event.currentTarget, node.dataset.key);
    });
    node.querySelector('.msg-quote').addEventListener('click', (event) => {
      scrollToMessage(state.view, event.currentTarget.dataset.messageId);
    });
    view.elements.set(key, node);
  }
  const own = isOwn(view, message);
  const tick = tickState(view, message);
  const deleted = Boolean(message.deleted);
  const mentionsMe = !own && !deleted && Array.isArray(message.mentions) && message.mentions.includes(me());
  node.className = `msg ${own ? 'own' : 'theirs'} ${tick}${mentionsMe ? ' mentions-me' : ''}${deleted ? ' deleted' : ''}`;
  node.dataset.key = key;
  node.dataset.messageId = message._id || '';
  node.dataset.clientMessageId = message.clientMessageId || '';
  node.dataset.seq = typeof message.seq === 'number' ? String(message.seq) : '';
  node.dataset.own = String(own);
  node.dataset.state = tick;
  node.dataset.mentionsMe = String(mentionsMe);
  node.dataset.change = String(changeOf(message));
  node.dataset.edited = String(Boolean(message.edited) && !deleted);
  node.dataset.deleted = String(deleted);
  node.dataset.forwarded = String(Boolean(message.forwarded));
  node.dataset.pinned = String(Boolean(message.pinned) && !deleted);
  node.dataset.replyTo = message.replyTo && !deleted ? message.replyTo._id || '' : '';
  node.querySelector('.msg-forwarded').hidden = !message.forwarded || deleted;
  const sender = node.querySelector('.msg-sender');
  const showSender = view.kind === 'group' && !own;
  sender.hidden = !showSender;
  sender.textContent = showSender ? nameOf(message.sender) : '';
  fillQuote(node.querySelector('.msg-quote'), deleted ? null : message.replyTo);
  const text = node.querySelector('.msg-text');
  if (deleted) {
    delete text.dataset.signature;
    text.textContent = own ? 'You deleted this message' : 'This message was deleted';
    text.classList.add('deleted-text');
  } else {
    text.classList.remove('deleted-text');
    fillText(text, message);
  }
  fillEditor(view, node, key, message);
  fillReactions(node.querySelector('.reactions'), deleted ? [] : message.reactions, key);
  node.querySelector('.msg-pinned').hidden = node.dataset.pinned !== 'true';
  const edited = node.querySelector('.msg-edited');
  edited.hidden = node.dataset.edited !== 'true';
  edited.title = message.editedAt ? `Edited ${new Date(message.editedAt).toLocaleString()}` : '';
  const menuButton = node.querySelector('.msg-menu-button');
  menuButton.hidden = !actionable(message) || (view.kind === 'user' && view.blockedByMe);
  const time = node.querySelector('time');
  time.dateTime = message.timestamp || '';
  time.textContent = formatClock(message.timestamp);
  const ticks = node.querySelector('.ticks');
  if (own && !deleted) {
    ticks.textContent = TICKS[tick].symbol;
    ticks.setAttribute('aria-label', TICKS[tick].label);
    ticks.title = message.failed && message.error ? `${TICKS[tick].label}: ${message.error}` : TICKS[tick].label;
  } else {
    ticks.textContent = '';
    ticks.removeAttribute('aria-label');
    ticks.removeAttribute('title');
  }
  // Groups: my message, once someone read it, tells who did.
  let whoRead = node.querySelector('.who-read');
  const offerWhoRead = view.kind === 'group' && own && !deleted && tick === 'seen' && Boolean(message._id);
  if (offerWhoRead && !whoRead) {
    whoRead = el('button', { type: 'button', class: 'who-read', 'data-testid': 'who-read-button' }, 'Read by…');
    whoRead.addEventListener('click', () => showReaders(state.view, node.dataset.messageId));
    node.querySelector('.msg-meta').prepend(whoRead);
  } else if (!offerWhoRead && whoRead) {
    whoRead.remove();
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

/** The quoted message of an answer: who wrote it and its first characters, or that it was deleted. */
function fillQuote(button, quote) {
  button.hidden = !quote;
  if (!quote) {
    delete button.dataset.signature;
    return;
  }
  const signature = `${quote._id}\u0000${quote.sender}\u0000${quote.text}\u0000${quote.deleted}`;
  if (button.dataset.signature === signature) return;
  button.dataset.signature = signature;
  button.dataset.messageId = quote._id || '';
  button.dataset.deleted = String(Boolean(quote.deleted));
  const who = quote.sender === me() ? 'You' : nameOf(quote.sender);
  button.setAttribute('aria-label', `Reply to ${who}: ${quote.deleted ? 'deleted message' : quote.text}. Show it.`);
  button.replaceChildren(
    el('span', { class: 'quote-sender', 'data-testid': 'quote-sender' }, who),
    el(
      'span',
      { class: quote.deleted ? 'quote-text deleted-text' : 'quote-text', 'data-testid': 'quote-text' },
      quote.deleted ? 'Deleted message' : quote.text || '',
    ),
  );
}

/** Reaction chips: emoji and count; mine are pressed, and a click takes mine back or adds it. */
function fillReactions(box, reactions, key) {
  const list = (Array.isArray(reactions) ? reactions : []).filter((r) => r && r.emoji && r.count > 0);
  box.hidden = list.length === 0;
  const signature = list.map((r) => `${r.emoji}:${r.count}:${r.mine}`).join(',');
  if (box.dataset.signature === signature) return;
  box.dataset.signature = signature;
  // The chips are updated in place so that a focused chip keeps its focus.
  const existing = new Map([...box.children].map((chip) => [chip.dataset.emoji, chip]));
  const chips = list.map((r) => {
    let chip = existing.get(r.emoji);
    if (!chip) {
      chip = el('button', { type: 'button', class: 'chip', 'data-testid': 'reaction-chip', 'data-emoji': r.emoji });
      chip.addEventListener('click', () => {
        const view = state.view;
        const message = view && view.messages.get(box.closest('li').dataset.key);
        if (message) react(view, message, chip.dataset.emoji, chip.getAttribute('aria-pressed') !== 'true');
      });
    }
    chip.dataset.count = String(r.count);
    chip.dataset.mine = String(Boolean(r.mine));
    chip.setAttribute('aria-pressed', String(Boolean(r.mine)));
    chip.setAttribute(
      'aria-label',
      `${r.emoji} ${r.count} ${r.count === 1 ? 'reaction' : 'reactions'}${r.mine ? ', yours: press to take it back' : ''}`,
    );
    chip.replaceChildren(el('span', { class: 'chip-emoji', 'aria-hidden': 'true' }, r.emoji), el('span', { class: 'chip-count', 'aria-hidden': 'true' }, String(r.count)));
    return chip;
  });
  box.replaceChildren(...chips);
  box.dataset.key = key;
}

/** My message being edited in place: a text area with Save and Cancel instead of the text. */
function fillEditor(view, node, key, message) {
  const text = node.querySelector('.msg-text');
  let form = node.querySelector('.msg-edit');
  const editing = view.editing === key && !message.deleted;
  text.hidden = editing;
  if (!editing) {
    if (form) form.remove();
    return;
  }
  if (form) return;
  const input = el('textarea', {
    class: 'msg-edit-input',
    'data-testid': 'edit-input',
    rows: '2',
    maxlength: '4000',
    'aria-label': 'Edit message',
  });
  input.value = message.text || '';
  form = el(
    'form',
    { class: 'msg-edit', 'data-testid': 'edit-form' },
    input,
    el(
      'span',
      { class: 'msg-edit-buttons' },
      el('button', { type: 'button', class: 'quiet', 'data-testid': 'edit-cancel' }, 'Cancel'),
      el('button', { type: 'submit', 'data-testid': 'edit-save' }, 'Save'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveEdit(state.view, node.dataset.key, input.value);
  });
  form.querySelector('[data-testid=edit-cancel]').addEventListener('click', () => stopEditing(state.view, true));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      stopEditing(state.view, true);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  text.after(form);
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

/** The text, with "@Name" of each mentioned member marked (as text nodes in spans: never markup). */
function fillText(node, message) {
  const mentions = Array.isArray(message.mentions) ? message.mentions : [];
  const signature = `${message.text}\u0000${mentions.join(',')}`;
  if (node.dataset.signature === signature) return;
  node.dataset.signature = signature;
  const text = String(message.text || '');
  const marks = [];
  for (const id of mentions) {
    const token = `@${nameOf(id)}`;
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) {
      marks.push({ at, end: at + token.length, id });
    }
  }
  marks.sort((a, b) => a.at - b.at);
  const parts = [];
  let cursor = 0;
  for (const mark of marks) {
    if (mark.at < cursor) continue;
    if (mark.at > cursor) parts.push(text.slice(cursor, mark.at));
    const mine = mark.id === me();
    parts.push(
      el(
        'span',
        { class: mine ? 'mention mention-me' : 'mention', 'data-testid': 'mention', 'data-user-id': mark.id },
        text.slice(mark.at, mark.end),
      ),
    );
    cursor = mark.end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  node.replaceChildren(...parts);
}

/** A membership or settings change: a centred line in the client's own words. */
function systemElement(view, key, message) {
  let node = view.elements.get(key);
  if (!node) {
    node = el('li', { class: 'system', 'data-testid': 'system-entry' }, el('span', { class: 'system-text' }));
    view.elements.set(key, node);
  }
  const event = message.event || {};
  node.dataset.key = key;
  node.dataset.messageId = message._id || '';
  node.dataset.seq = typeof message.seq === 'number' ? String(message.seq) : '';
  node.dataset.eventType = event.type || '';
  const text = systemText(event);
  const span = node.firstChild;
  if (span.textContent !== text) span.textContent = text;
  span.title = formatClock(message.timestamp);
  return node;
}

/** A call log entry: a centred line with the call's type and how it ended ("Missed voice call", "Video call · 1:05"). */
function callElement(view, key, message) {
  let node = view.elements.get(key);
  if (!node) {
    node = el(
      'li',
      { class: 'system call-entry', 'data-testid': 'call-entry' },
      el(
        'span',
        { class: 'system-text' },
        el('span', { class: 'call-icon', 'aria-hidden': 'true' }),
        ' ',
        el('span', { 'data-testid': 'call-entry-text' }),
        ' · ',
        el('time'),
      ),
    );
    view.elements.set(key, node);
  }
  const call = message.call || {};
  const outcome = call.outcome || '';
  node.dataset.key = key;
  node.dataset.messageId = message._id || '';
  node.dataset.seq = typeof message.seq === 'number' ? String(message.seq) : '';
  node.dataset.callId = call.callId || '';
  node.dataset.callType = call.callType || '';
  node.dataset.outcome = outcome;
  node.dataset.caller = call.caller || '';
  node.dataset.missed = String(call.caller !== me() && ['missed', 'cancelled', 'busy'].includes(outcome));
  node.querySelector('.call-icon').textContent = call.callType === 'video' ? '🎥' : '📞';
  const text = callSummary(call, me());
  const words = node.querySelector('[data-testid=call-entry-text]');
  if (words.textContent !== text) words.textContent = text;
  const time = node.querySelector('time');
  time.dateTime = message.timestamp || '';
  time.textContent = formatClock(message.timestamp);
  return node;
}

/** "You" for me at the start of a sentence, "you" elsewhere; else the name as known. */
function who(userId, start) {
  if (userId === me()) return start ? 'You' : 'you';
  return nameOf(userId);
}

function listOf(words) {
  if (words.length <= 1) return words[0] || 'nobody';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const namesOf = (ids, start = false) => listOf(ids.map((id, i) => who(id, start && i === 0)));

function systemText(event) {
  const e = event || {};
  const actor = who(e.actorId, true);
  const subjects = Array.isArray(e.subjectIds) ? e.subjectIds.filter(Boolean) : [];
  switch (e.type) {
    case 'group_created':
      return e.name ? `${actor} created the group ${e.name}` : `${actor} created the group`;
    case 'members_added':
      return `${actor} added ${namesOf(subjects)}`;
    case 'member_removed':
      return `${actor} removed ${namesOf(subjects)}`;
    case 'member_left':
      return `${namesOf(subjects.length > 0 ? subjects : [e.actorId], true)} left`;
    case 'role_changed': {
      const role = { admin: 'an admin', member: 'a member', owner: 'the owner' }[e.role] || e.role || 'a member';
      return `${actor} made ${namesOf(subjects)} ${role}`;
    }
    case 'owner_changed':
      if (!e.actorId || subjects.includes(e.actorId)) {
        const verb = subjects.length === 1 && subjects[0] === me() ? 'are' : 'is';
        return `${namesOf(subjects, true)} ${verb} now the owner`;
      }
      return `${actor} made ${namesOf(subjects)} the owner`;
    case 'group_updated': {
      const changed = Array.isArray(e.changed) ? e.changed : e.name ? ['name'] : [];
      const parts = [];
      if (changed.includes('name')) parts.push(e.name ? `renamed the group to ${e.name}` : 'renamed the group');
      if (changed.includes('description')) parts.push('changed the description');
      if (changed.includes('avatarUrl')) parts.push('changed the group picture');
      if (changed.includes('onlyAdminsSend')) parts.push('changed who can send messages');
      return `${actor} ${parts.length > 0 ? listOf(parts) : 'updated the group'}`;
    }
    default:
      return `${actor} changed the group`;
  }
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
    const data = await api.get(`${chatPath(view)}/messages?limit=${PAGE_SIZE}`);
    if (view !== state.view) return;
    // The page shows every revision up to the chat's lastChange, read before it: catching up starts there.
    if (view.lastChange === 0) view.lastChange = Number(data.lastChange) || 0;
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
        : `${chatPath(view)}/messages?limit=${PAGE_SIZE}&before=${before}`;
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

/**
 * After a reconnect or a `resync` event (see docs/web-client.md, "Resync"): the messages after the newest held seq
 * (from my oldest message not seen yet, for its marks), page by page, then the messages revised since the change
 * number held, applied by id when newer; then the pins, and what failed for lack of a link is sent again. One
 * catch-up of a view at a time: one asked for while another runs (a `resync` event during a reconnect's, or two in a
 * row) runs once more after it, since what it was asked for may have been lost after the running one's reads.
 */
async function resync(view) {
  if (view.resyncing) {
    view.resyncAgain = true;
    return;
  }
  view.resyncing = true;
  try {
    await catchUpView(view);
  } finally {
    view.resyncing = false;
    if (view.resyncAgain) {
      view.resyncAgain = false;
      if (view === state.view) resync(view);
    }
  }
}

async function catchUpView(view) {
  try {
    if (view.kind === 'desk') {
      await fetchNewer(
        view,
        (after) => `${DESK}/chats/${enc(view.chatId)}?limit=${RESYNC_PAGE_SIZE}${after > 0 ? `&after=${after}` : ''}`,
      );
      await catchUpChanges(view);
    } else if (!view.blockedByMe) {
      if (seqs(view, () => true).length === 0) {
        await loadLatest(view);
      } else {
        await fetchNewer(view, (after) => `${chatPath(view)}/messages?limit=${RESYNC_PAGE_SIZE}&after=${after}`);
        adoptChatId(view);
        await catchUpChanges(view);
      }
      if (view.kind === 'group') await refreshGroup(view.chatId);
    }
    if (view !== state.view) return;
    await loadPins(view);
    renderMessages(view, 'auto');
    markSeen(view);
  } catch (error) {
    showError(error);
  }
  for (const [key, message] of view.messages) {
    if (message.failed && message.retryable) deliver(view, key);
  }
}

/**
 * Step 1: the messages after the newest held seq, until the server says there are no more. When some of my held
 * messages are not seen yet it starts before the oldest of them: a read or delivered mark is no revision (step 2
 * does not bring it), so their copies are read again for the flags a missed seen or delivered event would have set.
 */
async function fetchNewer(view, pathAfter) {
  let after = Math.min(maxSeq(view), oldestUnseenOwn(view) - 1);
  for (let page = 0; page < 50; page += 1) {
    const data = await api.get(pathAfter(after));
    if (view !== state.view) return;
    if (view.kind === 'desk' && data.chat) {
      const entry = entryFromChat(data.chat, systemUserId());
      view.status = entry.status;
      view.assignedAdminId = entry.assignedAdminId;
      renderHeader();
    }
    const messages = Array.isArray(data.messages) ? data.messages : [];
    addMessages(view, messages);
    renderMessages(view, 'auto');
    const last = Math.max(after, ...messages.map((m) => (m && typeof m.seq === 'number' ? m.seq : 0)));
    // A page that brings nothing past the last one ends it whatever hasMore says: never a loop on a server that
    // ignores after.
    if (!data.hasMore || last <= after) return;
    after = last;
  }
}

/** The lowest seq of my held messages whose other side has not read them (as far as this page knows); else Infinity. */
function oldestUnseenOwn(view) {
  const unseen = (m) => isOwn(view, m) && !isSystem(m) && !isCall(m) && !m.seen && m.seq > view.peerSeenSeq;
  return Math.min(...seqs(view, unseen));
}

/**
 * Step 2: the messages revised after view.lastChange, lowest change first, page by page (since = upTo). Each one
 * held is replaced when its change is higher (a deletion for me removes it); one not held is older than the pages
 * loaded and is skipped: it shows as it is when paged back.
 */
async function catchUpChanges(view) {
  if (!view.chatId) return;
  for (let page = 0; page < 50; page += 1) {
    const since = view.lastChange;
    const data = await api.get(`${CHATS}/${enc(view.chatId)}/changes?since=${since}&limit=${CHANGES_PAGE_SIZE}`);
    if (view !== state.view) return;
    for (const message of Array.isArray(data.messages) ? data.messages : []) {
      if (message && message._id && view.messages.has(message._id)) upsertMessage(view, message);
      else if (message && message.hidden) view.hiddenIds.add(message._id);
    }
    const upTo = Number(data.upTo);
    if (Number.isFinite(upTo)) view.lastChange = Math.max(view.lastChange, upTo);
    renderMessages(view, 'keep');
    if (!data.hasMore || view.lastChange <= since) return;
  }
}

function adoptChatId(view) {
  if (view.chatId) return;
  for (const m of view.messages.values()) {
    if (m.chatId) {
      view.chatId = m.chatId;
      $('#chat-view').dataset.chatId = m.chatId;
      renderHeader();
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
  if (!view || sendBlocker(view) !== null || text === '') return;
  const mentions = view.kind === 'group' ? mentionsIn(view, text) : [];
  const answered = view.replyTo;
  closeMentions();
  setReplyTo(view, null);
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
    mentions: mentions.length > 0 ? mentions : undefined,
    replyTo: answered ? quoteOf(answered) : undefined,
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
    } else if (view.kind === 'group' || message.replyTo) {
      // An answer names its chat by id (the pair routes take no replyTo); the chat exists, it holds the quote.
      const replyTo = message.replyTo ? message.replyTo._id : null;
      stored = await sendToChat(view.chatId, message.text, message.clientMessageId, message.mentions, replyTo);
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
      renderHeader();
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
  const acked = await sendOverSocket({ to, text, clientMessageId });
  if (acked) return acked;
  const data = await api.post(`${CHAT}/${enc(to)}/messages`, { text, clientMessageId });
  return data.message;
}

async function sendToChat(chatId, text, clientMessageId, mentions, replyTo) {
  const body = { text, clientMessageId };
  if (Array.isArray(mentions) && mentions.length > 0) body.mentions = mentions;
  if (replyTo) body.replyTo = replyTo;
  const acked = await sendOverSocket({ chatId, ...body });
  if (acked) return acked;
  const data = await api.post(`${CHATS}/${enc(chatId)}/messages`, body);
  return data.message;
}

/** The stored message from the socket's ack, null when the socket gave no answer, or throws the refusal. */
async function sendOverSocket(data) {
  if (!socket || !socket.isOpen()) return null;
  let ack = null;
  try {
    ack = await socket.request('sendMessage', data, ACK_TIMEOUT_MS);
  } catch {
    // No answer over the socket: fall back to REST with the same clientMessageId (stored at most once).
    return null;
  }
  if (ack.ok) return ack.message;
  const error = ack.error || {};
  throw new ApiError(0, error.code || 'INTERNAL', error.message || 'The message was refused.');
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
    entry.previewEvent = isSystem(message) ? message.event || {} : null;
    entry.previewCall = isCall(message) ? message.call || {} : null;
    entry.previewDeleted = Boolean(message.deleted);
    entry.ts = message.timestamp;
  }
  if (typeof message.seq === 'number') entry.lastSeq = Math.max(entry.lastSeq || 0, message.seq);
  if (map === state.chats) renderChatList();
  else renderDeskList();
}

// ---------------------------------------------------------------- message actions: reply, edit, delete, react, pin, forward

/** One message in the chat-id routes, for every chat type (staff act there as the desk in support chats). */
function messagePath(view, message) {
  return `${CHATS}/${enc(message.chatId || view.chatId)}/messages/${enc(message._id)}`;
}

/** What an answer shows of the message it answers, as the server shapes replyTo. */
function quoteOf(message) {
  const text = String(message.text || '').slice(0, QUOTE_CHARS);
  return { _id: message._id, seq: message.seq, sender: message.sender, text, deleted: false };
}

const canWrite = (view) => sendBlocker(view) === null;
// Either side pins in a chat of two (the desk too); in a group its owner and admins.
const canPin = (view) => view.kind !== 'group' || canManage(view);
const ageOf = (message) => Date.now() - timeValue(message.timestamp);

/** The menu's entries for a message: {id, label, danger?, run(message)}. */
function messageActions(view, message) {
  const own = isOwn(view, message);
  const live = !message.deleted;
  const write = canWrite(view);
  const desk = view.kind === 'desk';
  const actions = [];
  if (live && write && !desk && view.chatId) {
    actions.push({ id: 'reply', label: 'Reply', run: (m) => setReplyTo(view, m) });
  }
  if (live && write && own && ageOf(message) < rules.editWindowMs) {
    actions.push({ id: 'edit', label: 'Edit', run: (m) => startEditing(view, m) });
  }
  if (live && write && canPin(view)) {
    actions.push({ id: 'pin', label: message.pinned ? 'Unpin' : 'Pin', run: (m) => pinMessage(view, m, !m.pinned) });
  }
  if (live && !desk) actions.push({ id: 'forward', label: 'Forward…', run: (m) => openForward(view, m) });
  if (live && write && ((own && ageOf(message) < rules.deleteWindowMs) || canManage(view))) {
    actions.push({ id: 'delete-everyone', label: 'Delete for everyone', danger: true, run: (m) => deleteMessage(view, m, true) });
  }
  if (!desk) actions.push({ id: 'delete-me', label: 'Delete for me', danger: true, run: (m) => deleteMessage(view, m, false) });
  return actions;
}

/** The menu of one message: quick reactions, then its actions; arrows move, Escape closes it. */
function openMessageMenu(button, key) {
  const view = state.view;
  const message = view && view.messages.get(key);
  if (!message || !actionable(message)) return;
  const reopening = menuFor && menuFor.key === key;
  closeMessageMenu(reopening);
  if (reopening) return;
  const menu = $('#message-menu');
  const run = (action) => {
    // A focus move (reply, edit) goes where the action puts it, otherwise back to the message's button.
    closeMessageMenu(action.id !== 'reply' && action.id !== 'edit');
    const current = view.messages.get(key);
    if (current && view === state.view) action.run(current);
  };
  const reactions =
    !message.deleted && canWrite(view)
      ? rules.quickReactions.map((emoji) => {
          const mine = (message.reactions || []).some((r) => r.emoji === emoji && r.mine);
          return el(
            'button',
            {
              type: 'button',
              role: 'menuitemcheckbox',
              'aria-checked': String(mine),
              class: 'menu-emoji',
              'data-testid': 'menu-react',
              'data-emoji': emoji,
              'aria-label': mine ? `Take back ${emoji}` : `React with ${emoji}`,
              onclick: () => run({ id: 'react', run: (m) => react(view, m, emoji, !mine) }),
            },
            emoji,
          );
        })
      : [];
  menu.replaceChildren(
    reactions.length > 0 ? el('div', { class: 'menu-reactions', role: 'group', 'aria-label': 'React' }, ...reactions) : null,
    ...messageActions(view, message).map((action) =>
      el(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          class: action.danger ? 'menu-item danger' : 'menu-item',
          'data-testid': `menu-${action.id}`,
          onclick: () => run(action),
        },
        action.label,
      ),
    ),
  );
  menu.dataset.messageId = message._id;
  menu.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  menuFor = { key, button };
  placeMenu(menu, button);
  const first = menu.querySelector('button');
  if (first) first.focus();
}

/** Next to its button, inside the window: below it, or above it when there is no room below. */
function placeMenu(menu, button) {
  const anchor = button.getBoundingClientRect();
  const width = menu.offsetWidth;
  const height = menu.offsetHeight;
  const left = Math.max(8, Math.min(anchor.right - width, window.innerWidth - width - 8));
  let top = anchor.bottom + 4;
  if (top + height > window.innerHeight - 8) top = Math.max(8, anchor.top - height - 4);
  menu.style.left = `${left}px`;
  menu.style.top = `${top}px`;
}

function closeMessageMenu(returnFocus) {
  if (!menuFor) return;
  const { button } = menuFor;
  menuFor = null;
  const menu = $('#message-menu');
  menu.hidden = true;
  menu.replaceChildren();
  button.setAttribute('aria-expanded', 'false');
  if (returnFocus && button.isConnected) button.focus();
}

function menuKey(event) {
  const items = [...$('#message-menu').querySelectorAll('button')];
  const at = items.indexOf(document.activeElement);
  let next = null;
  if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = (at + 1) % items.length;
  else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = (at - 1 + items.length) % items.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else if (event.key === 'Escape' || event.key === 'Tab') {
    event.preventDefault();
    event.stopPropagation();
    closeMessageMenu(true);
    return;
  } else return;
  event.preventDefault();
  if (items[next]) items[next].focus();
}

/** Takes a message as the server now answers it (a REST answer: its reactions' mine are the truth). */
function applyAnswer(view, message) {
  if (!message || !message._id) return;
  const chatId = message.chatId || view.chatId;
  if (view === state.view && view.chatId === chatId) {
    upsertMessage(view, message);
    renderMessages(view, 'keep');
  }
  revisePreview(chatId, message);
}

async function react(view, message, emoji, on) {
  const path = `${messagePath(view, message)}/reactions/${enc(emoji)}`;
  try {
    const data = on ? await api.put(path) : await api.delete(path);
    applyAnswer(view, data.message);
  } catch (error) {
    showError(error);
  }
}

function startEditing(view, message) {
  if (view.editing && view.editing !== message._id) stopEditing(view, false);
  setReplyTo(view, null);
  view.editing = message._id;
  renderMessages(view, 'keep');
}

function stopEditing(view, focusBack) {
  if (!view || !view.editing) return;
  const key = view.editing;
  view.editing = null;
  renderMessages(view, 'keep');
  const node = view.elements.get(key);
  if (focusBack && node) node.querySelector('.msg-menu-button').focus();
}

async function saveEdit(view, key, value) {
  const message = view && view.messages.get(key);
  if (!message || view.editing !== key) return;
  const text = value.trim();
  if (text === message.text) {
    stopEditing(view, true);
    return;
  }
  if (text === '') {
    toast('A message cannot be empty: delete it instead.', true);
    return;
  }
  const node = view.elements.get(key);
  const save = node && node.querySelector('[data-testid=edit-save]');
  if (save) save.disabled = true;
  try {
    const data = await api.patch(messagePath(view, message), { text });
    if (view.editing === key) view.editing = null;
    applyAnswer(view, data.message);
    renderMessages(view, 'keep');
    const after = view.elements.get(key);
    if (after && view === state.view) after.querySelector('.msg-menu-button').focus();
  } catch (error) {
    if (save && save.isConnected) save.disabled = false;
    showError(error);
  }
}

async function deleteMessage(view, message, forEveryone) {
  const question = forEveryone
    ? 'Delete this message for everyone? It is erased; the chat shows that a message was deleted.'
    : 'Delete this message for you? The others keep their copy.';
  if (!window.confirm(question)) return;
  try {
    const data = await api.delete(`${messagePath(view, message)}?for=${forEveryone ? 'everyone' : 'me'}`);
    applyAnswer(view, data.message);
  } catch (error) {
    showError(error);
  }
}

async function pinMessage(view, message, on) {
  try {
    const path = `${messagePath(view, message)}/pin`;
    const data = on ? await api.put(path) : await api.delete(path);
    applyAnswer(view, data.message);
    if (data.message && view === state.view && !view.messages.has(data.message._id)) {
      if (on) view.pins.set(data.message._id, data.message);
      else view.pins.delete(data.message._id);
      renderPins(view);
    }
  } catch (error) {
    showError(error);
  }
}

/** The message the composer answers (null: none), shown above it with a way to cancel. */
function setReplyTo(view, message) {
  if (!view) return;
  view.replyTo = message ? { ...message } : null;
  if (view !== state.view) return;
  const bar = $('#reply-bar');
  bar.hidden = !view.replyTo;
  if (!view.replyTo) {
    $('#reply-sender').textContent = '';
    $('#reply-text').textContent = '';
    return;
  }
  bar.dataset.messageId = message._id;
  $('#reply-sender').textContent = `Replying to ${message.sender === me() ? 'yourself' : nameOf(message.sender)}`;
  $('#reply-text').textContent = String(message.text || '').slice(0, QUOTE_CHARS);
  $('#message-input').focus();
}

/** Scrolls to a held message (paging back a few pages for an older one) and draws the eye to it. */
async function scrollToMessage(view, messageId) {
  if (!view || !messageId) return;
  for (let page = 0; page < 5 && !view.messages.has(messageId) && view.hasMore; page += 1) {
    const before = view.messages.size;
    await loadOlder(view);
    if (view !== state.view || view.messages.size === before) break;
  }
  const node = view === state.view && view.elements.get(messageId);
  if (!node) {
    toast('That message is not in the loaded part of the chat.');
    return;
  }
  node.scrollIntoView({ block: 'center' });
  node.tabIndex = -1;
  node.focus({ preventScroll: true });
  node.classList.remove('flash');
  void node.offsetWidth;
  node.classList.add('flash');
}

// Pins: a bar under the header with the chat's pinned messages, latest pin first.

async function loadPins(view) {
  if (!view || !view.chatId || (view.kind === 'user' && view.blockedByMe)) return;
  try {
    const data = await api.get(`${CHATS}/${enc(view.chatId)}/pins`);
    if (view !== state.view) return;
    view.pins = new Map();
    for (const m of Array.isArray(data.messages) ? data.messages : []) {
      if (!m || !m._id || m.deleted || m.hidden) continue;
      const held = view.messages.get(m._id);
      view.pins.set(m._id, held && changeOf(held) > changeOf(m) ? held : m);
    }
    renderPins(view);
  } catch {
    // Pins are a nicety: the next pin event or reconnect brings them.
  }
}

function renderPins(view) {
  if (!view || view !== state.view) return;
  const pins = [...view.pins.values()]
    .filter((m) => m.pinned && !m.deleted)
    .sort((a, b) => timeValue(b.pinned.at) - timeValue(a.pinned.at));
  const bar = $('#pinned-bar');
  bar.hidden = pins.length === 0;
  if (pins.length === 0) view.pinsOpen = false;
  bar.dataset.count = String(pins.length);
  const toggle = $('#pinned-toggle');
  toggle.setAttribute('aria-expanded', String(view.pinsOpen));
  $('#pinned-count').textContent = pins.length === 1 ? '1 pinned message' : `${pins.length} pinned messages`;
  $('#pinned-latest').textContent = pins.length > 0 ? pinLine(pins[0]) : '';
  const list = $('#pinned-list');
  list.hidden = !view.pinsOpen;
  const write = canWrite(view) && canPin(view);
  list.replaceChildren(
    ...pins.map((m) =>
      el(
        'li',
        { class: 'pinned-row' },
        el(
          'button',
          {
            type: 'button',
            class: 'pinned-item',
            'data-testid': 'pinned-item',
            'data-message-id': m._id,
            onclick: () => scrollToMessage(view, m._id),
          },
          pinLine(m),
        ),
        write
          ? el(
              'button',
              {
                type: 'button',
                class: 'quiet',
                'data-testid': 'pinned-unpin',
                'data-message-id': m._id,
                'aria-label': `Unpin: ${pinLine(m)}`,
                onclick: () => pinMessage(view, m, false),
              },
              'Unpin',
            )
          : null,
      ),
    ),
  );
}

const pinLine = (m) => `${m.sender === me() ? 'You' : nameOf(m.sender)}: ${m.text || ''}`;

function togglePins() {
  const view = state.view;
  if (!view) return;
  view.pinsOpen = !view.pinsOpen;
  renderPins(view);
}

// Forward: a copy of a message into one of my chats.

function openForward(view, message) {
  const entries = [...state.chats.values()]
    .filter((e) => e.type !== 'group' || Boolean(e.group && e.group.myRole))
    .filter((e) => !state.blocked.has(e.otherId))
    .sort(byRecency);
  const rows = entries.map((entry) => {
    const name = entry.type === 'admin_support' ? supportName() : entry.otherName;
    return el(
      'li',
      {},
      el(
        'button',
        {
          type: 'button',
          class: 'item',
          id: `forward-option-${entry.chatId}`,
          'data-testid': 'forward-option',
          'data-chat-id': entry.chatId,
          onclick: () => forwardTo(view, message, entry.chatId, name),
        },
        el('span', { class: 'avatar small', 'aria-hidden': 'true' }, initials(name)),
        el('span', { class: 'item-name' }, name),
        entry.type === 'group' ? el('span', { class: 'tag' }, 'Group') : null,
        entry.archived ? el('span', { class: 'tag' }, 'Archived') : null,
      ),
    );
  });
  const list = $('#forward-list');
  list.replaceChildren(...rows);
  if (rows.length === 0) list.append(el('li', { class: 'hint' }, 'No chat to forward to.'));
  $('#forward-preview').textContent = message.text || '';
  const dialog = $('#forward-dialog');
  if (!dialog.open) dialog.showModal();
  const first = list.querySelector('button');
  if (first) first.focus();
}

async function forwardTo(view, message, chatId, name) {
  const buttons = [...$('#forward-list').querySelectorAll('button')];
  for (const b of buttons) b.disabled = true;
  try {
    const data = await api.post(`${messagePath(view, message)}/forward`, {
      chatId,
      clientMessageId: newClientMessageId(),
    });
    $('#forward-dialog').close();
    const copy = data.message;
    if (copy && copy._id) {
      const open = state.view;
      if (open && open.chatId === chatId) {
        upsertMessage(open, copy);
        renderMessages(open, 'bottom');
      }
      updatePreview(state.chats, chatId, copy);
    }
    toast(`Forwarded to ${name}.`);
  } catch (error) {
    showError(error);
  } finally {
    for (const b of buttons) if (b.isConnected) b.disabled = false;
  }
}

// Archive: my chat leaves the main list (listed under "Archived") until a new message brings it back.

async function toggleArchive() {
  const view = state.view;
  if (!view || view.kind === 'desk' || !view.chatId) return;
  const archive = !view.archived;
  try {
    const path = `${CHATS}/${enc(view.chatId)}/archive`;
    const data = archive ? await api.put(path) : await api.delete(path);
    const archived = data.chat && typeof data.chat.archived === 'boolean' ? data.chat.archived : archive;
    setArchived(view.chatId, archived);
    toast(archived ? 'Archived: it is listed under “Archived” until a new message comes.' : 'Back in your chats.');
    scheduleLoadChats();
  } catch (error) {
    showError(error);
  }
}

function setArchived(chatId, archived) {
  const entry = state.chats.get(chatId);
  if (entry) entry.archived = archived;
  const view = state.view;
  if (view && view.kind !== 'desk' && view.chatId === chatId) {
    view.archived = archived;
    renderHeader();
  }
  renderChatList();
}

// Delivery receipts: this device got a message. One acknowledgement in flight per chat, for the highest seq.

function acknowledgeDelivery(chatId, seq) {
  if (!chatId || typeof seq !== 'number' || seq <= 0) return;
  let ack = deliveryAcks.get(chatId);
  if (!ack) {
    ack = { acked: 0, want: 0, busy: false };
    deliveryAcks.set(chatId, ack);
  }
  if (seq <= ack.acked) return;
  ack.want = Math.max(ack.want, seq);
  if (!ack.busy) sendAcks(chatId, ack);
}

async function sendAcks(chatId, ack) {
  ack.busy = true;
  try {
    while (ack.want > ack.acked) {
      const seq = ack.want;
      await sendDelivered(chatId, seq);
      ack.acked = Math.max(ack.acked, seq);
    }
  } catch {
    // Left as is: the next message (or list load) acknowledges again, up to the highest seq.
  } finally {
    ack.busy = false;
  }
}

/** Over the socket (`delivered {chatId, seq}`, with an ack); over REST when it gives no answer or lacks the event. */
async function sendDelivered(chatId, seq) {
  if (!deliveredOverRest && socket && socket.isOpen()) {
    let ack = null;
    try {
      ack = await socket.request('delivered', { chatId, seq }, ACK_TIMEOUT_MS);
    } catch {
      ack = null;
    }
    if (ack && ack.ok) return;
    if (ack) {
      const error = ack.error || {};
      if (!/unknown event/i.test(error.message || '')) {
        throw new ApiError(0, error.code || 'INTERNAL', error.message || 'Not acknowledged.');
      }
      deliveredOverRest = true;
    }
  }
  await api.post(`${CHATS}/${enc(chatId)}/delivered`, { seq });
}

/** After a list load: the chats with unread messages got them on this device (their newest at least). */
function acknowledgeListed() {
  for (const entry of state.chats.values()) {
    if (entry.unread > 0 && entry.lastSeq > 0 && entry.previewFrom !== me()) acknowledgeDelivery(entry.chatId, entry.lastSeq);
  }
}

// Search: the messages I see, in all my chats or in the open one, newest first, paged.

let searchSequence = 0;

function openSearch(inChat) {
  const view = state.view;
  const scoped = Boolean(view && view.chatId && view.kind !== 'desk');
  $('#search-scope-row').hidden = !scoped;
  $('#search-in-chat').checked = scoped && inChat;
  $('#search-scope-label').textContent = scoped ? `Only in ${$('#chat-title').textContent || 'this chat'}` : '';
  const dialog = $('#search-dialog');
  if (!dialog.open) dialog.showModal();
  $('#search-input').focus();
  $('#search-input').select();
}

async function runSearch(more) {
  const view = state.view;
  let search = state.search;
  if (!more) {
    const query = $('#search-input').value.trim();
    if (query === '') return;
    const chatId = $('#search-in-chat').checked && view && view.chatId ? view.chatId : null;
    search = { query, chatId, cursor: null, results: [], loading: false, done: false };
    state.search = search;
  } else if (!search || !search.cursor || search.loading) return;
  const sequence = ++searchSequence;
  search.loading = true;
  renderSearch();
  try {
    const params = [`q=${enc(search.query)}`, `limit=${SEARCH_PAGE_SIZE}`];
    if (search.chatId) params.push(`chatId=${enc(search.chatId)}`);
    if (search.cursor) params.push(`cursor=${enc(search.cursor)}`);
    const data = await api.get(`/api/v1/search?${params.join('&')}`);
    if (sequence !== searchSequence) return;
    const seen = new Set(search.results.map((m) => m._id));
    for (const m of Array.isArray(data.messages) ? data.messages : []) if (m && m._id && !seen.has(m._id)) search.results.push(m);
    search.cursor = data.nextCursor || null;
    search.done = true;
  } catch (error) {
    if (sequence === searchSequence) showError(error);
  } finally {
    if (sequence === searchSequence) {
      search.loading = false;
      renderSearch();
    }
  }
}

function renderSearch() {
  const search = state.search;
  const list = $('#search-results');
  const status = $('#search-status');
  if (!search) {
    list.replaceChildren();
    status.textContent = '';
    $('#search-more').hidden = true;
    return;
  }
  const focused = document.activeElement;
  const focusedId = focused && focused.dataset ? focused.dataset.messageId : null;
  list.replaceChildren(
    ...search.results.map((m) => {
      const entry = state.chats.get(m.chatId) || state.desk.get(m.chatId);
      // A chat the list does not hold yet (its first message just went): the open one, by its title.
      const open = state.view && state.view.chatId === m.chatId ? state.view : null;
      const chatName = entry
        ? entry.type === 'admin_support' && entry.otherId === systemUserId() ? supportName() : entry.otherName
        : open
          ? viewTitle(open)
          : 'Chat';
      const from = m.sender === me() ? 'You' : nameOf(m.sender);
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'item search-result',
            'data-testid': 'search-result',
            'data-chat-id': m.chatId || '',
            'data-message-id': m._id,
            onclick: () => openResult(m),
          },
          el(
            'span',
            { class: 'item-body' },
            el(
              'span',
              { class: 'item-top' },
              el('span', { class: 'item-name', 'data-testid': 'search-result-chat' }, chatName),
              el('time', { class: 'item-time', datetime: m.timestamp || '' }, formatListTime(m.timestamp)),
            ),
            el(
              'span',
              { class: 'search-text', 'data-testid': 'search-result-text' },
              el('span', { class: 'search-from' }, `${from}: `),
              m.text || '',
            ),
          ),
        ),
      );
    }),
  );
  if (focusedId) {
    const again = list.querySelector(`[data-message-id="${CSS.escape(focusedId)}"]`);
    if (again) again.focus();
  }
  const n = search.results.length;
  status.textContent = search.loading
    ? 'Searching…'
    : n === 0
      ? 'No messages found.'
      : `${n} ${n === 1 ? 'message' : 'messages'}${search.cursor ? ', more below' : ''}`;
  const more = $('#search-more');
  more.hidden = !search.cursor;
  more.disabled = search.loading;
}

async function openResult(message) {
  $('#search-dialog').close();
  await openChatById(message.chatId);
  const view = state.view;
  if (view && view.chatId === message.chatId) await scrollToMessage(view, message._id);
}

/** Opens one of my chats by its id, whatever its type (listed or not). */
async function openChatById(chatId) {
  if (!chatId) return;
  const view = state.view;
  if (view && view.chatId === chatId) return;
  let entry = state.chats.get(chatId);
  if (!entry && isAdmin() && state.desk.has(chatId)) {
    await openDeskChat(chatId);
    return;
  }
  if (!entry) {
    try {
      const chat = (await api.get(`${CHATS}/${enc(chatId)}`)).chat;
      if (!chat || !chat._id) return;
      entry = entryFromChat(chat, me());
    } catch (error) {
      showError(error);
      return;
    }
  }
  if (entry.type === 'group') await openGroupChat(entry.chatId);
  else await openUserChat(entry.otherId);
}

// ---------------------------------------------------------------- typing

function onComposerInput() {
  autosize();
  updateSendButton();
  const view = state.view;
  if (view && view.kind === 'group') updateMentions(view);
  if (!view || view.kind === 'desk' || isSupportView(view) || sendBlocker(view) !== null) return;
  if ($('#message-input').value.trim() === '') {
    stopTyping(view);
    return;
  }
  const now = Date.now();
  if (now - view.typingSentAt >= TYPING_SEND_EVERY_MS) {
    if (socket.emit('typing', { ...typingTarget(view), isTyping: true })) view.typingSentAt = now;
  }
  clearTimeout(view.typingIdleTimer);
  view.typingIdleTimer = setTimeout(() => stopTyping(view), TYPING_IDLE_MS);
}

function stopTyping(view) {
  clearTimeout(view.typingIdleTimer);
  view.typingIdleTimer = null;
  if (view.typingSentAt === 0) return;
  view.typingSentAt = 0;
  if (socket) socket.emit('typing', { ...typingTarget(view), isTyping: false });
}

const typingTarget = (view) => (view.kind === 'group' ? { chatId: view.chatId } : { to: view.otherId });

/** A group member typing, in the list row and, when that group is open, in the indicator. */
function setGroupTyping(chatId, userId, typing) {
  let typers = groupTypers.get(chatId);
  if (!typers) {
    if (!typing) return;
    typers = new Map();
    groupTypers.set(chatId, typers);
  }
  clearTimeout(typers.get(userId));
  if (typing) typers.set(userId, setTimeout(() => setGroupTyping(chatId, userId, false), TYPING_SHOW_MS));
  else typers.delete(userId);
  if (typers.size === 0) {
    groupTypers.delete(chatId);
    typingInList.delete(chatId);
  } else typingInList.set(chatId, null);
  renderChatList();
  const view = state.view;
  if (view && view.kind === 'group' && view.chatId === chatId) {
    if (typers.size === 0) hideTyping();
    else showTyping(groupTypingText(chatId));
  }
}

function groupTypingText(chatId) {
  const names = [...(groupTypers.get(chatId) || new Map()).keys()].map(nameOf);
  if (names.length === 0) return 'typing…';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
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
  if (view.kind !== 'desk' && !view.chatId) return;
  if (view.kind === 'group' && !view.group.myRole) return;
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
      const path = view.kind === 'group' ? `${CHATS}/${enc(view.chatId)}/read` : `${CHAT}/${enc(view.otherId)}/mark-all-seen`;
      const data = await api.post(path);
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

// ---------------------------------------------------------------- calls (see calls.js)

function startCall(callType) {
  const view = state.view;
  if (!view || view.kind !== 'user' || !calls) return;
  calls.start({ otherId: view.otherId, otherName: view.otherName, chatId: view.chatId, callType });
}

/** A call's chat, told by its invite's answer: a chat opened before its first message gets its id now. */
function adoptCallChat(otherId, chatId) {
  const view = state.view;
  if (view && view.kind === 'user' && view.otherId === otherId && !view.chatId) {
    view.chatId = chatId;
    $('#chat-view').dataset.chatId = chatId;
    renderHeader();
  }
  if (!state.chats.has(chatId)) scheduleLoadChats();
}

// ---------------------------------------------------------------- chat actions

async function toggleMute() {
  const view = state.view;
  if (!view || view.kind === 'desk') return;
  try {
    const data = await api.post(`${chatPath(view)}/mute`, {});
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
  if (!view || view.kind === 'desk') return;
  const others = view.kind === 'group' ? 'The other members keep their copy.' : 'The other person keeps their copy.';
  if (!window.confirm(`Clear this chat for you? ${others}`)) return;
  try {
    const data = await api.delete(`${chatPath(view)}/messages`);
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

// ---------------------------------------------------------------- groups

/** Takes a group's fields (from the list, a GET or an event) into the open view. */
function adoptGroup(view, group) {
  if (!view || view.kind !== 'group' || !group) return;
  const wasMember = Boolean(view.group.myRole);
  view.group = { ...view.group, ...group };
  view.otherName = view.group.name;
  renderHeader();
  renderComposer();
  if ($('#members-dialog').open) renderMembers(view);
  if (!wasMember && view.group.myRole) loadMembers(view);
}

/** Asks the server for one group (after a membership or settings event) and updates list, view and panel. */
async function refreshGroup(chatId) {
  let chat;
  try {
    chat = (await api.get(`${CHATS}/${enc(chatId)}`)).chat;
  } catch (error) {
    if (error.code === 'NOT_FOUND') scheduleLoadChats();
    return;
  }
  if (!chat || !chat._id) return;
  const previous = state.chats.get(chat._id);
  const entry = entryFromChat(chat, me());
  if (previous && previous.lastSeq > entry.lastSeq) {
    // An event overtook this answer: keep the newer preview.
    for (const key of PREVIEW_KEYS) entry[key] = previous[key];
  }
  state.chats.set(chat._id, entry);
  renderChatList();
  const view = state.view;
  if (view && view.kind === 'group' && view.chatId === chat._id) {
    adoptGroup(view, entry.group);
    view.muted = entry.muted;
    view.mutedUntil = entry.mutedUntil;
    renderHeader();
  }
}

async function loadMembers(view) {
  if (!view || view.kind !== 'group' || !view.group.myRole) return;
  try {
    const members = await fetchPages(`${CHATS}/${enc(view.chatId)}/members`, 'members');
    if (view !== state.view) return;
    view.members = new Map();
    for (const m of members) {
      if (!m || !m._id) continue;
      view.members.set(m._id, m);
      if (m.fullName) state.names.set(m._id, m.fullName);
    }
    // Names may have been unknown when the history was drawn.
    for (const node of view.elements.values()) {
      const text = node.querySelector('.msg-text');
      if (text) delete text.dataset.signature;
    }
    renderMessages(view, 'keep');
    renderChatList();
    if ($('#members-dialog').open) renderMembers(view);
  } catch (error) {
    if (error.code !== 'NOT_A_MEMBER') showError(error);
  }
}

function onMembersChanged(change, data) {
  const chatId = data.chatId;
  const entry = chatId && state.chats.get(chatId);
  if (!entry) {
    scheduleLoadChats();
    return;
  }
  const subjects = Array.isArray(data.members) ? data.members : [];
  if ((change === 'removed' || change === 'left') && subjects.includes(me())) {
    // The last event a removed member gets: stop writing at once, the server says the rest.
    entry.group.myRole = null;
    const view = state.view;
    if (view && view.kind === 'group' && view.chatId === chatId) {
      stopTyping(view);
      adoptGroup(view, { myRole: null });
    }
    renderChatList();
  }
  refreshGroup(chatId);
  const view = state.view;
  if (view && view.kind === 'group' && view.chatId === chatId) loadMembers(view);
}

function onGroupUpdated(data) {
  const entry = data.chatId && state.chats.get(data.chatId);
  if (!entry || entry.type !== 'group') {
    scheduleLoadChats();
    return;
  }
  const g = data.group || {};
  const fields = {};
  for (const key of ['name', 'description', 'avatarUrl', 'onlyAdminsSend', 'memberCount']) {
    if (key in g) fields[key] = g[key];
  }
  entry.group = { ...entry.group, ...groupFields({ ...entry.group, ...fields }), myRole: entry.group.myRole };
  entry.otherName = entry.group.name;
  renderChatList();
  const view = state.view;
  if (view && view.kind === 'group' && view.chatId === data.chatId) adoptGroup(view, { ...entry.group });
}

// The group dialog: a new group (name + members), or members to add to the open group.
let groupDialogMode = 'create';

function openGroupDialog(mode) {
  groupDialogMode = mode;
  const view = state.view;
  const adding = mode === 'add';
  $('#group-dialog-title').textContent = adding ? `Add members to ${view.group.name}` : 'New group';
  $('#group-name-row').hidden = adding;
  $('#group-name-input').value = '';
  $('#group-submit').textContent = adding ? 'Add' : 'Create group';
  const exclude = new Set([me(), systemUserId(), ...state.blocked]);
  if (adding) for (const id of view.members.keys()) exclude.add(id);
  const ids = new Set();
  for (const user of state.demoUsers) if (!exclude.has(user._id)) ids.add(user._id);
  // Also people met in chats: 1:1 partners and members of open groups.
  for (const entry of state.chats.values()) {
    if (entry.type === 'user_chat' && entry.otherId && !exclude.has(entry.otherId)) ids.add(entry.otherId);
  }
  if (view && view.kind === 'group' && !adding) for (const id of view.members.keys()) if (!exclude.has(id)) ids.add(id);
  const rows = [...ids].map((id) =>
    el(
      'li',
      { class: 'person', 'data-user-id': id },
      el(
        'label',
        { class: 'pick-row' },
        el('input', {
          type: 'checkbox',
          id: `group-member-option-${id}`,
          'data-testid': 'group-member-option',
          'data-user-id': id,
          value: id,
        }),
        el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(nameOf(id))),
        el('span', { class: 'item-name' }, nameOf(id)),
      ),
    ),
  );
  const list = $('#group-member-list');
  list.replaceChildren(...rows);
  if (rows.length === 0) list.append(el('li', { class: 'hint' }, adding ? 'Everyone you know is a member already.' : 'Nobody to add.'));
  const dialog = $('#group-dialog');
  if (!dialog.open) dialog.showModal();
  (adding ? list.querySelector('input') || $('#group-submit') : $('#group-name-input')).focus();
}

async function submitGroupDialog(event) {
  event.preventDefault();
  const picked = [...$('#group-member-list').querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);
  const button = $('#group-submit');
  if (groupDialogMode === 'add') {
    const view = state.view;
    if (!view || view.kind !== 'group' || picked.length === 0) return;
    button.disabled = true;
    try {
      await api.post(`${CHATS}/${enc(view.chatId)}/members`, { userIds: picked });
      $('#group-dialog').close();
      await Promise.all([loadMembers(view), refreshGroup(view.chatId)]);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
    return;
  }
  const name = $('#group-name-input').value.trim();
  if (name === '') {
    toast('Give the group a name.', true);
    $('#group-name-input').focus();
    return;
  }
  button.disabled = true;
  try {
    const data = await api.post(`${CHATS}/groups`, { name, members: picked });
    $('#group-dialog').close();
    if (data.chat && data.chat._id) {
      state.chats.set(data.chat._id, entryFromChat(data.chat, me()));
      renderChatList();
      await openGroupChat(data.chat._id);
    }
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', member: 'Member' };

function openMembers() {
  const view = state.view;
  if (!view || view.kind !== 'group') return;
  renderMembers(view);
  const dialog = $('#members-dialog');
  if (!dialog.open) dialog.showModal();
  loadMembers(view);
}

function renderMembers(view) {
  if (!view || view.kind !== 'group') return;
  const myRole = view.group.myRole;
  const manage = canManage(view);
  $('#members-title').textContent = `${view.group.name} · ${view.group.memberCount} members`;
  $('#group-rename-form').hidden = !manage;
  if (manage && document.activeElement !== $('#group-rename-input')) $('#group-rename-input').value = view.group.name;
  $('#only-admins-toggle').checked = view.group.onlyAdminsSend;
  $('#add-members-button').hidden = !manage;
  const order = { owner: 0, admin: 1, member: 2 };
  const members = [...view.members.values()].sort(
    (a, b) => (order[a.role] ?? 3) - (order[b.role] ?? 3) || nameOf(a._id).localeCompare(nameOf(b._id)),
  );
  const rows = members.map((m) => {
    const self = m._id === me();
    const actions = [];
    if (!self && myRole === 'owner') {
      const next = m.role === 'admin' ? 'member' : 'admin';
      actions.push(
        el(
          'button',
          { type: 'button', 'data-testid': 'member-role-button', 'data-user-id': m._id, onclick: () => setRole(view, m._id, next) },
          next === 'admin' ? 'Make admin' : 'Make member',
        ),
        el(
          'button',
          { type: 'button', 'data-testid': 'member-owner-button', 'data-user-id': m._id, onclick: () => handOver(view, m._id) },
          'Make owner',
        ),
      );
    }
    if (!self && (myRole === 'owner' || (myRole === 'admin' && m.role === 'member'))) {
      actions.push(
        el(
          'button',
          { type: 'button', class: 'danger', 'data-testid': 'member-remove-button', 'data-user-id': m._id, onclick: () => removeMember(view, m._id) },
          'Remove',
        ),
      );
    }
    return el(
      'li',
      { class: 'person member', 'data-testid': 'member', 'data-user-id': m._id, 'data-role': m.role || '' },
      el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(nameOf(m._id))),
      el(
        'span',
        { class: 'item-body' },
        el('span', { class: 'item-name', 'data-testid': 'member-name' }, self ? `${nameOf(m._id)} (you)` : nameOf(m._id)),
        el('span', { class: 'tag', 'data-testid': 'member-role' }, ROLE_LABEL[m.role] || m.role || ''),
      ),
      actions.length > 0 ? el('span', { class: 'member-actions' }, ...actions) : null,
    );
  });
  const list = $('#members-list');
  list.replaceChildren(...rows);
  if (rows.length === 0) {
    list.append(el('li', { class: 'hint' }, myRole ? 'Loading members…' : 'You are no longer a member of this group.'));
  }
}

async function groupAction(view, request, done) {
  try {
    await request();
    if (done) toast(done);
  } catch (error) {
    showError(error);
  }
  if (view === state.view) await Promise.all([loadMembers(view), refreshGroup(view.chatId)]);
}

function setRole(view, userId, role) {
  return groupAction(view, () => api.patch(`${CHATS}/${enc(view.chatId)}/members/${enc(userId)}`, { role }));
}

function handOver(view, userId) {
  if (!window.confirm(`Make ${nameOf(userId)} the owner? You become an admin.`)) return null;
  return groupAction(view, () => api.post(`${CHATS}/${enc(view.chatId)}/owner`, { userId }));
}

function removeMember(view, userId) {
  if (!window.confirm(`Remove ${nameOf(userId)} from ${view.group.name}?`)) return null;
  return groupAction(view, () => api.delete(`${CHATS}/${enc(view.chatId)}/members/${enc(userId)}`));
}

async function updateGroup(event) {
  event.preventDefault();
  const view = state.view;
  if (!view || !canManage(view)) return;
  const name = $('#group-rename-input').value.trim();
  const body = {};
  if (name !== '' && name !== view.group.name) body.name = name;
  if ($('#only-admins-toggle').checked !== view.group.onlyAdminsSend) body.onlyAdminsSend = $('#only-admins-toggle').checked;
  if (Object.keys(body).length === 0) return;
  try {
    const data = await api.patch(`${CHATS}/${enc(view.chatId)}`, body);
    if (data.chat && data.chat._id) {
      const entry = entryFromChat(data.chat, me());
      state.chats.set(data.chat._id, entry);
      renderChatList();
      if (view === state.view) adoptGroup(view, entry.group);
    }
    $('#group-rename-input').blur();
    renderMembers(view);
  } catch (error) {
    showError(error);
    renderMembers(view);
  }
}

async function leaveGroup() {
  const view = state.view;
  if (!view || view.kind !== 'group' || !view.group.myRole) return;
  if (!window.confirm(`Leave ${view.group.name}? You keep what you could read, and get nothing newer.`)) return;
  try {
    stopTyping(view);
    await api.post(`${CHATS}/${enc(view.chatId)}/leave`);
    adoptGroup(view, { myRole: null });
    const entry = state.chats.get(view.chatId);
    if (entry) entry.group.myRole = null;
    renderChatList();
    await refreshGroup(view.chatId);
    await loadNewer(view);
  } catch (error) {
    showError(error);
  }
}

/** The entries after the newest one held (e.g. my own "left" line). */
async function loadNewer(view) {
  try {
    const data = await api.get(`${chatPath(view)}/messages?limit=${RESYNC_PAGE_SIZE}&after=${maxSeq(view)}`);
    if (view !== state.view) return;
    addMessages(view, data.messages);
    renderMessages(view, 'auto');
  } catch {
    // The socket's message:new usually brought it already.
  }
}

async function deleteGroup() {
  const view = state.view;
  if (!view || view.kind !== 'group' || view.group.myRole) return;
  if (!window.confirm(`Delete ${view.group.name} from your chats?`)) return;
  try {
    await api.delete(`${CHATS}/${enc(view.chatId)}`);
    state.chats.delete(view.chatId);
    closeView();
    scheduleLoadChats();
  } catch (error) {
    showError(error);
  }
}

async function showReaders(view, messageId) {
  if (!view || view.kind !== 'group' || !messageId) return;
  const list = $('#readers-list');
  list.replaceChildren(el('li', { class: 'hint' }, 'Loading…'));
  const dialog = $('#readers-dialog');
  dialog.dataset.messageId = messageId;
  if (!dialog.open) dialog.showModal();
  try {
    const readers = await fetchPages(`${CHATS}/${enc(view.chatId)}/messages/${enc(messageId)}/reads`, 'members');
    const rows = readers
      .filter((r) => r && r._id)
      .map((r) => {
        if (r.fullName) state.names.set(r._id, r.fullName);
        return el(
          'li',
          { class: 'person', 'data-testid': 'reader', 'data-user-id': r._id },
          el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(nameOf(r._id))),
          el('span', { class: 'item-name', 'data-testid': 'reader-name' }, nameOf(r._id)),
        );
      });
    list.replaceChildren(...rows);
    if (rows.length === 0) list.append(el('li', { class: 'hint' }, 'Nobody has read it yet.'));
  } catch (error) {
    list.replaceChildren();
    dialog.close();
    showError(error);
  }
}

// Mentions: "@" and the start of a member's name offers the members; the picked ones go in mentions.

function updateMentions(view) {
  const input = $('#message-input');
  const before = input.value.slice(0, input.selectionStart);
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(before);
  if (!match || input.disabled) {
    closeMentions();
    return;
  }
  const query = match[2].toLocaleLowerCase();
  const options = [...view.members.values()]
    .filter((m) => m._id !== me())
    .filter((m) => {
      const name = nameOf(m._id).toLocaleLowerCase();
      return query === '' || name.startsWith(query) || name.split(/\s+/).some((w) => w.startsWith(query));
    })
    .slice(0, 8);
  if (options.length === 0) {
    closeMentions();
    return;
  }
  view.mention = { start: before.length - match[2].length - 1, end: before.length, options, index: 0 };
  renderMentions(view);
}

function renderMentions(view) {
  const list = $('#mention-list');
  const mention = view.mention;
  list.replaceChildren(
    ...mention.options.map((m, i) =>
      el(
        'li',
        {
          role: 'option',
          id: `mention-option-${m._id}`,
          class: 'mention-option',
          'data-testid': 'mention-option',
          'data-user-id': m._id,
          'aria-selected': String(i === mention.index),
          // mousedown, not click: the input keeps its focus and caret.
          onmousedown: (event) => {
            event.preventDefault();
            pickMention(view, i);
          },
        },
        el('span', { class: 'avatar small', 'aria-hidden': 'true' }, initials(nameOf(m._id))),
        nameOf(m._id),
      ),
    ),
  );
  list.hidden = false;
  $('#message-input').setAttribute('aria-activedescendant', `mention-option-${mention.options[mention.index]._id}`);
}

function closeMentions() {
  const view = state.view;
  if (view) view.mention = null;
  const list = $('#mention-list');
  list.hidden = true;
  list.replaceChildren();
  $('#message-input').removeAttribute('aria-activedescendant');
}

function pickMention(view, index) {
  const mention = view.mention;
  if (!mention) return;
  const member = mention.options[index];
  const input = $('#message-input');
  const insert = `@${nameOf(member._id)} `;
  input.value = input.value.slice(0, mention.start) + insert + input.value.slice(mention.end);
  const caret = mention.start + insert.length;
  input.focus();
  input.setSelectionRange(caret, caret);
  closeMentions();
  updateSendButton();
  autosize();
}

/** Keys while the picker is open; true when the key was used. */
function mentionKey(event) {
  const view = state.view;
  const mention = view && view.mention;
  if (!mention) return false;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const step = event.key === 'ArrowDown' ? 1 : -1;
    mention.index = (mention.index + step + mention.options.length) % mention.options.length;
    renderMentions(view);
  } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
    pickMention(view, mention.index);
  } else if (event.key === 'Escape') {
    closeMentions();
  } else return false;
  event.preventDefault();
  event.stopPropagation();
  return true;
}

/** The members named as "@Full Name" in the text (me excepted). */
function mentionsIn(view, text) {
  const ids = [];
  for (const m of view.members.values()) {
    if (m._id !== me() && text.includes(`@${nameOf(m._id)}`)) ids.push(m._id);
  }
  return ids;
}

// ---------------------------------------------------------------- events from the server

function handleEvent(event, data) {
  switch (event) {
    case 'message:new':
    case 'message:sent': {
      onMessage(data, event === 'message:sent');
      const entry = listEntryIn(data);
      if (entry) onChatUpdate(entry);
      break;
    }
    case 'chat:update':
      onChatUpdate(data);
      break;
    case 'message:edited':
    case 'message:deleted':
    case 'message:reaction':
    case 'message:pinned':
    case 'message:unpinned':
      onMessageChanged(data);
      break;
    case 'delivered':
      onDelivered(data);
      break;
    case 'chat:archived':
      onChatArchived(data);
      break;
    case 'seen':
      onSeen(data);
      break;
    case 'resync':
      // The server's nodes may have lost events for this socket (their bus lost entries): catch up on it, as after a
      // reconnect. Not a reconnect: that would show this user going offline and back to their partners, and the
      // socket itself is fine.
      document.body.dataset.resyncs = String((Number(document.body.dataset.resyncs) || 0) + 1);
      catchUp();
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
    case 'admin_support:message:new': {
      onDeskMessage(data);
      const entry = listEntryIn(data);
      if (entry) onDeskUpdate(entry);
      break;
    }
    case 'admin_support:chat:update':
      onDeskUpdate(data);
      break;
    case 'chat:member:added':
    case 'chat:member:removed':
    case 'chat:member:left':
    case 'chat:member:role':
      onMembersChanged(event.slice('chat:member:'.length), data);
      break;
    case 'chat:updated':
      onGroupUpdated(data);
      break;
    default:
      if (event.startsWith('call:') && calls) calls.handleEvent(event, data);
      break;
  }
}

/**
 * Compact mode: the list entry a message changed, carried in its event as `chat` (without the chatId and userId the
 * event has), as the chat:update / admin_support:chat:update it replaces. A `chat` with an `_id` is a whole chat.
 */
function listEntryIn(data) {
  if (!data.chat || typeof data.chat !== 'object' || data.chat._id) return null;
  return { ...data.chat, chatId: data.chatId, userId: data.userId };
}

function onMessage(data, mine) {
  const message = data.message;
  if (!message || !message._id) return;
  const chatId = data.chatId || message.chatId;
  const view = state.view;
  const matches =
    view &&
    ((view.kind === 'group' && view.chatId === chatId) ||
      (view.kind === 'user' &&
        (view.chatId === chatId ||
          (!view.chatId &&
            (mine
              ? view.messages.has(`c:${message.clientMessageId}`) || callWith(message, view.otherId)
              : message.sender === view.otherId)))));
  if (matches) {
    if (!view.chatId) {
      view.chatId = chatId;
      $('#chat-view').dataset.chatId = chatId;
      renderHeader();
    }
    upsertMessage(view, message);
    if (!mine) hideTyping();
    renderMessages(view, mine ? 'bottom' : 'auto');
    if (!mine) markSeen(view);
  }
  const entry = state.chats.get(chatId);
  if (entry && entry.type === 'group') {
    // Group chat:update events carry no unreadCount: count what others write (the list has the exact count).
    const fresh = typeof message.seq !== 'number' || message.seq > (entry.lastSeq || 0);
    if (!mine && fresh && !isSystem(message) && message.sender !== me()) entry.unread += 1;
    if (!mine) setGroupTyping(chatId, message.sender, false);
    if (!mine && !matches && Array.isArray(message.mentions) && message.mentions.includes(me())) {
      toast(`${nameOf(message.sender)} mentioned you in ${entry.group.name}.`);
    }
  } else if (!mine) setListTyping(chatId, false);
  // This device got it: a delivery receipt (the sender's ✓✓).
  if (!mine && typeof message.seq === 'number' && message.sender !== me() && !isSystem(message)) {
    acknowledgeDelivery(chatId, message.seq);
  }
  // A new message brings an archived chat back, unless it is muted (the server's rule; its list confirms it).
  if (entry && entry.archived && !entry.muted) {
    entry.archived = false;
    if (view && view.chatId === chatId) view.archived = false;
    if (view) renderHeader();
    scheduleLoadChats();
  }
  updatePreview(state.chats, chatId, message);
}

/** message:edited, :deleted, :reaction, :pinned, :unpinned: the message as it is now, applied by id when newer. */
function onMessageChanged(data) {
  const message = data.message;
  if (!message || !message._id) return;
  const chatId = data.chatId || message.chatId;
  const view = state.view;
  if (view && view.chatId === chatId) {
    const held = view.messages.get(message._id);
    if (held || message.hidden) {
      upsertMessage(view, withMyReactions(view, held, message, data.by, data.reaction));
      renderMessages(view, 'keep');
    } else {
      // Not loaded (older than the pages held): only the pinned bar may show it.
      const pinned = Boolean(message.pinned) && !message.deleted && !message.hidden;
      const had = view.pins.has(message._id);
      if (pinned) view.pins.set(message._id, message);
      else view.pins.delete(message._id);
      if (pinned || had) renderPins(view);
    }
  }
  revisePreview(chatId, message);
}

/**
 * Reactions in events all say mine: false: mine are the ones held, changed by this event when I made it (any of my
 * devices; staff on the desk as the desk).
 */
function withMyReactions(view, held, message, by, reaction) {
  const mine = new Set(((held && held.reactions) || []).filter((r) => r.mine).map((r) => r.emoji));
  const actor = view.kind === 'desk' ? systemUserId() : me();
  if (reaction && reaction.emoji && by === actor) {
    if (reaction.on) mine.add(reaction.emoji);
    else mine.delete(reaction.emoji);
  }
  const reactions = Array.isArray(message.reactions) ? message.reactions : [];
  return { ...message, reactions: reactions.map((r) => ({ ...r, mine: mine.has(r.emoji) })) };
}

/** A revised message that is a list row's preview: its new text, "Message deleted", or a reload when hidden. */
function revisePreview(chatId, message) {
  for (const map of [state.chats, state.desk]) {
    const entry = map.get(chatId);
    if (!entry || typeof message.seq !== 'number' || message.seq !== entry.lastSeq) continue;
    if (message.hidden) {
      if (map === state.chats) scheduleLoadChats();
      else scheduleLoadDesk();
      continue;
    }
    entry.previewDeleted = Boolean(message.deleted);
    entry.preview = message.deleted ? '' : message.text || '';
    if (map === state.chats) renderChatList();
    else renderDeskList();
  }
}

/** The other side's devices got my messages up to seq (groups: another member's). */
function onDelivered(data) {
  const view = state.view;
  if (!view || view.kind === 'desk' || !view.chatId || view.chatId !== data.chatId || data.from === me()) return;
  const seq = Number(data.seq);
  if (Number.isFinite(seq) && seq > view.peerDeliveredSeq) {
    view.peerDeliveredSeq = seq;
    renderMessages(view, 'keep');
  }
}

function onChatArchived(data) {
  if (!data.chatId) return;
  setArchived(data.chatId, Boolean(data.archived));
  scheduleLoadChats();
}

function onChatUpdate(data) {
  const entry = state.chats.get(data.chatId);
  if (!entry) {
    scheduleLoadChats();
    return;
  }
  if (entry.type === 'group') {
    // For groups lastMessage is the text only (null for a system entry): message:new told the sender already.
    const last = data.lastMessage;
    if (typeof last === 'string' && last !== entry.preview) {
      entry.preview = last;
      entry.previewFrom = null;
      entry.previewEvent = null;
    } else if (last && typeof last === 'object') {
      entry.preview = last.text || '';
      entry.previewFrom = last.sender || null;
      entry.previewEvent = isSystem(last) ? last.event || {} : null;
    }
  } else if ('lastMessage' in data) {
    const last = data.lastMessage;
    const text = last === null || last === undefined ? '' : typeof last === 'string' ? last : last.text || '';
    if (last && typeof last === 'object') {
      entry.previewFrom = last.sender;
      entry.previewCall = isCall(last) ? last.call || {} : null;
    } else if (text !== entry.preview) {
      entry.previewFrom = null;
      entry.previewCall = null;
    }
    entry.preview = text;
  }
  // A tombstone's preview is empty text (message:deleted, told first, set "Message deleted"); any text ends it.
  const last = data.lastMessage;
  if (last && typeof last === 'object') entry.previewDeleted = Boolean(last.deleted);
  else if (typeof last === 'string' && last !== '') entry.previewDeleted = false;
  if (data.timestamp) entry.ts = data.timestamp;
  if (typeof data.unreadCount === 'number') entry.unread = data.unreadCount;
  const view = state.view;
  if (view && view.kind !== 'desk' && view.chatId === data.chatId && entry.unread > 0) markSeen(view);
  renderChatList();
}

function onSeen(data) {
  const view = state.view;
  if (!view || view.kind === 'desk' || !view.chatId || view.chatId !== data.chatId) return;
  // In a group my own read mark (another tab) says nothing about my messages; anyone else's does.
  if (view.kind === 'group' && data.from === me()) return;
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
  const group = data.chatId && state.chats.get(data.chatId);
  if (group && group.type === 'group') {
    if (data.from && data.from !== me()) setGroupTyping(data.chatId, data.from, typing);
    return;
  }
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
  if (view && view.kind !== 'desk' && view.chatId === data.chatId) applyCleared(view, Number(data.clearedUpTo) || 0);
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
  $('#new-group-button').addEventListener('click', () => openGroupDialog('create'));
  $('#group-form').addEventListener('submit', submitGroupDialog);
  $('#group-dialog-close').addEventListener('click', () => $('#group-dialog').close());
  $('#members-button').addEventListener('click', openMembers);
  $('#members-close').addEventListener('click', () => $('#members-dialog').close());
  $('#add-members-button').addEventListener('click', () => openGroupDialog('add'));
  $('#group-rename-form').addEventListener('submit', updateGroup);
  $('#only-admins-toggle').addEventListener('change', updateGroup);
  $('#readers-close').addEventListener('click', () => $('#readers-dialog').close());
  $('#leave-button').addEventListener('click', leaveGroup);
  $('#delete-chat-button').addEventListener('click', deleteGroup);
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
  $('#call-audio-button').addEventListener('click', () => startCall('audio'));
  $('#call-video-button').addEventListener('click', () => startCall('video'));
  $('#block-button').addEventListener('click', toggleBlock);
  $('#unblock-button').addEventListener('click', () => state.view && unblock(state.view.otherId));
  $('#clear-button').addEventListener('click', clearChat);
  $('#desk-status-select').addEventListener('change', setDeskStatus);
  $('#assign-button').addEventListener('click', assignToMe);
  $('#load-older-button').addEventListener('click', () => loadOlder(state.view));
  $('#message-scroller').addEventListener('scroll', () => {
    closeMessageMenu(false);
    if ($('#message-scroller').scrollTop < NEAR_EDGE_PX) loadOlder(state.view);
  });
  $('#message-menu').addEventListener('keydown', menuKey);
  document.addEventListener('pointerdown', (event) => {
    if (menuFor && !$('#message-menu').contains(event.target) && !menuFor.button.contains(event.target)) {
      closeMessageMenu(false);
    }
  });
  window.addEventListener('resize', () => closeMessageMenu(false));
  $('#reply-cancel').addEventListener('click', () => {
    setReplyTo(state.view, null);
    $('#message-input').focus();
  });
  $('#pinned-toggle').addEventListener('click', togglePins);
  $('#forward-close').addEventListener('click', () => $('#forward-dialog').close());
  $('#archive-button').addEventListener('click', toggleArchive);
  $('#archived-button').addEventListener('click', toggleArchivedList);
  $('#search-button').addEventListener('click', () => openSearch(false));
  $('#chat-search-button').addEventListener('click', () => openSearch(true));
  $('#search-close').addEventListener('click', () => $('#search-dialog').close());
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runSearch(false);
  });
  $('#search-more').addEventListener('click', () => runSearch(true));

  const input = $('#message-input');
  $('#composer').addEventListener('submit', submitComposer);
  input.addEventListener('input', onComposerInput);
  input.addEventListener('blur', () => setTimeout(() => document.activeElement !== input && closeMentions(), 150));
  input.addEventListener('click', () => state.view && state.view.kind === 'group' && updateMentions(state.view));
  input.addEventListener('keydown', (event) => {
    if (mentionKey(event)) return;
    if (event.key === 'Escape' && state.view && state.view.replyTo) {
      event.preventDefault();
      event.stopPropagation();
      setReplyTo(state.view, null);
      return;
    }
    // isComposing: Enter that confirms an IME composition must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      $('#composer').requestSubmit();
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (menuFor) closeMessageMenu(true);
    else if (state.view && !document.querySelector('dialog[open]')) closeView();
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
