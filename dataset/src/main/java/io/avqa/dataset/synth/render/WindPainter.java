package io.avqa.dataset.synth.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** Pictograms of wind instruments: tubes, keys and bells. */
final class WindPainter {
    private WindPainter() {
    }

    static void paint(Graphics2D g, String category, double w, double h, Color body, Color accent) {
        switch (category) {
            case "clarinet" -> tube(g, w, h, body, accent, 0.3, 0.4, 0.7, 8);
            case "flute" -> tube(g, w, h, body, accent, 0.25, 0.3, 0.3, 10);
            case "bassoon" -> {
                tube(g, w, h, body, accent, 0.5, 0.6, 0.6, 5);
                g.setColor(accent);
                g.fill(new Rectangle2D.Double(0.1 * w, 0.05 * h, 0.3 * w, 0.03 * h)); // bocal
            }
            case "suona" -> {
                tube(g, w, h, body, accent, 0.25, 0.3, 0.7, 6);
                g.setColor(accent);
                g.fill(new Polygon(new int[] {(int) (0.35 * w), (int) (0.65 * w), (int) w, 0},
                        new int[] {(int) (0.6 * h), (int) (0.6 * h), (int) h, (int) h}, 4)); // brass bell
            }
            case "saxophone" -> saxophone(g, w, h, body, accent);
            case "trumpet" -> trumpet(g, w, h, body, accent);
            case "tuba" -> tuba(g, w, h, body, accent);
            default -> throw new IllegalArgumentException("no pictogram for category " + category);
        }
    }

    /** A vertical tube of relative width {@code tw}, flaring at the bottom to {@code bell}, with key dots. */
    private static void tube(Graphics2D g, double w, double h, Color body, Color accent, double tw, double bellTop,
            double bell, int keys) {
        double x = (1 - tw) / 2;
        g.setColor(body);
        g.fill(new Rectangle2D.Double(x * w, 0, tw * w, h * 0.9));
        g.fill(new Polygon(new int[] {(int) (x * w), (int) ((x + tw) * w), (int) ((0.5 + bell / 2) * w),
            (int) ((0.5 - bell / 2) * w)}, new int[] {(int) (0.75 * h), (int) (0.75 * h), (int) h, (int) h}, 4));
        g.setColor(accent);
        double d = Math.max(2, tw * w * 0.45);
        for (int i = 0; i < keys; i++) {
            g.fill(new Ellipse2D.Double(w / 2 - d / 2, (0.08 + i * (0.62 / keys)) * h, d, d));
        }
        g.fill(new Rectangle2D.Double((0.5 - tw / 3) * w, 0, tw * w / 1.5, 0.04 * h)); // mouthpiece
    }

    private static void saxophone(Graphics2D g, double w, double h, Color body, Color accent) {
        g.setColor(body);
        g.fill(new Rectangle2D.Double(0.15 * w, 0.05 * h, 0.25 * w, 0.75 * h));
        g.fill(new Ellipse2D.Double(0.1 * w, 0.65 * h, 0.7 * w, 0.33 * h));
        g.fill(new Polygon(new int[] {(int) (0.5 * w), (int) w, (int) (0.95 * w), (int) (0.55 * w)},
                new int[] {(int) (0.75 * h), (int) (0.45 * h), (int) (0.4 * h), (int) (0.6 * h)}, 4));
        g.fill(new Ellipse2D.Double(0.62 * w, 0.3 * h, 0.38 * w, 0.18 * h)); // bell
        g.setColor(accent);
        for (int i = 0; i < 6; i++) {
            g.fill(new Ellipse2D.Double(0.22 * w, (0.15 + i * 0.09) * h, 0.1 * w, 0.05 * h));
        }
        g.fill(new Rectangle2D.Double(0.1 * w, 0.0, 0.25 * w, 0.05 * h));
    }

    private static void trumpet(Graphics2D g, double w, double h, Color body, Color accent) {
        g.setColor(body);
        g.fill(new Rectangle2D.Double(0.0, 0.4 * h, 0.75 * w, 0.14 * h));
        g.fill(new Rectangle2D.Double(0.15 * w, 0.6 * h, 0.55 * w, 0.14 * h));
        g.fill(new Polygon(new int[] {(int) (0.65 * w), (int) w, (int) w, (int) (0.65 * w)},
                new int[] {(int) (0.4 * h), (int) (0.1 * h), (int) (0.9 * h), (int) (0.56 * h)}, 4));
        g.setColor(accent);
        for (int i = 0; i < 3; i++) {
            g.fill(new Rectangle2D.Double((0.3 + i * 0.1) * w, 0.2 * h, 0.06 * w, 0.4 * h)); // valves
        }
    }

    private static void tuba(Graphics2D g, double w, double h, Color body, Color accent) {
        g.setColor(body);
        g.fill(new Ellipse2D.Double(0.05 * w, 0.3 * h, 0.8 * w, 0.65 * h));
        g.fill(new Rectangle2D.Double(0.4 * w, 0.1 * h, 0.3 * w, 0.4 * h));
        g.fill(new Ellipse2D.Double(0.25 * w, 0.0, 0.65 * w, 0.2 * h)); // bell on top
        g.setColor(accent);
        g.fill(new Ellipse2D.Double(0.25 * w, 0.45 * h, 0.4 * w, 0.35 * h));
        for (int i = 0; i < 4; i++) {
            g.fill(new Rectangle2D.Double((0.15 + i * 0.08) * w, 0.35 * h, 0.05 * w, 0.2 * h));
        }
    }
}
