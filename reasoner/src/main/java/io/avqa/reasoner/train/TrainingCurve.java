package io.avqa.reasoner.train;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The loss and accuracy curves of a run as a standalone SVG: loss on the left axis, train and validation
 * accuracy (0-100 %) on the right.
 */
public final class TrainingCurve {
    private static final int W = 640;
    private static final int H = 360;
    private static final int LEFT = 60;
    private static final int TOP = 30;
    private static final int PW = W - 2 * LEFT;
    private static final int PH = H - 2 * TOP;

    private TrainingCurve() {
    }

    public static String svg(String title, List<EpochStats> history) {
        double maxLoss = history.stream().mapToDouble(EpochStats::loss).filter(Double::isFinite).max().orElse(1);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
                .append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\">").append(EvalReport.esc(title))
                .append("</text>");
        for (int i = 0; i <= 4; i++) {
            int y = TOP + PH - PH * i / 4;
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PW).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#eee\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\">").append(String.format("%.2f", maxLoss * i / 4)).append("</text>")
                    .append("<text x=\"").append(LEFT + PW + 6).append("\" y=\"").append(y + 4).append("\">")
                    .append(25 * i).append("%</text>");
        }
        s.append(line(history, EpochStats::loss, maxLoss, "#c53030", "loss", 0));
        s.append(line(history, EpochStats::trainAccuracy, 1, "#2b6cb0", "train accuracy", 1));
        s.append(line(history, EpochStats::valAccuracy, 1, "#38a169", "val accuracy", 2));
        s.append("<text x=\"").append(LEFT + PW / 2).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\">epoch</text>");
        return s.append("</svg>\n").toString();
    }

    private static String line(List<EpochStats> history, ToDoubleFunction<EpochStats> f, double max, String colour,
            String label, int legend) {
        StringBuilder pts = new StringBuilder();
        int n = history.size();
        for (int i = 0; i < n; i++) {
            double v = f.applyAsDouble(history.get(i));
            if (!Double.isFinite(v)) {
                continue;
            }
            double x = LEFT + (n == 1 ? PW / 2.0 : PW * i / (double) (n - 1));
            double y = TOP + PH - PH * Math.min(1, v / max);
            pts.append(String.format("%.1f,%.1f ", x, y));
        }
        int lx = LEFT + 10 + legend * 150;
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" + pts.toString().trim()
                + "\"/><rect x=\"" + lx + "\" y=\"" + (TOP + 4) + "\" width=\"10\" height=\"10\" fill=\"" + colour
                + "\"/><text x=\"" + (lx + 14) + "\" y=\"" + (TOP + 13) + "\">" + label + "</text>";
    }
}
