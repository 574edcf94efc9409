package io.avqa.ops.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.avqa.ops.http.OpsServer;
import io.avqa.ops.http.Readiness;
import io.avqa.ops.metrics.HopLatencyInterceptor;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;
import io.avqa.schemas.Insight;
import io.avqa.schemas.codec.Contracts;

/**
 * What the operations layer costs a service: the hop-latency interceptor per produced record (it decodes the
 * record; an Embedding carries a 512x14x14 fp16 map, about 200 KB) and one {@code /metrics} scrape over HTTP.
 * Writes {@code bench/results/ops.md} and {@code ops.json}.
 *
 * <pre>
 * mvn -q test-compile -pl ops
 * java -cp ops/target/test-classes:ops/target/classes:$(cat cp.txt) io.avqa.ops.bench.OpsOverheadBenchmark
 * </pre>
 */
public final class OpsOverheadBenchmark {
    private OpsOverheadBenchmark() {
    }

    record Stat(String what, int n, double p50, double p99, String unit) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        try (ServiceMetrics metrics = ServiceMetrics.create("bench")) {
            HopLatencyInterceptor interceptor = new HopLatencyInterceptor();
            interceptor.configure(HopLatencyInterceptor.install(new HashMap<>(), metrics.hops()));
            long now = System.currentTimeMillis();
            byte[] embedding = Contracts.EMBEDDING.encode(Embedding.newBuilder().setStreamId("cam1").setSeq(1)
                    .setStartMs(now).setAudio(Collections.nCopies(128, 0.5f)).setVisual(Collections.nCopies(512, 0.5f))
                    .setVisualMap(FeatureMap.newBuilder().setChannels(512).setHeight(14).setWidth(14)
                            .setFp16(ByteBuffer.wrap(new byte[512 * 14 * 14 * 2])).build())
                    .setBackboneId("seeded-v1").setIngestMs(now - 300).setFeaturesMs(now).build());
            byte[] insight = Contracts.INSIGHT.encode(Insight.newBuilder().setStreamId("cam1").setSeq(1).setStartMs(now)
                    .setCategories(Collections.nCopies(22, "violin")).setAudioPresence(Collections.nCopies(22, 0.5f))
                    .setVisualPresence(Collections.nCopies(22, 0.5f)).setAudioLevelDb(-20).setModelId("sasr")
                    .setIngestMs(now - 500).setFeaturesMs(now - 200).setInsightMs(now).build());
            byte[] answer = Contracts.ANSWER.encode(Answer.newBuilder().setQuestionId("q").setStreamId("cam1")
                    .setReplyTo("gw").setStatus(AnswerStatus.OK).setAnswer("violin").setAskedMs(now - 40)
                    .setAnsweredMs(now).setIngestMs(now - 900).setFeaturesMs(now - 600).build());
            List<Stat> stats = new java.util.ArrayList<>();
            stats.add(time("interceptor onSend, Embedding (" + embedding.length / 1024 + " KiB)", 3000, "us", () ->
                    interceptor.onSend(new ProducerRecord<>("avqa.embeddings", "cam1", embedding))));
            stats.add(time("interceptor onSend, Insight (" + insight.length + " B)", 20000, "us", () ->
                    interceptor.onSend(new ProducerRecord<>("avqa.insights", "cam1", insight))));
            stats.add(time("interceptor onSend, Answer (" + answer.length + " B)", 20000, "us", () ->
                    interceptor.onSend(new ProducerRecord<>("avqa.answers", "gw", answer))));
            int bytes;
            try (OpsServer ops = OpsServer.start("127.0.0.1", 0, metrics::scrape, Readiness.State::ok)) {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/metrics")).build();
                bytes = http.send(get, HttpResponse.BodyHandlers.ofString()).body().length();
                stats.add(time("GET /metrics over HTTP (" + bytes / 1024 + " KiB of text)", 500, "ms", () -> {
                    try {
                        return http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            write(out, stats);
        }
    }

    /** Runs {@code op} n times after n/5 warm-up runs; p50 and p99 of single calls. */
    static Stat time(String what, int n, String unit, Supplier<?> op) {
        for (int i = 0; i < n / 5; i++) {
            op.get();
        }
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            op.get();
            t[i] = (System.nanoTime() - start) / (unit.equals("ms") ? 1e6 : 1e3);
        }
        Arrays.sort(t);
        return new Stat(what, n, t[n / 2], t[(int) (n * 0.99)], unit);
    }

    static void write(Path dir, List<Stat> stats) throws Exception {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", Java "
                + System.getProperty("java.version") + ", load average " + loadAverage() + " (shared machine)";
        StringBuilder md = new StringBuilder("# Operations layer overhead\n\nMachine: " + machine + ".\n\n"
                + "Run: `java -cp ... io.avqa.ops.bench.OpsOverheadBenchmark` (ops test sources).\n\n"
                + "| what | n | p50 | p99 |\n|---|---:|---:|---:|\n");
        StringBuilder json = new StringBuilder("{\n  \"machine\": \"" + machine + "\",\n  \"results\": [\n");
        for (int i = 0; i < stats.size(); i++) {
            Stat s = stats.get(i);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f %s | %.1f %s |%n", s.what(), s.n(), s.p50(), s.unit(),
                    s.p99(), s.unit()));
            json.append(String.format(Locale.ROOT, "    {\"what\": \"%s\", \"n\": %d, \"p50\": %.3f, \"p99\": %.3f, \"unit\": \"%s\"}%s%n",
                    s.what(), s.n(), s.p50(), s.p99(), s.unit(), i + 1 < stats.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ops.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ops.json"), json, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
