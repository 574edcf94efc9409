// avqa-live dashboard: plain JS, no build step. Talks protocol v1 over /ws (see gateway/PROTOCOL.md).
'use strict';

const params = new URLSearchParams(location.search);
const WINDOW_SECONDS = 60;
const PRESENT = 0.5;          // a category counts as present above this probability
const COLORS = ['#4cc2ff', '#3ddc84', '#ffb74d', '#c792ea', '#ff5f6d', '#89ddff', '#f78c6c', '#c3e88d'];

const app = {
  token: params.get('token') || sessionStorage.getItem('avqa.token'),
  ws: null,
  backoff: 500,
  nextId: 1,
  streams: new Map(),      // stream id -> {status, insights[], tile, answer}
  subscribed: new Set(),   // streams subscribed on the current socket
  cards: new Map(),        // ask id -> {el, questionId, stream, mode}
  templates: null,
  autoAsked: false,
};

const $ = (sel, root = document) => root.querySelector(sel);

// ---------- connection ----------

function connect() {
  if (!app.token) { showLogin(); return; }
  sessionStorage.setItem('avqa.token', app.token);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(app.token)}`);
  app.ws = ws;
  app.subscribed.clear();
  ws.onopen = () => { setConn(true, 'connected'); app.backoff = 500; };
  ws.onmessage = (e) => onMessage(JSON.parse(e.data));
  ws.onclose = (e) => {
    if (app.ws !== ws) return;
    const wait = app.backoff;
    app.backoff = Math.min(app.backoff * 2, 10000);
    setConn(false, `reconnecting in ${Math.round(wait / 100) / 10} s` + (e.code ? ` (closed ${e.code})` : ''));
    setTimeout(connect, wait);
  };
}

function send(message) {
  if (app.ws && app.ws.readyState === WebSocket.OPEN) {
    app.ws.send(JSON.stringify(Object.assign({ v: 1 }, message)));
    return true;
  }
  return false;
}

function setConn(up, text) {
  const el = $('#conn');
  el.className = 'conn ' + (up ? 'up' : 'down');
  el.textContent = text;
}

function showLogin() {
  $('#login').hidden = false;
  $('#login-form').onsubmit = (e) => {
    e.preventDefault();
    app.token = $('#login-token').value.trim();
    $('#login').hidden = true;
    connect();
  };
}

// ---------- messages ----------

function onMessage(m) {
  switch (m.type) {
    case 'authenticated':
      $('#who').textContent = `${m.subject} · streams ${m.streams.join(', ')}`;
      refreshStreams();
      break;
    case 'status': onStatus(m); break;
    case 'insight': onInsight(m); break;
    case 'accepted': onAccepted(m); break;
    case 'answer': onAnswer(m); break;
    case 'error': onError(m); break;
    default: break; // pong, subscribed, unsubscribed
  }
}

function onError(m) {
  if (!m.id && (m.code === 'INVALID_TOKEN' || m.code === 'UNAUTHENTICATED')) {
    setConn(false, 'token refused');
    sessionStorage.removeItem('avqa.token');
    app.token = null;
    app.ws.onclose = null;
    app.ws.close();
    showLogin();
    return;
  }
  const card = app.cards.get(m.id);
  if (card) {
    card.el.classList.add('failed');
    $('.value', card.el).textContent = m.code;
    $('.status', card.el).textContent = m.message;
    $('.badge', card.el).textContent = 'ended';
    $('.cancel', card.el).hidden = true;
  } else {
    const box = $('#ask-error');
    box.hidden = false;
    box.textContent = `${m.code}: ${m.message}`;
  }
}

async function refreshStreams() {
  try {
    const r = await fetch('/api/streams', { headers: { Authorization: 'Bearer ' + app.token } });
    if (!r.ok) return;
    const body = await r.json();
    for (const status of body.streams) {
      onStatus(status);
      if (!app.subscribed.has(status.stream) && send({ type: 'subscribe', id: 'sub-' + status.stream, stream: status.stream })) {
        app.subscribed.add(status.stream);
      }
    }
    maybeAutoAsk();
  } catch (e) { /* the socket's reconnect loop reports the outage */ }
}
setInterval(() => { if (app.ws && app.ws.readyState === WebSocket.OPEN) refreshStreams(); }, 10000);

// ---------- stream tiles ----------

function streamOf(id) {
  let s = app.streams.get(id);
  if (!s) {
    const tile = $('#tile-template').content.firstElementChild.cloneNode(true);
    $('.name', tile).textContent = id;
    tile.onclick = () => selectStream(id);
    $('#streams').appendChild(tile);
    $('#no-streams').hidden = true;
    s = { id, status: null, insights: [], tile, answer: null };
    app.streams.set(id, s);
    const option = document.createElement('option');
    option.value = option.textContent = id;
    $('#ask-stream').appendChild(option);
    if (app.streams.size === 1) selectStream(id);
    drawScene(s);
  }
  return s;
}

function onStatus(status) {
  const s = streamOf(status.stream);
  s.status = status;
  const state = $('.state', s.tile);
  state.textContent = status.state;
  state.className = 'state ' + status.state;
  state.title = status.reason || status.source;
  if (!s.insights.length) $('.seq', s.tile).textContent = status.lastSeq >= 0 ? `seq ${status.lastSeq}` : '';
}

function onInsight(m) {
  const s = streamOf(m.stream);
  const last = s.insights[s.insights.length - 1];
  if (last && m.seq <= last.seq) return; // a replayed backlog after a reconnect
  s.insights.push(m);
  while (s.insights.length && s.insights[0].seq <= m.seq - WINDOW_SECONDS) s.insights.shift();
  $('.seq', s.tile).textContent = `seq ${m.seq}`;
  const level = Math.max(0, Math.min(1, (m.audioLevelDb + 60) / 60));
  $('.level', s.tile).style.width = (level * 100).toFixed(1) + '%';
  $('.db', s.tile).textContent = `${m.audioLevelDb.toFixed(1)} dB`;
  drawTimeline(s);
  drawScene(s);
  if ($('#ask-stream').value === s.id) scheduleSuggestions();
}

function selectStream(id) {
  $('#ask-stream').value = id;
  for (const s of app.streams.values()) s.tile.classList.toggle('selected', s.id === id);
  scheduleSuggestions();
}

/** Categories present in the stream's window, by highest presence first. */
function presentCategories(s) {
  const best = new Map();
  for (const ins of s.insights) {
    ins.categories.forEach((c, i) => {
      const p = Math.max(ins.audioPresence[i], ins.visualPresence[i]);
      if (p > PRESENT) best.set(c, Math.max(best.get(c) || 0, p));
    });
  }
  return [...best.entries()].sort((a, b) => b[1] - a[1]).map(e => e[0]);
}

function drawTimeline(s) {
  const canvas = $('.timeline', s.tile);
  const last = s.insights[s.insights.length - 1];
  const cats = presentCategories(s);
  const rowH = 20;
  canvas.style.height = Math.max(40, cats.length * rowH + 16) + 'px'; // one row per category present
  const ctx = fitCanvas(canvas);
  const W = canvas.clientWidth, H = canvas.clientHeight;
  ctx.clearRect(0, 0, W, H);
  if (!last) return;
  const labelW = 86, cellW = (W - labelW) / WINDOW_SECONDS;
  const seq0 = last.seq - WINDOW_SECONDS + 1;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  cats.forEach((cat, r) => {
    const y = r * rowH;
    ctx.fillStyle = '#8a91a3';
    ctx.fillText(cat.replace('_', ' '), 2, y + rowH / 2);
    const color = COLORS[r % COLORS.length];
    for (const ins of s.insights) {
      const i = ins.categories.indexOf(cat);
      const x = labelW + (ins.seq - seq0) * cellW;
      const audio = ins.audioPresence[i], visual = ins.visualPresence[i];
      if (visual > PRESENT) { // visible: a dim base line
        ctx.fillStyle = '#262b36';
        ctx.fillRect(x, y + rowH - 4, Math.ceil(cellW), 3);
      }
      if (audio > 0.05) {     // sounding: brightness follows the probability
        ctx.globalAlpha = Math.min(1, audio);
        ctx.fillStyle = color;
        ctx.fillRect(x, y + 2, Math.ceil(cellW) - 1, rowH - 8);
        ctx.globalAlpha = 1;
      }
    }
  });
  ctx.fillStyle = '#8a91a3';
  ctx.textBaseline = 'bottom';
  ctx.fillText(`-${WINDOW_SECONDS} s`, labelW, H);
  ctx.textAlign = 'right';
  ctx.fillText('now', W - 2, H);
  ctx.textAlign = 'left';
  $('.legend', s.tile).textContent = cats.length
    ? 'bars: sounding (brighter = more likely) · grey line: visible'
    : 'no instrument detected in the last minute';
  drawAttention(s);
}

/** The latest answer's temporal attention, as bars aligned with the timeline's seconds. */
function drawAttention(s) {
  const canvas = $('.attention', s.tile);
  const ctx = fitCanvas(canvas);
  const W = canvas.clientWidth, H = canvas.clientHeight;
  ctx.clearRect(0, 0, W, H);
  const a = s.answer, last = s.insights[s.insights.length - 1];
  if (!a || !a.temporal || !a.temporal.audio.length) return;
  const labelW = 86, cellW = (W - labelW) / WINDOW_SECONDS;
  const lastSeq = last ? last.seq : a.window.toSeq;
  const seq0 = lastSeq - WINDOW_SECONDS + 1;
  const T = a.temporal.audio.length;
  const span = Math.max(1, a.window.toSeq - a.window.fromSeq);
  const peak = Math.max(...a.temporal.audio, ...a.temporal.visual, 1e-6);
  ctx.fillStyle = '#8a91a3';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText('attention', 2, H / 2);
  for (let i = 0; i < T; i++) {
    const seq = T === 1 ? a.window.toSeq : a.window.fromSeq + Math.round(i * span / (T - 1));
    const x = labelW + (seq - seq0) * cellW;
    if (x < labelW) continue;
    const ha = (a.temporal.audio[i] / peak) * (H / 2 - 1);
    const hv = ((a.temporal.visual[i] || 0) / peak) * (H / 2 - 1);
    ctx.fillStyle = '#4cc2ff';
    ctx.fillRect(x, H / 2 - ha, Math.max(2, cellW - 1), ha);
    ctx.fillStyle = '#3ddc84';
    ctx.fillRect(x, H / 2, Math.max(2, cellW - 1), hv);
  }
}

/** No frames reach the gateway yet: the scene shows what is visible, with the answer's heat map over it. */
function drawScene(s) {
  const canvas = $('.scene', s.tile);
  const ctx = fitCanvas(canvas);
  const W = canvas.clientWidth, H = canvas.clientHeight;
  const g = ctx.createLinearGradient(0, 0, 0, H);
  g.addColorStop(0, '#161a24');
  g.addColorStop(1, '#0b0d11');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, W, H);
  const last = s.insights[s.insights.length - 1];
  if (s.answer && s.answer.spatial) drawHeat(ctx, s.answer.spatial, W, H, 0.55);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (last) {
    const visible = last.categories.map((c, i) => ({ c, v: last.visualPresence[i], a: last.audioPresence[i] }))
      .filter(x => x.v > PRESENT);
    visible.forEach((x, k) => {
      const cx = W * (k + 1) / (visible.length + 1), cy = H * 0.55;
      const r = 18 + 10 * x.a;
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, Math.PI * 2);
      ctx.fillStyle = x.a > PRESENT ? 'rgba(76,194,255,.25)' : 'rgba(138,145,163,.12)';
      ctx.fill();
      ctx.strokeStyle = x.a > PRESENT ? '#4cc2ff' : '#3a4150';
      ctx.stroke();
      ctx.fillStyle = '#e6e8ee';
      ctx.fillText(x.c.replace('_', ' '), cx, cy + r + 12);
    });
  }
  ctx.textAlign = 'left';
  ctx.fillStyle = '#5b6273';
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillText('scene from insights (no thumbnail published)', 6, 10);
}

/** A spatial attention grid (height x width weights) as a smooth heat map over the area. */
function drawHeat(ctx, spatial, W, H, alpha) {
  const { height, width, weights } = spatial;
  if (!height || !width || weights.length !== height * width) return;
  const small = document.createElement('canvas');
  small.width = width;
  small.height = height;
  const sctx = small.getContext('2d');
  const img = sctx.createImageData(width, height);
  const peak = Math.max(...weights, 1e-9);
  weights.forEach((w, i) => {
    const t = w / peak;                      // 0..1 -> dark blue .. red .. yellow
    img.data[i * 4] = Math.round(255 * Math.min(1, 2 * t));
    img.data[i * 4 + 1] = Math.round(255 * Math.max(0, 2 * t - 1));
    img.data[i * 4 + 2] = Math.round(120 * (1 - t));
    img.data[i * 4 + 3] = Math.round(255 * alpha * (0.25 + 0.75 * t));
  });
  sctx.putImageData(img, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(small, 0, 0, W, H);
  ctx.restore();
}

function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width, h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

// ---------- questions ----------

$('#ask-form').onsubmit = (e) => {
  e.preventDefault();
  ask($('#ask-stream').value, $('#ask-text').value.trim(), $('#ask-mode').value);
};
$('#ask-stream').onchange = () => selectStream($('#ask-stream').value);

function ask(stream, text, mode) {
  $('#ask-error').hidden = true;
  if (!stream || !text) return;
  const id = 'q' + (app.nextId++);
  if (!send({ type: 'ask', id, stream, question: text, mode })) {
    onError({ code: 'NOT_CONNECTED', message: 'the connection is down; it reconnects by itself' });
    return;
  }
  const el = $('#answer-template').content.firstElementChild.cloneNode(true);
  $('.stream', el).textContent = stream;
  $('.text', el).textContent = text;
  $('.value', el).textContent = '…';
  $('.status', el).textContent = 'asking';
  if (mode === 'standing') el.classList.add('standing');
  $('#answers').prepend(el);
  app.cards.set(id, { el, stream, mode, questionId: null });
}

function onAccepted(m) {
  const card = app.cards.get(m.id);
  if (!card) return;
  card.questionId = m.questionId;
  if (card.mode === 'standing') {
    const button = $('.cancel', card.el);
    button.hidden = false;
    button.onclick = () => send({ type: 'cancel', id: 'c-' + m.id, questionId: m.questionId });
  }
}

function onAnswer(m) {
  const card = app.cards.get(m.id);
  if (!card) return;
  const el = card.el;
  $('.value', el).textContent = m.status === 'OK' ? m.answer : m.status;
  $('.status', el).textContent = m.status === 'OK'
    ? `${Math.round(m.confidence * 100)}% · ${m.questionType || ''} · ${m.timing.answeredMs - m.timing.askedMs} ms`
    : (m.reason || '');
  $('.badge', el).textContent = m.final ? (card.mode === 'standing' ? 'ended' : '') : `live · update ${m.revision}`;
  $('.cancel', el).hidden = m.final || card.mode !== 'standing';
  $('.confidence div', el).style.width = Math.round((m.confidence || 0) * 100) + '%';
  $('.topk', el).textContent = (m.topK || []).map(t => `${t.answer} ${Math.round(t.probability * 100)}%`).join(' · ');
  if (m.suggestions && m.suggestions.length) $('.topk', el).textContent = 'try: ' + m.suggestions.join(' · ');
  drawTemporalCard($('.temporal', el), m);
  const spatial = $('.spatial', el);
  const sctx = fitCanvas(spatial);
  sctx.clearRect(0, 0, spatial.clientWidth, spatial.clientHeight);
  if (m.spatial) drawHeat(sctx, m.spatial, spatial.clientWidth, spatial.clientHeight, 1);
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
  if (m.status === 'OK') {
    const s = streamOf(m.stream);
    s.answer = m;
    drawAttention(s);
    drawScene(s);
  }
}

function drawTemporalCard(canvas, m) {
  const ctx = fitCanvas(canvas);
  const W = canvas.clientWidth, H = canvas.clientHeight;
  ctx.clearRect(0, 0, W, H);
  const audio = (m.temporal && m.temporal.audio) || [], visual = (m.temporal && m.temporal.visual) || [];
  const T = Math.max(audio.length, visual.length);
  if (!T) return;
  const peak = Math.max(...audio, ...visual, 1e-6), bw = W / T;
  for (let i = 0; i < T; i++) {
    const ha = ((audio[i] || 0) / peak) * (H / 2 - 1), hv = ((visual[i] || 0) / peak) * (H / 2 - 1);
    ctx.fillStyle = '#4cc2ff';
    ctx.fillRect(i * bw + 1, H / 2 - ha, bw - 2, ha);
    ctx.fillStyle = '#3ddc84';
    ctx.fillRect(i * bw + 1, H / 2, bw - 2, hv);
  }
}

// ---------- template suggestions ----------

let suggestTimer = null;
function scheduleSuggestions() {
  if (suggestTimer) return;
  suggestTimer = setTimeout(() => { suggestTimer = null; fillSuggestions(); }, 300);
}

async function loadTemplates() {
  try {
    const r = await fetch('/api/questions/templates');
    app.templates = await r.json();
    fillSuggestions();
  } catch (e) { /* suggestions are optional */ }
}

/** Templates with the selected stream's instruments put into the <Object> slots. */
function fillSuggestions() {
  if (!app.templates) return;
  const s = app.streams.get($('#ask-stream').value);
  let instruments = s ? presentCategories(s) : [];
  if (!instruments.length) instruments = app.templates.slots.Object.slice(0, 2);
  const pairs = [[0, 1], [1, 0], [0, 2], [1, 2]].filter(([a, b]) => a < instruments.length && b < instruments.length);
  if (!pairs.length) pairs.push([0, 0]);
  const out = new Set();
  for (const t of app.templates.templates) {
    for (const [a, b] of pairs) {
      let n = 0;
      const text = t.template.replace(/<(\w+)>/g, (_, slot) => {
        if (slot === 'Object') return instruments[(n++ === 0) ? a : b];
        const values = app.templates.slots[slot] || [''];
        return values[(n++) % values.length];
      });
      out.add(text);
      if (!t.slots.includes('Object')) break;
    }
  }
  const list = $('#templates');
  list.replaceChildren(...[...out].slice(0, 120).map(text => {
    const o = document.createElement('option');
    o.value = text;
    return o;
  }));
  if (!$('#ask-text').value && out.size) $('#ask-text').placeholder = [...out][0];
}

/** ?ask=...&stream=...&mode=standing asks once on load: shareable links and screenshots. */
function maybeAutoAsk() {
  const text = params.get('ask');
  if (!text || app.autoAsked || !app.streams.size) return;
  app.autoAsked = true;
  const stream = params.get('stream') || [...app.streams.keys()][0];
  selectStream(stream);
  $('#ask-text').value = text;
  $('#ask-mode').value = params.get('mode') === 'standing' ? 'standing' : 'once';
  ask(stream, text, $('#ask-mode').value);
}

window.addEventListener('resize', () => { for (const s of app.streams.values()) { drawTimeline(s); drawScene(s); } });
loadTemplates();
connect();
