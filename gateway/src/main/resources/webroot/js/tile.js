// One stream's tile: state, audio level, the scene with the latest answer's spatial heat map over it, the
// instrument-presence timeline of the last minute and the latest answer's temporal attention under it.
import { COLORS, PRESENT, drawHeat, drawTemporalBars, fitCanvas } from './draw.js';
import { drawInsightScene } from './scene.js';

export const WINDOW_SECONDS = 60;
const LABEL_W = 86;   // left column of the timeline and attention strip: category names
const ROW_H = 20;
const LIKELY_ROWS = 3;      // rows shown when no category reaches PRESENT
const LIKELY_FLOOR = 0.02;  // below this a category is not even "most likely"
const TICK_SECONDS = 10;    // grid lines on the timeline, fixed to media seconds so they scroll

const $ = (sel, root) => root.querySelector(sel);
const label = (category) => category.replaceAll('_', ' ');

/**
 * Holds the stream's last 60 insights (one per second, by seq) and its latest OK answer, and draws them.
 * The drawn state is mirrored in data- attributes (data-seq, data-rows, data-cells, data-bars, data-drawn)
 * so people and browser tests can read what the canvases show.
 */
export class StreamTile {
  constructor(id, template) {
    this.id = id;
    this.status = null;
    this.insights = [];
    this.answer = null;
    this.el = template.content.firstElementChild.cloneNode(true);
    this.el.dataset.stream = id;
    $('.name', this.el).textContent = id;
  }

  setStatus(status) {
    this.status = status;
    const state = $('.state', this.el);
    state.textContent = status.state;
    state.className = 'state ' + status.state;
    state.title = status.reason || status.source || '';
    this.el.dataset.state = status.state;
    if (!this.insights.length && status.lastSeq >= 0) $('.seq', this.el).textContent = `seq ${status.lastSeq}`;
  }

  /** Adds one insight; false for one at or before the latest (a backlog replayed after a reconnect). */
  addInsight(m) {
    const last = this.insights[this.insights.length - 1];
    if (last && m.seq <= last.seq) return false;
    this.insights.push(m);
    while (this.insights[0].seq <= m.seq - WINDOW_SECONDS) this.insights.shift();
    $('.seq', this.el).textContent = `seq ${m.seq}`;
    const known = typeof m.audioLevelDb === 'number';
    const level = known ? Math.max(0, Math.min(1, (m.audioLevelDb + 60) / 60)) : 0;
    $('.level', this.el).style.width = (level * 100).toFixed(1) + '%';
    $('.db', this.el).textContent = known ? `${m.audioLevelDb.toFixed(1)} dB` : 'level unknown';
    if (m.thumbnail) this.showThumbnail(m.thumbnail);
    this.drawTimeline();
    this.drawAttention();
    this.drawScene();
    return true;
  }

  /** The latest OK answer about this stream: its attention is drawn on the tile. */
  setAnswer(m) {
    this.answer = m;
    this.drawAttention();
    this.drawHeatMap();
  }

  /**
   * The categories the tile shows, most likely first: those audible or visible (above PRESENT) at some second
   * of the window; when none is, the three most likely ones, flagged weak. A model whose presence head is
   * not confident (the small shipped one peaks near 0.1) still shows what it ranks highest, dimmed, instead
   * of an empty minute.
   */
  rows() {
    const peak = new Map();
    for (const ins of this.insights) {
      ins.categories.forEach((c, i) => {
        peak.set(c, Math.max(peak.get(c) || 0, ins.audioPresence[i], ins.visualPresence[i]));
      });
    }
    const ranked = [...peak.entries()].sort((a, b) => b[1] - a[1]);
    const present = ranked.filter(e => e[1] > PRESENT).map(e => e[0]);
    if (present.length) return { categories: present, weak: false };
    return { categories: ranked.filter(e => e[1] > LIKELY_FLOOR).slice(0, LIKELY_ROWS).map(e => e[0]), weak: true };
  }

  /** The stream's instruments for question suggestions: the timeline's rows. */
  presentCategories() {
    return this.rows().categories;
  }

  draw() {
    this.drawTimeline();
    this.drawAttention();
    this.drawScene();
    this.drawHeatMap();
  }

  /** x of a second's cell: the newest second at the right edge, so the picture moves left as time passes. */
  xOfSeq(seq, W) {
    const last = this.insights[this.insights.length - 1];
    const lastSeq = last ? last.seq : (this.answer ? this.answer.window.toSeq : seq);
    const cellW = (W - LABEL_W) / WINDOW_SECONDS;
    return LABEL_W + (seq - (lastSeq - WINDOW_SECONDS + 1)) * cellW;
  }

