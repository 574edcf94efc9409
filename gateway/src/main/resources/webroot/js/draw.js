// Canvas drawing shared by the stream tiles and the answer cards. All sizes are CSS pixels.

/** A category counts as present (audible or visible) above this probability. */
export const PRESENT = 0.5;
export const COLORS = ['#4cc2ff', '#3ddc84', '#ffb74d', '#c792ea', '#ff5f6d', '#89ddff', '#f78c6c', '#c3e88d'];
export const AUDIO_COLOR = '#4cc2ff';
export const VISUAL_COLOR = '#3ddc84';

/**
 * Gives the canvas a backing store of its CSS size times the device pixel ratio (sharp on phones) and
 * returns a context that draws in CSS pixels, with the size as {ctx, W, H}.
 */
export function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const W = canvas.clientWidth || canvas.width;
  const H = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(W * ratio) || canvas.height !== Math.round(H * ratio)) {
    canvas.width = Math.round(W * ratio);
    canvas.height = Math.round(H * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, W, H);
  return { ctx, W, H };
}

/**
 * A spatial attention grid ({height, width, weights} row-major, as in an answer's "spatial") as a smooth
 * heat map over W x H: dark blue (low) through red to yellow (the peak). Returns false when the grid is
 * malformed, so callers can say nothing was drawn.
 */
export function drawHeat(ctx, spatial, W, H, alpha) {
  const { height, width, weights } = spatial;
  if (!height || !width || !weights || weights.length !== height * width) return false;
  const small = document.createElement('canvas');
  small.width = width;
  small.height = height;
  const img = small.getContext('2d').createImageData(width, height);
  const peak = Math.max(...weights, 1e-9);
  weights.forEach((w, i) => {
    const t = Math.max(0, w / peak);
    img.data[i * 4] = Math.round(255 * Math.min(1, 2 * t));
    img.data[i * 4 + 1] = Math.round(255 * Math.max(0, 2 * t - 1));
    img.data[i * 4 + 2] = Math.round(120 * (1 - t));
    img.data[i * 4 + 3] = Math.round(255 * alpha * (0.25 + 0.75 * t));
  });
  small.getContext('2d').putImageData(img, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(small, 0, 0, W, H);
  ctx.restore();
  return true;
}

/**
 * Temporal attention as bars around a middle line: audio up, visual down, both scaled to the larger peak
 * so the two modalities compare. xOf(i) gives bar i's left edge, barW its width. Returns the bars drawn.
 */
export function drawTemporalBars(ctx, temporal, H, xOf, barW) {
  const audio = (temporal && temporal.audio) || [];
  const visual = (temporal && temporal.visual) || [];
  const T = Math.max(audio.length, visual.length);
  if (!T) return 0;
  const peak = Math.max(...audio, ...visual, 1e-6);
  const half = H / 2 - 1;
  let drawn = 0;
  for (let i = 0; i < T; i++) {
    const x = xOf(i);
    if (x === null) continue;
    const ha = Math.max(1, ((audio[i] || 0) / peak) * half);
    const hv = Math.max(1, ((visual[i] || 0) / peak) * half);
    ctx.fillStyle = AUDIO_COLOR;
    ctx.fillRect(x, H / 2 - ha, barW, ha);
    ctx.fillStyle = VISUAL_COLOR;
    ctx.fillRect(x, H / 2, barW, hv);
    drawn++;
  }
  return drawn;
}
