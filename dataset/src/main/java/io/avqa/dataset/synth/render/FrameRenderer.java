package io.avqa.dataset.synth.render;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;

import io.avqa.dataset.synth.scene.Box;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Source;

/**
 * Draws a clip's frames: the backdrop shifted by the camera shake, each visible instrument's pictogram
 * (pre-drawn once per clip, tilted and maybe mirrored) at its box plus vibration, small sound-wave arcs
 * beside an instrument while it sounds (the picture's cue of playing, like a moving bow), then the clip's
 * brightness and per-pixel sensor noise. Not thread-safe: one renderer per clip and thread; the returned
 * image is reused by the next call.
 */
public final class FrameRenderer {
    private final Scene scene;
    private final SceneMotion motion;
    private final BufferedImage backdrop;
    private final List<BufferedImage> sprites = new ArrayList<>();
    private final List<Source> visible;
    private final BufferedImage frame;
    private final byte[] pixels;
    private static final int NOISE_SLACK = 1 << 16;
    private byte[] noise;
    private int[] lut;

    public FrameRenderer(Scene scene, int fps) {
        this.scene = scene;
        this.motion = new SceneMotion(scene, fps);
        this.backdrop = Backdrop.draw(scene);
        this.visible = scene.visible();
        for (Source s : visible) {
            sprites.add(sprite(s));
        }
        this.frame = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_3BYTE_BGR);
        this.pixels = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
    }

    public SceneMotion motion() {
        return motion;
    }

    /** Frame {@code index} (0-based; {@code index / fps} is its second), as a reused BGR image. */
    public BufferedImage frame(int index) {
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int[] cam = motion.camera(index);
        g.drawImage(backdrop, -Backdrop.MARGIN + cam[0], -Backdrop.MARGIN + cam[1], null);
        for (int i = 0; i < visible.size(); i++) {
            Source s = visible.get(i);
            Box b = motion.boxAt(s, index);
            g.drawImage(sprites.get(i), b.x(), b.y(), null);
            if (motion.soundingAt(s, index)) {
                soundArcs(g, s, b, index);
            }
        }
        g.dispose();
        applyBrightnessAndNoise(index);
        return frame;
    }

    private void soundArcs(Graphics2D g, Source s, Box b, int index) {
        g.setColor(Palette.body(s.category(), s.look()).brighter());
        g.setStroke(new BasicStroke(2f));
        double cy = b.y() + b.h() * 0.35;
        int pulse = index % 3;
        for (int k = 0; k < 2; k++) {
            double r = 6 + 5 * k + 2 * pulse;
            boolean right = s.look().mirrored();
            double cx = right ? b.x() + b.w() : b.x();
            g.draw(new Arc2D.Double(cx - r, cy - r, 2 * r, 2 * r, right ? -40 : 140, 80, Arc2D.OPEN));
        }
    }

    private static BufferedImage sprite(Source s) {
        Box b = s.box();
        BufferedImage img = new BufferedImage(Math.max(1, b.w()), Math.max(1, b.h()), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double inset = 0.06;
        g.translate(b.w() / 2.0, b.h() / 2.0);
        g.rotate(Math.toRadians(s.look().tiltDeg()));
        if (s.look().mirrored()) {
            g.scale(-1, 1);
        }
        g.translate(-b.w() * (0.5 - inset), -b.h() * (0.5 - inset));
        new PictogramPainter(g, b.w() * (1 - 2 * inset), b.h() * (1 - 2 * inset),
                Palette.body(s.category(), s.look())).paint(s.category());
        g.dispose();
        return img;
    }

    /**
     * Brightness gain and sensor noise. The noise comes from a per-clip table of triangular-distributed
     * values read at a per-frame random offset: each frame gets a different noise field at the cost of
     * one table lookup per byte.
     */
    private void applyBrightnessAndNoise(int index) {
        if (noise == null) {
            noise = noiseTable();
            lut = new int[256];
            for (int v = 0; v < 256; v++) {
                lut[v] = (int) Math.round(v * scene.look().brightness());
            }
        }
        long x = scene.seed() * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        x ^= x >>> 31;
        int offset = (int) ((x >>> 1) % NOISE_SLACK);
        byte[] nz = noise;
        int[] l = lut;
        for (int i = 0; i < pixels.length; i++) {
            int v = l[pixels[i] & 0xff] + nz[offset + i];
            pixels[i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }

    private byte[] noiseTable() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(scene.seed() ^ 0x0015EL);
        double halfWidth = scene.look().noiseSigma() * Math.sqrt(6); // triangular(-a, a) has sigma a / sqrt(6)
        byte[] t = new byte[pixels.length + NOISE_SLACK];
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) Math.round((rnd.nextDouble() + rnd.nextDouble() - 1) * halfWidth);
        }
        return t;
    }
}
