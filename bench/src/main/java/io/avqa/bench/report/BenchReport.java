package io.avqa.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Regenerates {@code bench/README.md}: the latest figure of every benchmark, read from the result files the
 * benchmarks wrote ({@code bench/results/*.json}, and the shipped model's {@code training.json}), beside the
 * target of DESIGN.md section 7. A figure whose file is missing says so. Run: {@code bench/run.sh report}.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the table: which file, how to read the figure from it, and the target. */
    private record Figure(String what, String file, Function<JsonNode, String> read, String target) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("ingest: CPU per 720p25 H.264 stream at --rate 1", "results/ingest.json",
                    j -> j.at("/summary/coresPerStreamRate1").asText() + " cores", "<= 0.1 core"),
            new Figure("ingest: cut rate at --rate 0, one stream", "results/ingest.json",
                    j -> j.at("/summary/segmentsPerSecondRate0").asText() + " segments/s", ""),
            new Figure("features: useful GFLOP/s / measured matmul GFLOP/s (batch 16, one run)", "results/features.json",
                    j -> batch(j, 16).path("ofMatmul").asText() + " (per CPU-second: "
                            + batch(j, 16).path("ofMatmulPerCpuSecond").asText() + "; batch 32: "
                            + batch(j, 32).path("ofMatmul").asText("-") + ")", ">= 0.8"),
            new Figure("features: useful GFLOP/s / measured matmul GFLOP/s, batch 16, median of alternating pairs, "
                    + "1 worker x 2 threads / --workers 2", "results/features.json",
                    j -> j.at("/alternatingPairsBatch16/medianOfMatmulOneWorker").asText("-") + " / "
                            + j.at("/alternatingPairsBatch16/medianOfMatmulTwoWorkers").asText("-"), ">= 0.8"),
            new Figure("features: the same medians against the networks' fastest oneDNN convolution (stricter)",
                    "results/features.json", j -> ofConvolution(j, "medianUsefulGflopsOneWorker") + " / "
                            + ofConvolution(j, "medianUsefulGflopsTwoWorkers"), ""),
            new Figure("features: live 1-segment/s streams with p99 <= 1.5 s, 1 worker / 2 workers",
                    "results/features.json", j -> j.path("liveStreamsSustainedP99Under1500ms").asText() + " / "
                            + j.path("liveStreamsSustainedTwoWorkers").asText("-"), "as many as the machine sustains"),
            new Figure("reasoner: SaSR-Net eager streams per 2 cores from CPU time (sasr-base, batch 8)", "results/reasoner.json",
                    j -> j.at("/model/sasr-base/eagerStreamsOn2CoresFromCpuTimeBatch8").asText(), ">= 60 (and >= 200 live streams)"),
            new Figure("reasoner: eager streams kept up through Kafka, sasr-base / sasr-small (largest kept-up run)",
                    "results/reasoner.json", j -> mostKeptUp(j, "sasr-base") + " / " + mostKeptUp(j, "sasr-small"),
                    ">= 60 sasr-base"),
            new Figure("reasoner --matmul-precision bf16: sasr-base eager streams kept up through Kafka",
                    "results/reasoner-bf16.json", j -> mostKeptUp(j, "sasr-base"), ">= 60 sasr-base"),
            new Figure("reasoner: question round trip through Kafka, sasr-base eager (largest kept-up run)",
                    "results/reasoner.json", j -> bestRoundTrip(j, "sasr-base"), "p50 <= 15 ms, p99 <= 60 ms"),
            new Figure("reasoner --matmul-precision bf16: question round trip, sasr-base eager (largest kept-up run)",
                    "results/reasoner-bf16.json", j -> bestRoundTrip(j, "sasr-base"), "p50 <= 15 ms, p99 <= 60 ms"),
            new Figure("reasoner: question round trip through Kafka, sasr-small eager (largest kept-up run)",
                    "results/reasoner.json", j -> bestRoundTrip(j, "sasr-small"), "p50 <= 15 ms, p99 <= 60 ms"),
            new Figure("SaSR-Net per window / per question (sasr-small, median ms)", "results/sasr.json",
                    j -> preset(j, "sasr-small").at("/windowMs/median").asText() + " / "
                            + preset(j, "sasr-small").at("/questionMs/median").asText(), ""),
            new Figure("SaSR-Net JMH, ms per window / per question (sasr-base; sasr-small)", "results/sasr-jmh.json",
                    BenchReport::jmh, ""),
            new Figure("gateway: WebSocket clients at 1 question/s", "results/gateway.json",
                    j -> j.path("clients").asText() + " clients, " + j.path("lostReplies").asText() + " lost, "
                            + j.path("errorReplies").asText() + " error replies, reply p50 " + j.at("/replyMs/p50").asText()
                            + " ms, p99 " + j.at("/replyMs/p99").asText() + " ms", ">= 1,000 clients, no lost reply"),
            new Figure("questions as people type them (666 hand-written paraphrases): correct, refused, silently wrong",
                    "results/paraphrase.json", j -> j.at("/summary/paraphrases, all").asText(),
                    ">= 95 % correct, <= 0.5 % silently wrong"),
            new Figure("question near misses understood or refused; real MUSIC-AVQA questions read as labelled",
                    "results/paraphrase.json", j -> j.at("/summary/near misses understood or refused with a reason")
                            .asText() + "; " + j.at("/summary/real MUSIC-AVQA question texts with their labelled template"
                            + " and slots").asText(), "every one; 100 %"),
            new Figure("training the shipped model (models/sasr-synth)", "../models/sasr-synth/training.json",
                    BenchReport::trainingMinutes, "<= 60 min on the default benchmark"));

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        Path bench = Path.of(args.length > 0 ? args[0] : "bench");
        StringBuilder md = new StringBuilder("""
                # Benchmarks

                Every figure below is read from the result files the benchmarks wrote (`bench/results/*.json`, each
                naming the machine and its load average), beside the target of DESIGN.md section 7. Regenerate this
                page with `bench/run.sh report`; details of each run are in `bench/results/NAME.md`.

                | benchmark | latest figure | target | from |
                | --- | --- | --- | --- |
                """);
        for (Figure f : FIGURES) {
            Path file = bench.resolve(f.file()).normalize();
            String value;
            if (!Files.isRegularFile(file)) {
                value = "not measured yet";
            } else {
                try {
                    value = f.read().apply(JSON.readTree(file.toFile()));
                } catch (RuntimeException e) {
                    value = "unreadable: " + e.getMessage();
                }
            }
            md.append("| ").append(f.what()).append(" | ").append(value).append(" | ").append(f.target()).append(" | `")
                    .append(f.file().replace("../", "")).append("` |\n");
        }
        Files.writeString(bench.resolve("README.md"), md.toString());
        System.out.println("wrote " + bench.resolve("README.md") + " (" + FIGURES.size() + " figures)");
    }

    /** A pair median's useful GFLOP/s over the benchmark's fastest convolution, 2 decimals; "-" when absent. */
    private static String ofConvolution(JsonNode j, String median) {
        double conv = j.path("bestConvolutionGflops").asDouble(0);
        double useful = j.at("/alternatingPairsBatch16/" + median).asDouble(0);
        return conv > 0 && useful > 0 ? String.format(java.util.Locale.ROOT, "%.2f", useful / conv) : "-";
    }

    /** The features benchmark's row for batch size {@code b} (missing: an empty node). */
    private static JsonNode batch(JsonNode json, int b) {
        return row(json.path("batches"), b);
    }

    /** The row of batch size {@code b} in a table of batch rows, or a missing node. */
    private static JsonNode row(JsonNode rows, int b) {
        for (JsonNode row : rows) {
            if (row.path("batch").asInt() == b) {
                return row;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode preset(JsonNode json, String name) {
        for (JsonNode p : json.path("presets")) {
            if (p.path("preset").asText().equals(name)) {
                return p;
            }
        }
        return JSON.missingNode();
    }

    /** The round trip of {@code preset}'s eager Kafka run with the most streams that kept up. */
    private static String bestRoundTrip(JsonNode json, String preset) {
        int bestStreams = -1;
        String best = "none kept up";
        for (JsonNode run : json.path("kafka")) {
            if (run.path("preset").asText().equals(preset) && run.path("mode").asText().equals("eager")
                    && run.path("keptUp").asBoolean() && run.path("streams").asInt() > bestStreams) {
                bestStreams = run.path("streams").asInt();
                best = bestStreams + " streams: p50 " + run.path("roundTripMsP50").asText() + " ms, p99 "
                        + run.path("roundTripMsP99").asText() + " ms";
            }
        }
        return best;
    }

    /** The most eager streams of {@code preset} that kept up in the Kafka runs. */
    private static String mostKeptUp(JsonNode json, String preset) {
        int most = 0;
        for (JsonNode run : json.path("kafka")) {
            if (run.path("preset").asText().equals(preset) && run.path("mode").asText().equals("eager")
                    && run.path("keptUp").asBoolean()) {
                most = Math.max(most, run.path("streams").asInt());
            }
        }
        return Integer.toString(most);
    }

    private static String jmh(JsonNode json) {
        List<String> parts = new ArrayList<>();
        for (String preset : List.of("sasr-base", "sasr-small")) {
            String window = "?";
            String question = "?";
            for (JsonNode row : json.path("rows")) {
                if (row.path("preset").asText().equals(preset)) {
                    if (row.path("part").asText().startsWith("window")) {
                        window = row.path("ms/op").asText();
                    } else {
                        question = row.path("ms/op").asText();
                    }
                }
            }
            parts.add(window + " / " + question);
        }
        return String.join("; ", parts);
    }

    private static String trainingMinutes(JsonNode json) {
        double seconds = 0;
        for (JsonNode epoch : json.path("history")) {
            seconds += epoch.path("seconds").asDouble();
        }
        return String.format("%.1f min for %d epochs (best epoch %d)", seconds / 60, json.path("history").size(),
                json.path("bestEpoch").asInt());
    }
}
