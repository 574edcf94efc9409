// The stand-in for a thumbnail while none reaches the dashboard: the instruments the insights rank highest,
// drawn where a viewer would look for them.
import { PRESENT } from './draw.js';

const label = (category) => category.replaceAll('_', ' ');

/**
 * One circle per category of the tile's timeline (as in the latest insight, left to right): more opaque the
 * more visible, larger and blue while sounding above PRESENT. Draws over the whole W x H area.
 */
export function drawInsightScene(ctx, W, H, last, categories) {
  const g = ctx.createLinearGradient(0, 0, 0, H);
  g.addColorStop(0, '#161a24');
  g.addColorStop(1, '#0b0d11');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, W, H);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (last) {
    const shown = categories.map(c => last.categories.indexOf(c)).filter(i => i >= 0)
      .map(i => ({ c: last.categories[i], v: last.visualPresence[i], a: last.audioPresence[i] }));
    shown.forEach((x, k) => {
      const cx = W * (k + 1) / (shown.length + 1);
      const cy = H * 0.5;
      const r = Math.min(H * 0.25, 18 + 10 * x.a);
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, Math.PI * 2);
      ctx.globalAlpha = 0.35 + 0.65 * Math.min(1, x.v / PRESENT);
      ctx.fillStyle = x.a > PRESENT ? 'rgba(76,194,255,.25)' : 'rgba(138,145,163,.12)';
      ctx.fill();
      ctx.strokeStyle = x.a > PRESENT ? '#4cc2ff' : '#3a4150';
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#e6e8ee';
      ctx.fillText(label(x.c), cx, cy + r + 12);
    });
  }
  ctx.textAlign = 'left';
  ctx.fillStyle = '#5b6273';
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillText('scene from insights (no thumbnail published)', 6, 10);
}
