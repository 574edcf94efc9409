package io.avqa.reasoner.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an evaluation as {@code eval-<split>.json} (table, per-question predictions) and
 * {@code eval-<split>.html} (the table and an inline SVG bar chart, model against the question-only
 * baseline).
 */
public final class EvalReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] COLOURS = {"#2b6cb0", "#a0aec0", "#dd6b20", "#38a169"};

    private EvalReport() {
    }

    /**
     * @param rows        named rows (model first, then baselines), as {@link AccuracyTable#row}
     * @param predictions the model's per-question predictions
     */
    public static void write(Path dir, String split, String modelId, Map<String, Map<String, AccuracyTable.Cell>> rows,
            List<QuestionPrediction> predictions) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("model", modelId);
        root.put("split", split);
        ObjectNode table = root.putObject("table");
        rows.forEach((name, row) -> {
            ObjectNode r = table.putObject(name);
            row.forEach((col, cell) -> {
                ObjectNode c = r.putObject(col);
                c.put("accuracy", Double.isNaN(cell.accuracy()) ? null : cell.accuracy());
                c.put("questions", cell.questions());
            });
        });
        ArrayNode preds = root.putArray("predictions");
        for (QuestionPrediction p : predictions) {
            preds.addPOJO(p);
        }
        JSON.writeValue(dir.resolve("eval-" + split + ".json").toFile(), root);
        Files.writeString(dir.resolve("eval-" + split + ".html"), html(split, modelId, rows), StandardCharsets.UTF_8);
    }

    static String html(String split, String modelId, Map<String, Map<String, AccuracyTable.Cell>> rows) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>SaSR-Net evaluation</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>")
                .append("<h1>").append(esc(modelId)).append(" on ").append(esc(split)).append("</h1>")
                .append("<table><tr><th></th>");
        for (AccuracyTable.Column c : AccuracyTable.COLUMNS) {
            h.append("<th>").append(esc(c.key())).append("</th>");
        }
        h.append("</tr>");
        rows.forEach((name, row) -> {
            h.append("<tr><th>").append(esc(name)).append("</th>");
            for (AccuracyTable.Column c : AccuracyTable.COLUMNS) {
                AccuracyTable.Cell cell = row.get(c.key());
                h.append("<td>").append(Double.isNaN(cell.accuracy()) ? "-"
                        : String.format("%.2f", 100 * cell.accuracy())).append("</td>");
            }
            h.append("</tr>");
        });
        h.append("</table>").append(chart(rows)).append("</body></html>\n");
        return h.toString();
    }

    /** Grouped bars: one group per column, one bar per row, 0-100 %. */
    static String chart(Map<String, Map<String, AccuracyTable.Cell>> rows) {
        int groups = AccuracyTable.COLUMNS.size();
        int bars = rows.size();
        int barWidth = 12;
        int groupWidth = bars * barWidth + 14;
        int width = 60 + groups * groupWidth;
        int height = 320;
        int plot = 220;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-size=\"10\">");
        for (int p = 0; p <= 100; p += 25) {
            int y = 20 + plot - plot * p / 100;
            s.append("<line x1=\"50\" x2=\"").append(width).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
                    .append("\" stroke=\"#eee\"/><text x=\"45\" y=\"").append(y + 3)
                    .append("\" text-anchor=\"end\">").append(p).append("%</text>");
        }
        int g = 0;
        for (AccuracyTable.Column c : AccuracyTable.COLUMNS) {
            int x0 = 60 + g * groupWidth;
            int b = 0;
            for (Map<String, AccuracyTable.Cell> row : rows.values()) {
                double a = row.get(c.key()).accuracy();
                int hgt = Double.isNaN(a) ? 0 : (int) Math.round(plot * a);
                s.append("<rect x=\"").append(x0 + b * barWidth).append("\" y=\"").append(20 + plot - hgt)
                        .append("\" width=\"").append(barWidth - 2).append("\" height=\"").append(hgt)
                        .append("\" fill=\"").append(COLOURS[b % COLOURS.length]).append("\"/>");
                b++;
            }
            s.append("<text transform=\"translate(").append(x0 + 4).append(",").append(plot + 30)
                    .append(") rotate(45)\">").append(esc(c.key())).append("</text>");
            g++;
        }
        int b = 0;
        for (String name : rows.keySet()) {
            s.append("<rect x=\"").append(60 + b * 150).append("\" y=\"4\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLOURS[b % COLOURS.length]).append("\"/><text x=\"").append(74 + b * 150)
                    .append("\" y=\"13\">").append(esc(name)).append("</text>");
            b++;
        }
        return s.append("</svg>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Rows of the table as plain maps (for JSON written elsewhere). */
    public static Map<String, Object> tableAsMap(Map<String, Map<String, AccuracyTable.Cell>> rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        rows.forEach((name, row) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            row.forEach((col, cell) -> r.put(col, Double.isNaN(cell.accuracy()) ? null : cell.accuracy()));
            out.put(name, r);
        });
        return out;
    }
}
