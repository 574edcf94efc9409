package io.avqa.dataset.synth.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Draws one instrument pictogram into the box (0, 0, w, h) of a Graphics2D: a simplified silhouette per
 * category (string bodies with necks, keyboards, tubes and bells, drums, boards with strings) in the
 * category's colour with contrasting details. Shape families are shared (violin and cello are both
 * figure-of-eight bodies) but size, proportions and colour differ per category.
 */
final class PictogramPainter {
    private final Graphics2D g;
    private final double w;
    private final double h;
    private final Color body;
    private final Color accent;

    PictogramPainter(Graphics2D g, double w, double h, Color body) {
        this.g = g;
        this.w = w;
        this.h = h;
        this.body = body;
        this.accent = Palette.accent(body);
    }

    void paint(String category) {
        g.setStroke(new BasicStroke((float) Math.max(1, w / 40)));
        switch (category) {
            case "cello", "violin" -> bowedBody(category.equals("cello"));
            case "erhu" -> erhu();
            case "pipa" -> pipa();
            case "ukulele", "acoustic_guitar" -> guitar(category.equals("ukulele") ? 0.45 : 0.6);
            case "banjo" -> banjo();
            case "electric_bass" -> electricBass();
            case "piano" -> piano();
            case "accordion" -> accordion();
            case "guzheng" -> guzheng();
            case "xylophone" -> xylophone();
            case "drum" -> drumKit();
            case "congas" -> congas();
            case "bagpipe" -> bagpipe();
            default -> WindPainter.paint(g, category, w, h, body, accent);
        }
    }

    private void fill(java.awt.Shape s, Color c) {
        g.setColor(c);
        g.fill(s);
    }

    private void rect(double x, double y, double rw, double rh, Color c) {
        fill(new java.awt.geom.Rectangle2D.Double(x * w, y * h, rw * w, rh * h), c);
    }

    private void oval(double x, double y, double rw, double rh, Color c) {
        fill(new Ellipse2D.Double(x * w, y * h, rw * w, rh * h), c);
    }

    private void line(double x1, double y1, double x2, double y2, Color c) {
        g.setColor(c);
        g.draw(new java.awt.geom.Line2D.Double(x1 * w, y1 * h, x2 * w, y2 * h));
    }

    private void bowedBody(boolean cello) {
        rect(0.44, 0.0, 0.12, 0.45, accent.darker());          // neck
        oval(0.38, 0.0, 0.24, 0.08, body.darker());             // scroll
        oval(0.12, 0.3, 0.76, 0.32, body);                      // upper bout
        oval(0.05, 0.52, 0.9, 0.42, body);                      // lower bout
        rect(0.22, 0.5, 0.56, 0.1, body);                       // waist
        line(0.36, 0.55, 0.33, 0.78, accent);                   // f-holes
        line(0.64, 0.55, 0.67, 0.78, accent);
        for (int i = 0; i < 4; i++) {
            line(0.46 + i * 0.027, 0.04, 0.46 + i * 0.027, 0.88, accent); // strings
        }
        if (cello) {
            rect(0.48, 0.93, 0.04, 0.07, accent);               // endpin
        }
    }

    private void erhu() {
        rect(0.45, 0.0, 0.1, 0.85, body.darker());
        oval(0.2, 0.7, 0.6, 0.25, body);
        line(0.05, 0.3, 0.95, 0.9, accent);                     // bow
        rect(0.35, 0.0, 0.3, 0.06, accent);
    }

    private void pipa() {
        fill(new Ellipse2D.Double(0.05 * w, 0.35 * h, 0.9 * w, 0.65 * h), body);
        fill(new Polygon(new int[] {(int) (0.3 * w), (int) (0.7 * w), (int) (0.56 * w), (int) (0.44 * w)},
                new int[] {(int) (0.45 * h), (int) (0.45 * h), (int) (0.05 * h), (int) (0.05 * h)}, 4), body);
        for (int i = 0; i < 6; i++) {
            rect(0.42, 0.1 + i * 0.06, 0.16, 0.015, accent);    // frets
        }
        oval(0.35, 0.75, 0.3, 0.06, accent);
    }

    private void guitar(double bodyTop) {
        rect(0.42, 0.0, 0.16, bodyTop + 0.05, accent.darker());
        rect(0.36, 0.0, 0.28, 0.07, body.darker());
        oval(0.12, bodyTop, 0.76, 0.28, body);
        oval(0.02, bodyTop + 0.2, 0.96, 1 - bodyTop - 0.2, body);
        oval(0.35, bodyTop + 0.17, 0.3, 0.14, accent);          // sound hole
        rect(0.3, 0.88, 0.4, 0.04, accent);                     // bridge
    }

    private void banjo() {
        rect(0.43, 0.0, 0.14, 0.5, body.darker());
        oval(0.0, 0.45, 1.0, 0.55, body);
        oval(0.1, 0.5, 0.8, 0.45, new Color(240, 236, 222));   // drum head
        line(0.5, 0.0, 0.5, 0.95, accent);
    }

