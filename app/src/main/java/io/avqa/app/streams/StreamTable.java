package io.avqa.app.streams;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code avqa streams list} as a table: one row per stream, columns STREAM, STATE, MANAGED, SOURCE, left-aligned
 * and as wide as their widest cell. The source is what the gateway sent, already redacted.
 */
final class StreamTable {
    private static final String[] HEADER = {"STREAM", "STATE", "MANAGED", "SOURCE"};

    private StreamTable() {
    }

    /** The lines of the table of a {@code GET /api/streams} body, or one line saying there is none. */
    static List<String> of(JsonNode listing) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode s : listing.path("streams")) {
            rows.add(new String[] {s.path("stream").asText(), s.path("state").asText(),
                    s.path("managed").asBoolean(false) ? "yes" : "no", s.path("source").asText()});
        }
        if (rows.size() == 1) {
            return List.of("no streams (add one with `avqa streams add --id ID --source URI`)");
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format("%-" + (widths[c] + 2) + "s", row[c]));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
