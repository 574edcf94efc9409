package io.avqa.dataset.synth.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.Setting;

/**
 * The stage behind the instruments, drawn once per clip in muted colours (saturation at most 0.35, where
 * every instrument colour has at least 0.72): a room (wall, floor boards,
 * a window or curtains, a spotlight) indoors; sky, clouds, hills, trees and ground outdoors. It is drawn
 * with a margin so that camera shake never shows an edge.
 */
final class Backdrop {
    static final int MARGIN = 6;

    private Backdrop() {
    }

    static BufferedImage draw(Scene scene) {
        int w = scene.width() + 2 * MARGIN;
        int h = scene.height() + 2 * MARGIN;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        SplittableRandom rnd = new SplittableRandom(scene.look().backgroundSeed());
        if (scene.setting() == Setting.INDOOR) {
            indoor(g, w, h, rnd);
        } else {
            outdoor(g, w, h, rnd);
        }
        g.dispose();
        return img;
    }

    private static Color muted(SplittableRandom rnd, double hueFrom, double hueTo, double satMax, double briFrom,
            double briTo) {
        return Color.getHSBColor((float) (hueFrom + rnd.nextDouble() * (hueTo - hueFrom)),
                (float) (rnd.nextDouble() * satMax), (float) (briFrom + rnd.nextDouble() * (briTo - briFrom)));
    }

    private static void indoor(Graphics2D g, int w, int h, SplittableRandom rnd) {
        Color wall = muted(rnd, 0, 1, 0.25, 0.45, 0.85);
        g.setPaint(new GradientPaint(0, 0, wall.brighter(), 0, h * 0.7f, wall.darker()));
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        if (rnd.nextBoolean()) { // window
            double x = rnd.nextDouble() * w * 0.7;
            g.setColor(muted(rnd, 0.5, 0.65, 0.3, 0.75, 0.95));
            g.fill(new Rectangle2D.Double(x, h * 0.1, w * 0.22, h * 0.3));
            g.setColor(wall.darker().darker());
            g.fill(new Rectangle2D.Double(x + w * 0.105, h * 0.1, w * 0.01, h * 0.3));
        } else { // curtains
            g.setColor(muted(rnd, 0.95, 1.05, 0.3, 0.3, 0.55));
            for (int i = 0; i < 10; i++) {
                g.fill(new Rectangle2D.Double(i * w / 10.0, 0, w / 20.0, h * 0.7));
            }
        }
        double floorTop = h * (0.62 + 0.08 * rnd.nextDouble());
        Color floor = muted(rnd, 0.05, 0.12, 0.3, 0.3, 0.6);
        g.setColor(floor);
        g.fill(new Rectangle2D.Double(0, floorTop, w, h - floorTop));
        g.setColor(floor.darker());
        for (int i = 0; i < 12; i++) {
            g.drawLine(i * w / 12, (int) floorTop, i * w / 12 - w / 8, h);
        }
        g.setColor(new Color(255, 255, 220, 40)); // spotlight
        g.fill(new Ellipse2D.Double(w * rnd.nextDouble() * 0.6, floorTop, w * 0.4, (h - floorTop) * 0.8));
    }

    private static void outdoor(Graphics2D g, int w, int h, SplittableRandom rnd) {
        Color sky = muted(rnd, 0.52, 0.62, 0.35, 0.75, 1.0);
        g.setPaint(new GradientPaint(0, 0, sky, 0, h * 0.6f, sky.brighter()));
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        g.setColor(new Color(250, 250, 250, 200));
        for (int i = 0; i < 3; i++) {
            double cx = rnd.nextDouble() * w;
            double cy = rnd.nextDouble() * h * 0.3;
            g.fill(new Ellipse2D.Double(cx, cy, w * 0.15, h * 0.06));
            g.fill(new Ellipse2D.Double(cx + w * 0.04, cy - h * 0.03, w * 0.1, h * 0.07));
        }
        double horizon = h * (0.5 + 0.1 * rnd.nextDouble());
        g.setColor(muted(rnd, 0.25, 0.4, 0.3, 0.35, 0.55)); // hills
        Polygon hills = new Polygon();
        hills.addPoint(0, (int) horizon);
        for (int i = 0; i <= 6; i++) {
            hills.addPoint(i * w / 6, (int) (horizon - h * 0.12 * rnd.nextDouble()));
        }
        hills.addPoint(w, (int) horizon);
        g.fill(hills);
        Color ground = muted(rnd, 0.18, 0.33, 0.3, 0.4, 0.7);
        g.setPaint(new GradientPaint(0, (float) horizon, ground, 0, h, ground.darker()));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));
        for (int i = 0; i < 1 + rnd.nextInt(3); i++) { // trees
            double x = rnd.nextDouble() * w;
            g.setColor(new Color(90, 70, 50));
            g.fill(new Rectangle2D.Double(x, horizon - h * 0.12, w * 0.012, h * 0.14));
            g.setColor(muted(rnd, 0.28, 0.36, 0.3, 0.25, 0.4));
            g.fill(new Ellipse2D.Double(x - w * 0.03, horizon - h * 0.25, w * 0.07, h * 0.16));
        }
    }
}
