// The answer list: one card per question asked from this page. A standing question's card updates in place.
import { drawHeat, drawTemporalBars, fitCanvas } from './draw.js';

const MAX_CARDS = 40;
const $ = (sel, root) => root.querySelector(sel);

/**
 * A NO_DATA answer's windowFill (PROTOCOL.md, "A stream's first seconds") as the card shows it: how far the
 * stream's window is ("window filling: 3 of 10 seconds") and the seconds until answers start.
 */
function windowFilling(fill) {
  const text = fill.strideSeconds === 1
    ? `window filling: ${fill.segments} of ${fill.steps} seconds`
    : `window filling: ${fill.segments} of ${fill.steps} segments, one every ${fill.strideSeconds} s`;
  return { text, secondsLeft: (fill.steps - fill.segments) * fill.strideSeconds };
}

/**
 * Asks questions and shows their replies. Every card knows whether it got its terminal reply (PROTOCOL.md,
 * "Exactly one terminal reply"); the ones that did not are asked again on the next socket, because the
 * gateway forgets a closed socket's questions and cancels its standing ones.
 * send(message) returns false when the socket is down; onOk(answer) gets every OK answer.
 */
export class AnswerCards {
  constructor(list, template, send, onOk) {
    this.list = list;
    this.template = template;
    this.send = send;
    this.onOk = onOk;
    this.cards = new Map(); // client id -> card
    this.nextId = 1;
    this.connection = 0;    // which socket (1, 2, ...) the page is on: cards note where their answer came from
  }

  ask(stream, text, mode) {
    const id = 'q' + (this.nextId++);
    const el = this.template.content.firstElementChild.cloneNode(true);
    el.dataset.id = id;
    el.dataset.answers = 0;
    $('.stream', el).textContent = stream;
    $('.text', el).textContent = text;
    $('.value', el).textContent = '…';
    if (mode === 'standing') el.classList.add('standing');
    const card = { id, el, stream, text, mode, questionId: null, done: false };
    this.cards.set(id, card);
    this.list.prepend(el);
    this.prune();
    this.sendAsk(card, 'asking');
    return card;
  }

  /** On a new socket: ask again what is still open. Nothing is lost but the time the socket was down. */
  resume(connection) {
    this.connection = connection;
    for (const card of this.cards.values()) {
      if (!card.done) this.sendAsk(card, 'asking again after reconnecting');
    }
  }

  sendAsk(card, note) {
    const sent = this.send({ type: 'ask', id: card.id, stream: card.stream, question: card.text, mode: card.mode });
    $('.status', card.el).textContent = sent ? note : 'waiting for the connection…';
    $('.cancel', card.el).hidden = true;
  }

  accepted(m) {
    const card = this.cards.get(m.id);
    if (!card) return;
    card.questionId = m.questionId;
    if (card.mode === 'standing') {
      const button = $('.cancel', card.el);
      button.hidden = false;
      button.onclick = (e) => {
        e.stopPropagation();
        this.send({ type: 'cancel', id: 'c-' + m.id, questionId: card.questionId });
      };
    }
  }

  answer(m) {
    const card = this.cards.get(m.id);
    if (!card) return;
    const el = card.el;
    card.done = card.mode === 'once' || m.final;
    const ok = m.status === 'OK';
    const T = m.temporal ? Math.max(m.temporal.audio.length, m.temporal.visual.length) : 0;
    Object.assign(el.dataset, {
      status: m.status, revision: m.revision, final: m.final, confidence: m.confidence || 0, t: T,
      answers: Number(el.dataset.answers) + 1, connection: this.connection,
    });
    const filling = m.status === 'NO_DATA' && m.windowFill ? windowFilling(m.windowFill) : null;
    el.classList.toggle('failed', !ok && m.status !== 'CANCELLED' && !filling);
    el.classList.toggle('filling', !!filling);
    $('.value', el).textContent = ok ? m.answer : (filling ? filling.text : m.status);
    $('.status', el).textContent = ok
      ? `${Math.round(m.confidence * 100)}% · ${m.questionType || ''} · ${m.timing.answeredMs - m.timing.askedMs} ms`
      : filling
        ? `answers start in about ${filling.secondsLeft} s` + (card.mode === 'standing' ? '' : '; ask again then')
        : (m.reason || '');
    $('.badge', el).textContent = !m.final ? `live · update ${m.revision}` : (card.mode === 'standing' ? 'ended' : '');
    $('.cancel', el).hidden = card.done || card.mode !== 'standing';
    const bar = $('.confidence', el);
    bar.firstElementChild.style.width = Math.round((m.confidence || 0) * 100) + '%';
    bar.title = `confidence ${Math.round((m.confidence || 0) * 100)}%`;
    this.showUnderstanding(card, m);
    $('.topk', el).textContent = m.suggestions && m.suggestions.length
      ? 'did you mean:'
      : (m.topK || []).map(t => `${t.answer} ${Math.round(t.probability * 100)}%`).join(' · ');
    this.drawMaps(el, m, T);
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    if (ok) this.onOk(m);
  }

  /**
   * Says how the reasoner read the question (its `understoodAs`, when that differs from what was typed) and
   * offers its suggestions as buttons: each is a full question with the asker's instruments, asked on a click.
   */
  showUnderstanding(card, m) {
    const understood = $('.understood', card.el);
    const same = m.understoodAs && m.understoodAs.trim().toLowerCase() === card.text.trim().toLowerCase();
    understood.hidden = !m.understoodAs || same;
    understood.textContent = m.understoodAs ? 'understood as: ' + m.understoodAs : '';
    const box = $('.suggested', card.el);
    box.replaceChildren();
    box.hidden = !(m.suggestions && m.suggestions.length);
    for (const question of m.suggestions || []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = question;
      button.dataset.testid = 'suggested-question';
      button.onclick = (e) => {
        e.stopPropagation();
        this.ask(card.stream, question, 'once');
      };
      box.append(button);
    }
  }

  /** Returns false when the error belongs to no card (the caller shows it elsewhere). */
  error(m) {
    const card = this.cards.get(m.id);
    if (!card) return false;
    card.done = true;
    card.el.classList.add('failed');
    card.el.dataset.status = m.code;
    $('.value', card.el).textContent = m.code;
    $('.status', card.el).textContent = m.message;
    $('.badge', card.el).textContent = card.mode === 'standing' ? 'ended' : '';
    $('.cancel', card.el).hidden = true;
    return true;
  }

  drawMaps(el, m, T) {
    const maps = $('.maps', el);
    maps.hidden = !T && !m.spatial;
    if (maps.hidden) return;
    const temporal = $('.temporal', el);
    const t = fitCanvas(temporal);
    const bw = t.W / Math.max(1, T);
    temporal.dataset.bars = drawTemporalBars(t.ctx, m.temporal, t.H, (i) => i * bw + 1, Math.max(1, bw - 2));
    const spatial = $('.spatial', el);
    const s = fitCanvas(spatial);
    spatial.dataset.drawn = !!m.spatial && drawHeat(s.ctx, m.spatial, s.W, s.H, 1);
  }

  /** Keeps the page light on a long-running screen: the oldest finished cards go first. */
  prune() {
    for (const card of [...this.cards.values()]) {
      if (this.cards.size <= MAX_CARDS) break;
      if (card.done) {
        card.el.remove();
        this.cards.delete(card.id);
      }
    }
  }
}
