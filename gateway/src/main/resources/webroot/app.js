// avqa-live dashboard: plain ES modules, no build step, no CDN. Talks protocol v1 over /ws (gateway/PROTOCOL.md).
import { Connection } from './js/connection.js';
import { StreamTile } from './js/tile.js';
import { AnswerCards } from './js/answers.js';
import { Suggestions } from './js/suggestions.js';

const $ = (sel) => document.querySelector(sel);
const params = new URLSearchParams(location.search);
const STREAMS_REFRESH_MS = 10000;

const tiles = new Map();        // stream id -> StreamTile
const subscribed = new Set();   // streams subscribed on the current socket
let connection = null;
let autoAsked = false;
let admin = false;              // the token may add and remove streams (the authenticated message says)
let managed = new Set();        // managed streams in the last listing
// Streams removed (here or by another admin) while this page watched. Ingest's last status of a removed stream
// (ENDED, reason "removed") stays on the compacted topic, so a token granting it still lists it, unmanaged:
// its tile stays away until the id is managed again (added anew) or the page is reloaded.
const removed = new Set();
let granted = new Set();        // the streams the token may watch ('*': all); an admin also lists the others
let listings = 0;               // listings applied, mirrored in #streams' data-listings (browser tests wait on it)

const suggestions = new Suggestions($('#ask-text'), $('#suggestions'));
const cards = new AnswerCards($('#answers'), $('#answer-template'),
  (message) => !!connection && connection.send(message),
  (answer) => { if (tiles.has(answer.stream)) tiles.get(answer.stream).setAnswer(answer); });

// ---------- connection ----------

function start(token) {
  sessionStorage.setItem('avqa.token', token);
  subscribed.clear();
  connection = new Connection(token, {
    onOpen: (n) => {
      setConn(true, 'connected');
      $('#conn').dataset.connects = n;
    },
    onDown: (waitMs, code) => {
      subscribed.clear();
      setConn(false, `reconnecting in ${Math.round(waitMs / 100) / 10} s` + (code ? ` (closed ${code})` : ''));
    },
    onMessage,
  });
  connection.connect();
}

function setConn(up, text) {
  const el = $('#conn');
  el.className = 'conn ' + (up ? 'up' : 'down');
  el.dataset.state = up ? 'up' : 'down';
  el.textContent = text;
}

function showLogin() {
  $('#login').hidden = false;
  $('#login-form').onsubmit = (e) => {
    e.preventDefault();
    const token = $('#login-token').value.trim();
    if (!token) return;
    $('#login').hidden = true;
    start(token);
  };
}

function onMessage(m) {
  switch (m.type) {
    case 'authenticated':
      $('#who').textContent = `${m.subject} · streams ${m.streams.join(', ')}` + (m.admin ? ' · admin' : '');
      admin = !!m.admin;
      granted = new Set(m.streams);
      $('#add-stream').hidden = !admin;
      refreshStreams();
      cards.resume(connection.opened);
      break;
    // only listings make tiles: a status or insight of a stream without one was sent before its unsubscribe
    case 'status': if (tiles.has(m.stream)) tiles.get(m.stream).setStatus(m); break;
    case 'insight':
      if (tiles.has(m.stream) && tiles.get(m.stream).addInsight(m) && m.stream === $('#ask-stream').value) {
        scheduleSuggestions();
      }
      break;
    case 'accepted': cards.accepted(m); break;
    case 'answer': cards.answer(m); break;
    case 'error': onError(m); break;
    default: break; // pong, subscribed, unsubscribed
  }
}

function onError(m) {
  if (!m.id && (m.code === 'INVALID_TOKEN' || m.code === 'UNAUTHENTICATED')) {
    connection.stop();
    setConn(false, 'token refused');
    sessionStorage.removeItem('avqa.token');
    showLogin();
    return;
  }
  if (!cards.error(m)) {
    const box = $('#ask-error');
    box.hidden = false;
    box.textContent = `${m.code}: ${m.message}`;
  }
}

/** Streams come from GET /api/streams (statuses); each is subscribed once per socket for its insights. */
async function refreshStreams() {
  try {
    const r = await fetch('/api/streams', { headers: { Authorization: 'Bearer ' + connection.token } });
    if (!r.ok) return;
    const body = await r.json();
    const nowManaged = new Set(body.streams.filter((s) => s.managed).map((s) => s.stream));
    // a managed stream removed elsewhere leaves management (and, for some tokens, the listing): its tile goes
    for (const id of [...managed]) if (!nowManaged.has(id)) forget(id);
    for (const id of nowManaged) removed.delete(id);
    managed = nowManaged;
    for (const status of body.streams) {
      if (removed.has(status.stream)) continue;
      const tile = tileOf(status.stream);
      tile.setStatus(status);
      tile.el.querySelector('.remove').hidden = !(admin && status.managed);
      const watchable = granted.has('*') || granted.has(status.stream);
      if (watchable && !subscribed.has(status.stream)
          && connection.send({ type: 'subscribe', id: 'sub-' + status.stream, stream: status.stream })) {
        subscribed.add(status.stream);
      }
    }
    $('#streams').dataset.listings = ++listings;
    maybeAutoAsk();
  } catch (e) {
    // The socket's reconnect loop reports the outage; the next refresh tries again.
  }
}
setInterval(() => { if (connection && connection.isOpen) refreshStreams(); }, STREAMS_REFRESH_MS);

