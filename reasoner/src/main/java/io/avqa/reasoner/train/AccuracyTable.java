package io.avqa.reasoner.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Accuracy per question type in the layout of the paper's Table 1: Audio (Count, Comp, Avg), Visual (Count,
 * Local, Avg), Audio-Visual (Exist, Local, Count, Comp, Temp, Avg), All. Top-1 per question, micro-averaged
 * within each group and overall, as the reference.
 */
public final class AccuracyTable {
    /** A column: its label and which question types it covers. */
    public record Column(String group, String label, Predicate<String> types) {
        public String key() {
            return group + " " + label;
        }
    }

    /** Accuracy in [0, 1] (NaN when no question of that column) and the number of questions. */
    public record Cell(double accuracy, int questions) {
    }

    public static final List<Column> COLUMNS = List.of(
            type("Audio", "Count", "Audio/Counting"),
            type("Audio", "Comp", "Audio/Comparative"),
            new Column("Audio", "Avg", t -> t.startsWith("Audio/")),
            type("Visual", "Count", "Visual/Counting"),
            type("Visual", "Local", "Visual/Location"),
            new Column("Visual", "Avg", t -> t.startsWith("Visual/")),
            type("Audio-Visual", "Exist", "Audio-Visual/Existential"),
            type("Audio-Visual", "Local", "Audio-Visual/Location"),
            type("Audio-Visual", "Count", "Audio-Visual/Counting"),
            type("Audio-Visual", "Comp", "Audio-Visual/Comparative"),
            type("Audio-Visual", "Temp", "Audio-Visual/Temporal"),
            new Column("Audio-Visual", "Avg", t -> t.startsWith("Audio-Visual/")),
            new Column("All", "Avg", t -> true));

    private static Column type(String group, String label, String typeName) {
        return new Column(group, label, typeName::equals);
    }

    private AccuracyTable() {
    }

    /** One row of the table for a list of predictions, keyed by {@link Column#key()}. */
    public static Map<String, Cell> row(List<QuestionPrediction> predictions) {
        Map<String, Cell> row = new LinkedHashMap<>();
        for (Column c : COLUMNS) {
            int n = 0;
            int right = 0;
            for (QuestionPrediction p : predictions) {
                if (c.types().test(p.typeName())) {
                    n++;
                    right += p.correct() ? 1 : 0;
                }
            }
            row.put(c.key(), new Cell(n == 0 ? Double.NaN : right / (double) n, n));
        }
        return row;
    }

    /** The table as fixed-width text, one line per named row, accuracies in percent. */
    public static String format(Map<String, Map<String, Cell>> rows) {
        StringBuilder out = new StringBuilder();
        int nameWidth = Math.max(12, rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 2);
        out.append(String.format("%-" + nameWidth + "s", ""));
        String group = "";
        List<String> groupHeader = new ArrayList<>();
        for (Column c : COLUMNS) {
            groupHeader.add(c.group().equals(group) ? "" : c.group());
            group = c.group();
        }
        for (String g : groupHeader) {
            out.append(String.format("%-8s", g.length() > 7 ? g.substring(0, 7) : g));
        }
        out.append('\n').append(String.format("%-" + nameWidth + "s", "method"));
        for (Column c : COLUMNS) {
            out.append(String.format("%-8s", c.label()));
        }
        out.append('\n');
        for (Map.Entry<String, Map<String, Cell>> r : rows.entrySet()) {
            out.append(String.format("%-" + nameWidth + "s", r.getKey()));
            for (Column c : COLUMNS) {
                double a = r.getValue().get(c.key()).accuracy();
                out.append(String.format("%-8s", Double.isNaN(a) ? "-" : String.format("%.2f", 100 * a)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
