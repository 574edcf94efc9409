package io.avqa.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writes a benchmark's results as {@code bench/results/NAME.json} and a Markdown table {@code NAME.md}. */
public final class ResultWriter {
    private ResultWriter() {
    }

    /**
     * @param rows   table rows, each an ordered map column to value
     * @param target what the design asks for, stated beside the numbers
     */
    public static void write(Path dir, String name, String title, String target, List<Map<String, Object>> rows,
            Map<String, Object> summary) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name);
        json.put("ranAt", Instant.now().toString());
        json.put("machine", Machine.describe());
        json.put("target", target);
        json.put("summary", summary);
        json.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(name + ".json").toFile(), json);

        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        md.append("Machine: ").append(Machine.describe()).append("  \nRan at: ").append(json.get("ranAt")).append("\n\n");
        md.append("Target: ").append(target).append("\n\n");
        summary.forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
        if (!rows.isEmpty()) {
            md.append("\n| ").append(String.join(" | ", rows.get(0).keySet())).append(" |\n|");
            rows.get(0).keySet().forEach(k -> md.append(" --- |"));
            md.append('\n');
            for (Map<String, Object> row : rows) {
                md.append("| ");
                row.values().forEach(v -> md.append(v).append(" | "));
                md.append('\n');
            }
        }
        Files.writeString(dir.resolve(name + ".md"), md.toString());
    }
}
