package io.avqa.app.ask;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How {@code avqa ask} prints an {@code answer} message (PROTOCOL.md): the answer and its confidence, how the
 * question was understood, and the temporal attention as a one-line sparkline over the window; a refusal with
 * its reason and the suggested questions. Pure formatting, no I/O.
 */
final class AnswerLines {
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private AnswerLines() {
    }

    static List<String> of(JsonNode answer) {
        List<String> out = new ArrayList<>();
        String status = answer.path("status").asText();
        String stream = answer.path("stream").asText();
        if (status.equals("OK")) {
            String revision = answer.path("final").asBoolean(true) ? "" : "  (update " + answer.path("revision").asInt() + ")";
            out.add(String.format("%s: %s  (confidence %d %%)%s", stream, answer.path("answer").asText(),
                    Math.round(answer.path("confidence").asDouble() * 100), revision));
            out.add("  understood as: " + answer.path("understoodAs").asText("?"));
            out.add("  attention:     " + sparkline(answer.path("temporal")) + "  seconds "
                    + answer.path("window").path("fromSeq").asLong() + ".." + answer.path("window").path("toSeq").asLong()
                    + " of the stream");
            return out;
        }
        out.add(stream + ": " + status + (answer.path("reason").isTextual() ? " - " + answer.path("reason").asText() : ""));
        JsonNode suggestions = answer.path("suggestions");
        if (suggestions.isArray() && !suggestions.isEmpty()) {
            out.add("  try one of:");
            suggestions.forEach(s -> out.add("    " + s.asText()));
        }
        return out;
    }

    /** The audio and visual temporal attention, averaged per segment, scaled to the strip's highest bar. */
    static String sparkline(JsonNode temporal) {
        JsonNode audio = temporal.path("audio");
        JsonNode visual = temporal.path("visual");
        int n = Math.max(audio.size(), visual.size());
        double[] w = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            w[i] = (audio.path(i).asDouble(0) + visual.path(i).asDouble(0)) / 2;
            max = Math.max(max, w[i]);
        }
        StringBuilder line = new StringBuilder();
        for (double v : w) {
            int level = max <= 0 ? 0 : (int) Math.round(v / max * (BARS.length() - 1));
            line.append(BARS.charAt(level));
        }
        return line.toString();
    }
}