  drawTimeline() {
    const canvas = $('.timeline', this.el);
    const { categories: cats, weak } = this.rows();
    canvas.style.height = Math.max(40, cats.length * ROW_H + 16) + 'px'; // one row per category shown
    const { ctx, W, H } = fitCanvas(canvas);
    const last = this.insights[this.insights.length - 1];
    let cells = 0;
    const cellW = (W - LABEL_W) / WINDOW_SECONDS;
    // Brightness follows the probability, full at PRESENT: a confident model's rows glow, a weak one's are dim.
    const alpha = (p) => Math.min(1, p / PRESENT);
    if (last) { // grid lines on whole tens of seconds: they scroll left, so the strip visibly lives
      ctx.fillStyle = '#222733';
      for (let seq = last.seq - (last.seq % TICK_SECONDS); seq > last.seq - WINDOW_SECONDS; seq -= TICK_SECONDS) {
        ctx.fillRect(Math.round(this.xOfSeq(seq, W)), 0, 1, H - 12);
      }
    }
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    cats.forEach((cat, r) => {
      const y = r * ROW_H;
      ctx.fillStyle = '#8a91a3';
      ctx.fillText(label(cat), 2, y + ROW_H / 2, LABEL_W - 6);
      const color = COLORS[r % COLORS.length];
      for (const ins of this.insights) {
        const i = ins.categories.indexOf(cat);
        if (i < 0) continue;
        const x = this.xOfSeq(ins.seq, W);
        const visual = ins.visualPresence[i], audio = ins.audioPresence[i];
        if (visual > LIKELY_FLOOR) { // visible: a line under the row
          ctx.globalAlpha = alpha(visual);
          ctx.fillStyle = '#c9ced9';
          ctx.fillRect(x, y + ROW_H - 4, Math.ceil(cellW), 2);
        }
        if (audio > LIKELY_FLOOR) {  // sounding: a bar
          ctx.globalAlpha = alpha(audio);
          ctx.fillStyle = color;
          ctx.fillRect(x, y + 2, Math.max(1, Math.ceil(cellW) - 1), ROW_H - 8);
          cells++;
        }
        ctx.globalAlpha = 1;
      }
    });
    ctx.fillStyle = '#8a91a3';
    ctx.textBaseline = 'bottom';
    ctx.fillText(`-${WINDOW_SECONDS} s`, LABEL_W, H);
    ctx.textAlign = 'right';
    ctx.fillText('now', W - 2, H);
    ctx.textAlign = 'left';
    Object.assign(canvas.dataset, {
      seq: last ? last.seq : -1, insights: this.insights.length, rows: cats.length, cells, weak,
      categories: cats.join(','),
    });
    const legend = !cats.length ? 'no instrument detected in the last minute'
      : (weak ? `nothing above ${PRESENT * 100}% in the last minute: the most likely, dimmed · ` : '')
        + 'bars: sounding · line: visible · brighter = more likely';
    canvas.setAttribute('aria-label', cats.length
      ? `${weak ? 'most likely' : 'present'} in the last minute: ${cats.map(label).join(', ')}` : legend);
    $('.legend', this.el).textContent = legend;
  }

  /** The latest answer's temporal attention: one bar per window step, under the seconds it covers. */
  drawAttention() {
    const canvas = $('.attention', this.el);
    const { ctx, W, H } = fitCanvas(canvas);
    const a = this.answer;
    let bars = 0;
    if (a && a.temporal && a.window) {
      const T = Math.max(a.temporal.audio.length, a.temporal.visual.length);
      const span = Math.max(0, a.window.toSeq - a.window.fromSeq);
      const cellW = (W - LABEL_W) / WINDOW_SECONDS;
      ctx.fillStyle = '#8a91a3';
      ctx.font = '10px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      ctx.fillText('attention', 2, H / 2);
      bars = drawTemporalBars(ctx, a.temporal, H, (i) => {
        const seq = T === 1 ? a.window.toSeq : a.window.fromSeq + Math.round(i * span / (T - 1));
        const x = this.xOfSeq(seq, W);
        return x < LABEL_W ? null : x; // scrolled out of the last minute
      }, Math.max(2, cellW - 1));
    }
    canvas.dataset.bars = bars;
  }

  /** The scene: the published thumbnail when there is one, else what the insights say is visible. */
  drawScene() {
    const canvas = $('.scene', this.el);
    const { ctx, W, H } = fitCanvas(canvas);
    if (this.thumbnailShown) return; // the <img> under the transparent canvas shows the stream
    drawInsightScene(ctx, W, H, this.insights[this.insights.length - 1], this.rows().categories);
  }

  /** The latest answer's spatial attention over the scene, on its own layer so the scene can change under it. */
  drawHeatMap() {
    const canvas = $('.heat', this.el);
    const { ctx, W, H } = fitCanvas(canvas);
    const spatial = this.answer && this.answer.spatial;
    const drawn = !!spatial && drawHeat(ctx, spatial, W, H, 0.55);
    canvas.dataset.drawn = drawn;
    canvas.dataset.seq = drawn ? spatial.seq : -1;
    canvas.title = drawn ? `spatial attention of the latest answer (segment ${spatial.seq})` : '';
  }

  /** A thumbnail (base64 JPEG) if the gateway forwards one with the insight. */
  showThumbnail(base64) {
    const img = $('.thumb', this.el);
    img.src = 'data:image/jpeg;base64,' + base64;
    img.hidden = false;
    this.thumbnailShown = true;
  }
}