// ---------- stream tiles ----------

function tileOf(id) {
  let tile = tiles.get(id);
  if (!tile) {
    tile = new StreamTile(id, $('#tile-template'));
    tile.el.onclick = () => selectStream(id);
    tile.el.querySelector('.remove').onclick = (e) => {
      e.stopPropagation();
      if (confirm(`Remove stream ${id}? Its standing questions end.`)) removeStream(id);
    };
    tiles.set(id, tile);
    $('#streams').appendChild(tile.el);
    $('#no-streams').hidden = true;
    const option = document.createElement('option');
    option.value = option.textContent = id;
    $('#ask-stream').appendChild(option);
    if (tiles.size === 1) selectStream(id);
    tile.draw();
  }
  return tile;
}

function dropTile(id) {
  const tile = tiles.get(id);
  if (!tile) return;
  tile.el.remove();
  tiles.delete(id);
  const option = [...$('#ask-stream').options].find((o) => o.value === id);
  if (option) option.remove();
  if (subscribed.delete(id)) connection.send({ type: 'unsubscribe', id: 'unsub-' + id, stream: id });
  $('#no-streams').hidden = tiles.size > 0;
  selectStream($('#ask-stream').value);
}

/** A removed stream: its tile goes and no later listing brings it back (see removed). */
function forget(id) {
  removed.add(id);
  managed.delete(id);
  dropTile(id);
}

function selectStream(id) {
  $('#ask-stream').value = id;
  for (const tile of tiles.values()) tile.el.classList.toggle('selected', tile.id === id);
  suggestions.setInstruments(tiles.get(id) ? tiles.get(id).presentCategories() : []);
}

let suggestTimer = null;
/** Insights arrive every second per stream; the suggestions follow at most once a second. */
function scheduleSuggestions() {
  if (suggestTimer) return;
  suggestTimer = setTimeout(() => {
    suggestTimer = null;
    const tile = tiles.get($('#ask-stream').value);
    if (tile) suggestions.setInstruments(tile.presentCategories());
  }, 1000);
}

// ---------- managing streams (admin tokens) ----------

/** The gateway's JSON reply, or an error with its message (what happened and what to do). */
async function api(method, path, body) {
  const r = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: 'Bearer ' + connection.token },
      body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(json.message ? `${json.code}: ${json.message}` : `HTTP ${r.status}`);
  return json;
}

$('#add-stream').onsubmit = async (e) => {
  e.preventDefault();
  const error = $('#add-error');
  error.hidden = true;
  const rate = Number($('#add-rate').value || 1);
  try {
    const spec = await api('POST', '/api/streams', {
      id: $('#add-id').value.trim(), source: $('#add-source').value.trim(), rate, loop: $('#add-loop').checked,
    });
    $('#add-id').value = $('#add-source').value = '';
    await refreshStreams();
    selectStream(spec.stream);
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
};

async function removeStream(id) {
  try {
    await api('DELETE', '/api/streams/' + encodeURIComponent(id));
    forget(id);
  } catch (err) {
    const box = $('#add-error');
    box.textContent = err.message;
    box.hidden = false;
  }
}

// ---------- questions ----------

$('#ask-form').onsubmit = (e) => {
  e.preventDefault();
  const stream = $('#ask-stream').value;
  const text = $('#ask-text').value.trim();
  $('#ask-error').hidden = true;
  if (!stream || !text) return;
  suggestions.close();
  cards.ask(stream, text, $('#ask-mode').value);
};
$('#ask-stream').onchange = () => selectStream($('#ask-stream').value);

/** ?ask=...&stream=...&mode=standing asks once on load: shareable links and screenshots. */
function maybeAutoAsk() {
  const text = params.get('ask');
  if (!text || autoAsked || !tiles.size) return;
  autoAsked = true;
  const stream = params.get('stream') && tiles.has(params.get('stream')) ? params.get('stream') : [...tiles.keys()][0];
  selectStream(stream);
  $('#ask-text').value = text;
  $('#ask-mode').value = params.get('mode') === 'standing' ? 'standing' : 'once';
  cards.ask(stream, text, $('#ask-mode').value);
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { for (const tile of tiles.values()) tile.draw(); }, 100);
});

// A debugging handle (and what browser tests use to drop the socket): avqa.connection.socket.close().
window.avqa = { get connection() { return connection; }, tiles, cards };

// The token stays in this tab's sessionStorage, not in the address bar, screenshots or shared links.
const token = params.get('token') || sessionStorage.getItem('avqa.token');
if (params.has('token')) {
  const rest = new URLSearchParams(params);
  rest.delete('token');
  const query = rest.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
}
suggestions.load();
if (token) start(token); else showLogin();