    private void electricBass() {
        rect(0.44, 0.0, 0.12, 0.62, accent.darker());
        Path2D p = new Path2D.Double();
        p.moveTo(0.15 * w, 0.5 * h);
        p.lineTo(0.6 * w, 0.58 * h);
        p.lineTo(0.95 * w, 0.45 * h);
        p.lineTo(0.85 * w, 0.8 * h);
        p.lineTo(0.6 * w, 1.0 * h);
        p.lineTo(0.05 * w, 0.95 * h);
        p.closePath();
        fill(p, body);
        rect(0.35, 0.7, 0.3, 0.05, accent);                      // pickups
        rect(0.35, 0.82, 0.3, 0.05, accent);
    }

    private void piano() {
        fill(new RoundRectangle2D.Double(0, 0.05 * h, w, 0.7 * h, w * 0.1, h * 0.1), body);
        rect(0.02, 0.55, 0.96, 0.22, Color.WHITE);
        for (int i = 0; i < 14; i++) {
            line(0.02 + i * 0.0686, 0.55, 0.02 + i * 0.0686, 0.77, Color.GRAY);
            if (i % 7 != 2 && i % 7 != 6) {
                rect(0.065 + i * 0.0686, 0.55, 0.035, 0.13, Color.BLACK);
            }
        }
        rect(0.05, 0.75, 0.05, 0.25, body.darker());            // legs
        rect(0.9, 0.75, 0.05, 0.25, body.darker());
    }

    private void accordion() {
        rect(0.0, 0.1, 0.22, 0.8, accent);                      // keyboard side
        for (int i = 0; i < 7; i++) {
            rect(0.03, 0.14 + i * 0.105, 0.16, 0.06, body.darker());
        }
        rect(0.22, 0.05, 0.78, 0.9, body);
        for (int i = 0; i < 8; i++) {
            line(0.28 + i * 0.09, 0.05, 0.28 + i * 0.09, 0.95, accent); // bellows folds
        }
    }

    private void guzheng() {
        fill(new Polygon(new int[] {0, (int) w, (int) (0.92 * w), (int) (0.05 * w)},
                new int[] {(int) (0.3 * h), (int) (0.05 * h), (int) (0.75 * h), (int) (0.95 * h)}, 4), body);
        for (int i = 0; i < 9; i++) {
            double t = 0.1 + i * 0.08;
            line(0.05, 0.35 + t * 0.6, 0.92, 0.1 + t * 0.6, accent);
            oval(0.3 + (i % 3) * 0.2, 0.27 + t * 0.55, 0.03, 0.05, accent);
        }
        rect(0.1, 0.9, 0.06, 0.1, body.darker());
        rect(0.85, 0.72, 0.06, 0.28, body.darker());
    }

    private void xylophone() {
        for (int i = 0; i < 8; i++) {
            double len = 0.8 - i * 0.06;
            rect(0.04 + i * 0.12, 0.5 - len / 2 + 0.1, 0.09, len, i % 2 == 0 ? body : body.darker());
        }
        line(0.0, 0.3, 1.0, 0.42, accent);
        line(0.0, 0.82, 1.0, 0.72, accent);
        rect(0.1, 0.85, 0.04, 0.15, accent);
        rect(0.86, 0.8, 0.04, 0.2, accent);
    }

    private void drumKit() {
        oval(0.0, 0.05, 0.35, 0.1, accent);                      // cymbals
        oval(0.65, 0.0, 0.35, 0.1, accent);
        line(0.17, 0.1, 0.17, 0.9, accent);
        line(0.82, 0.05, 0.82, 0.9, accent);
        oval(0.25, 0.35, 0.5, 0.62, body);                       // bass drum
        oval(0.32, 0.43, 0.36, 0.46, new Color(240, 240, 235));
        rect(0.0, 0.45, 0.28, 0.22, body.darker());              // snare
        rect(0.72, 0.4, 0.28, 0.25, body.darker());              // tom
    }

    private void congas() {
        for (int i = 0; i < 2; i++) {
            double x = 0.02 + i * 0.5;
            fill(new RoundRectangle2D.Double(x * w, 0.1 * h, 0.46 * w, 0.88 * h, 0.3 * w, 0.2 * h), body);
            oval(x, 0.06, 0.46, 0.1, new Color(240, 232, 210));
            for (int k = 0; k < 3; k++) {
                rect(x, 0.3 + k * 0.22, 0.46, 0.03, accent);     // hoops
            }
        }
    }

    private void bagpipe() {
        oval(0.15, 0.35, 0.7, 0.5, body);
        for (int i = 0; i < 3; i++) {
            rect(0.3 + i * 0.2, 0.0 + i * 0.05, 0.06, 0.45, accent);   // drones
        }
        rect(0.47, 0.8, 0.06, 0.2, accent.darker());                  // chanter
        for (int i = 0; i < 4; i++) {
            line(0.2 + i * 0.18, 0.4, 0.2 + i * 0.18, 0.8, body.darker()); // tartan
        }
    }
}
