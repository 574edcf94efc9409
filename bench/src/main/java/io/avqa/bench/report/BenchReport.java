package io.avqa.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Regenerates {@code bench/README.md}: one table with the latest figures of every benchmark found in
 * {@code bench/results/*.json}, beside its target, and the machine each ran on.
 * Run: {@code bench/run.sh report}.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Path readme = Path.of(args.length > 1 ? args[1] : "bench/README.md");
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = new ObjectMapper().readTree(file.toFile());
                String name = file.getFileName().toString().replace(".json", "");
                rows.add("| [" + name + "](results/" + name + ".md) | " + figures(json) + " | "
                        + text(json.path("target")) + " | " + machine(json.path("machine")) + " | "
                        + text(json.path("ranAt")) + " |");
            }
        }
        String body = """
                # Benchmarks

                Every figure below is read from `bench/results/*.json`, written by the benchmark itself with the
                machine it ran on. Regenerate this page with `bench/run.sh report`; rerun one benchmark with
                `bench/run.sh NAME` (see `bench/run.sh` for the names).

                | benchmark | figures | target | machine | ran at |
                | --- | --- | --- | --- | --- |
                """ + String.join("\n", rows) + "\n";
        Files.writeString(readme, body);
        System.out.println("wrote " + readme + " (" + rows.size() + " benchmarks)");
    }

    /** The "summary" object's scalar fields, or the top-level scalars when there is no summary. */
    private static String figures(JsonNode json) {
        JsonNode summary = json.has("summary") ? json.get("summary") : json;
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !List.of("benchmark", "ranAt", "target").contains(field.getKey())) {
                parts.add(field.getKey() + ": " + field.getValue().asText());
            }
        }
        return String.join("<br>", parts);
    }

    private static String machine(JsonNode machine) {
        if (machine.isMissingNode()) {
            return "";
        }
        if (machine.isValueNode()) {
            return machine.asText();
        }
        return text(machine.path("cpu")) + ", " + text(machine.path("cores")) + " cores";
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText().replace("|", "/");
    }
}
