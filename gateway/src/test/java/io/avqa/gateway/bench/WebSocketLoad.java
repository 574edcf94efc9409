package io.avqa.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.avqa.broker.EmbeddedKafkaBroker;
import io.avqa.broker.TopicAdmin;
import io.avqa.gateway.support.TestReasoner;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * Load benchmark (a runnable main, not a test): N WebSocket clients each ask one question per second
 * through a gateway running in its own JVM ({@code avqa gateway}), a real embedded Kafka broker, and a
 * responder thread playing the reasoner (answers every question at once, keyed by replyTo). Reports reply
 * latency percentiles (client send to terminal reply), lost replies (questions without a terminal reply),
 * error replies, and the gateway process's heap and CPU scraped from its own {@code /metrics}.
 * Writes {@code bench/results/gateway.md} and {@code gateway.json} under the given repository root.
 *
 * <pre>
 * java -cp ... io.avqa.gateway.bench.WebSocketLoad [clients=1000] [seconds=60] [repoRoot=.] [warmupSeconds=30]
 * </pre>
 */
public final class WebSocketLoad {
    static final int STREAMS = 20;

    private WebSocketLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path repo = Path.of(args.length > 2 ? args[2] : ".");
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
        Path dir = Files.createTempDirectory("avqa-gateway-load-");
        Topics topics = Topics.withPrefix("bench-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, Duration.ofSeconds(60))) {
            try (TopicAdmin admin = new TopicAdmin(broker.bootstrapServers())) {
                admin.createAll(topics);
            }
            TestReasoner responder = new TestReasoner(broker.bootstrapServers(), topics, q ->
                    q.getMode() == QuestionMode.ONCE ? List.of(TestReasoner.Reply.now(TestReasoner.answerTo(q, "yes", 0,
                            true))) : List.of()).start();
            Path tokens = dir.resolve("tokens");
            StringBuilder spec = new StringBuilder();
            for (int i = 0; i < clients; i++) {
                spec.append("bench-").append(i).append("=*\n");
            }
            Files.writeString(tokens, spec);
            int port = freePort();
            Process gateway = startGateway(broker.bootstrapServers(), topics, port, tokens, dir.resolve("gateway.log"));
            try {
                awaitReady(port, Duration.ofSeconds(90));
                Result result = run(port, clients, seconds, warmup, responder);
                result.loadAtStart = loadAtStart;
                write(repo, result, clients, seconds, warmup);
            } finally {
                gateway.destroy();
                gateway.waitFor(20, TimeUnit.SECONDS);
                responder.close();
            }
        }
    }

    /** Measurements of one run. */
    static final class Result {
        int connected;
        long sent;
        long answered;
        long errors;
        long lost;
        int closedEarly;
        Map<String, Integer> errorCodes = new TreeMap<>();
        long[] latencies;
        long[] allLatencies;
        /** Per 10 s window of send time in the measured phase: {count, p50 ms, p99 ms}. */
        List<double[]> windows = new ArrayList<>();
        double maxHeapMb;
        double maxLiveMb;
        double maxCpuCores;
        double meanCpuCores;
        double connectSeconds;
        long reasonerAnswers;
        String loadAtStart;
        JsonObject gatewayCounters = new JsonObject();
    }

    static Result run(int port, int clients, int seconds, int warmup, TestReasoner responder) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10)
                .setConnectTimeout(30_000));
        Result result = new Result();
        List<LoadClient> load = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int from = 0; from < clients; from += 100) {
            List<Future<LoadClient>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(clients, from + 100); i++) {
                String stream = "stream-" + (i % STREAMS);
                WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/ws?token=bench-" + i);
                batch.add(wsClient.connect(options).map(ws -> new LoadClient(vertx, ws, stream, 1000, warmup + seconds + 5)));
            }
            for (Future<LoadClient> f : batch) {
                load.add(f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
            }
        }
        result.connected = load.size();
        result.connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        System.out.printf("%d clients connected in %.1f s; warming up for %d s, then measuring for %d s%n", load.size(),
                result.connectSeconds, warmup, seconds);
        for (int i = 0; i < load.size(); i++) {
            load.get(i).start(1 + (long) i * 1000 / load.size());
        }
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        load.forEach(c -> c.measureFrom(measureFrom));
        List<double[]> samples = new ArrayList<>(); // {heap MB, cpu cores}, measured phase only
        long end = measureFrom + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(5_000); // a benchmark driver, pacing its metric scrapes
            double[] sample = scrape(port);
            if (System.nanoTime() > measureFrom) {
                samples.add(sample);
            }
            long sent = load.stream().mapToLong(LoadClient::sent).sum();
            long answered = load.stream().mapToLong(LoadClient::answered).sum();
            System.out.printf("  sent %d, answered %d, heap %.0f MB, cpu %.2f cores%n", sent, answered, sample[0],
                    sample[1]);
        }
        load.forEach(LoadClient::stop);
        // Drain: every question still open gets its answer or its TIMEOUT (5 s) by then.
        long drainEnd = System.nanoTime() + 8_000_000_000L;
        while (System.nanoTime() < drainEnd && load.stream().mapToLong(c -> c.sent() - c.answered() - c.errorCount()).sum() > 0) {
            Thread.sleep(200);
        }
        for (LoadClient c : load) {
            result.sent += c.sent();
            result.answered += c.answered();
            result.errors += c.errorCount();
            c.errors().forEach((k, v) -> result.errorCodes.merge(k, v, Integer::sum));
            result.closedEarly += c.closedEarly() ? 1 : 0;
        }
        result.lost = result.sent - result.answered - result.errors;
        result.allLatencies = load.stream().map(LoadClient::latencies).flatMapToLong(Arrays::stream).map(Math::abs)
                .sorted().toArray();
        result.latencies = load.stream().map(LoadClient::latencies).flatMapToLong(Arrays::stream).filter(l -> l >= 0)
                .sorted().toArray();
        result.windows = windows(load, measureFrom, seconds);
        result.maxHeapMb = samples.stream().mapToDouble(s -> s[0]).max().orElse(0);
        result.maxLiveMb = samples.stream().mapToDouble(s -> s[2]).max().orElse(0);
        result.maxCpuCores = samples.stream().mapToDouble(s -> s[1]).max().orElse(0);
        result.meanCpuCores = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
        result.reasonerAnswers = responder.sent();
        result.gatewayCounters = counters(port);
        wsClient.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return result;
    }

    /** Reply percentiles of the questions sent in each 10 s of the measured phase, to show transients. */
    static List<double[]> windows(List<LoadClient> load, long measureFrom, int seconds) {
        int count = (seconds + 9) / 10;
        List<List<Long>> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            buckets.add(new ArrayList<>());
        }
        for (LoadClient c : load) {
            long[] latencies = c.latencies();
            long[] sentTimes = c.sentTimes();
            for (int i = 0; i < latencies.length; i++) {
                int bucket = (int) ((sentTimes[i] - measureFrom) / 10_000_000_000L);
                if (latencies[i] >= 0 && bucket >= 0 && bucket < count) {
                    buckets.get(bucket).add(latencies[i]);
                }
            }
        }
        List<double[]> out = new ArrayList<>();
        for (List<Long> bucket : buckets) {
            long[] sorted = bucket.stream().mapToLong(Long::longValue).sorted().toArray();
            out.add(new double[] {sorted.length, percentileMs(sorted, 50), percentileMs(sorted, 99)});
        }
        return out;
    }

    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static Process startGateway(String bootstrap, Topics topics, int port, Path tokens, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String prefix = topics.questions().name().substring(0, topics.questions().name().length() - "questions".length());
        List<String> command = List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                GatewayProcess.class.getName(), "--bootstrap-servers", bootstrap, "--topic-prefix", prefix,
                "--port", String.valueOf(port), "--instance-id", "bench-gateway", "--tokens-file", tokens.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void awaitReady(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("gateway not ready on port " + port + " within " + timeout);
    }

    /** Heap used (MB), process CPU (cores) and live heap after the last GC (MB), from the gateway's /metrics. */
    static double[] scrape(int port) throws Exception {
        String text = metrics(port);
        double heap = 0;
        double cpu = 0;
        double live = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value(line);
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                live = value(line);
            } else if (line.startsWith("process_cpu_usage")) {
                cpu = value(line) * Runtime.getRuntime().availableProcessors();
            }
        }
        return new double[] {heap / (1024 * 1024), cpu, live / (1024 * 1024)};
    }

    static JsonObject counters(int port) throws Exception {
        JsonObject out = new JsonObject();
        for (String line : metrics(port).split("\n")) {
            if (line.startsWith("avqa_gateway_") && !line.startsWith("#")) {
                out.put(line.substring(0, line.lastIndexOf(' ')).replace("instance_id=\"bench-gateway\"", "")
                        .replace("{,", "{").replace(",}", "}").replace("{}", ""), value(line));
            }
        }
        return out;
    }

    static String metrics(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String machine() throws IOException {
        String cpu = "unknown CPU";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(Path.of("/proc/cpuinfo"))))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        }
        long memGb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1L << 30);
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memGb + " GiB RAM, Java "
                + System.getProperty("java.version");
    }

    static void write(Path repo, Result r, int clients, int seconds, int warmup) throws IOException {
        Path out = repo.resolve("bench/results");
        Files.createDirectories(out);
        double p50 = percentileMs(r.latencies, 50);
        double p90 = percentileMs(r.latencies, 90);
        double p99 = percentileMs(r.latencies, 99);
        double p999 = percentileMs(r.latencies, 99.9);
        double max = r.latencies.length == 0 ? Double.NaN : r.latencies[r.latencies.length - 1] / 1e6;
        double allP50 = percentileMs(r.allLatencies, 50);
        double allP99 = percentileMs(r.allLatencies, 99);
        double allMax = r.allLatencies.length == 0 ? Double.NaN : r.allLatencies[r.allLatencies.length - 1] / 1e6;
        String machine = machine();
        JsonObject json = new JsonObject()
                .put("benchmark", "gateway WebSocket load")
                .put("date", Instant.now().toString())
                .put("machine", machine)
                .put("loadAverageAtStart", r.loadAtStart)
                .put("setup", "gateway in its own JVM (-Xmx1g, default limits, one token per client); embedded Kafka"
                        + " broker, responder thread and clients in the driver JVM; all on the same machine")
                .put("clients", clients).put("connected", r.connected).put("warmupSeconds", warmup).put("seconds", seconds)
                .put("questionsPerClientPerSecond", 1)
                .put("sent", r.sent).put("answered", r.answered).put("errorReplies", r.errors)
                .put("errorCodes", new JsonObject(new java.util.HashMap<>(r.errorCodes)))
                .put("lostReplies", r.lost).put("socketsClosedEarly", r.closedEarly)
                .put("responderAnswers", r.reasonerAnswers)
                .put("replyMs", new JsonObject().put("p50", round(p50)).put("p90", round(p90)).put("p99", round(p99))
                        .put("p99_9", round(p999)).put("max", round(max)).put("samples", r.latencies.length))
                .put("replyMsIncludingWarmup", new JsonObject().put("p50", round(allP50)).put("p99", round(allP99))
                        .put("max", round(allMax)).put("samples", r.allLatencies.length))
                .put("gateway", new JsonObject().put("maxHeapMb", round(r.maxHeapMb))
                        .put("maxLiveHeapAfterGcMb", round(r.maxLiveMb)).put("maxCpuCores", round(r.maxCpuCores))
                        .put("meanCpuCores", round(r.meanCpuCores)).put("counters", r.gatewayCounters))
                .put("connectSeconds", round(r.connectSeconds));
        io.vertx.core.json.JsonArray windows = new io.vertx.core.json.JsonArray();
        StringBuilder windowRows = new StringBuilder();
        for (int i = 0; i < r.windows.size(); i++) {
            double[] w = r.windows.get(i);
            windows.add(new JsonObject().put("fromSecond", i * 10).put("replies", (long) w[0]).put("p50", round(w[1]))
                    .put("p99", round(w[2])));
            windowRows.append("| ").append(i * 10).append("–").append(i * 10 + 10).append(" s | ").append((long) w[0])
                    .append(" | ").append(fmt(w[1])).append(" | ").append(fmt(w[2])).append(" |\n");
        }
        json.put("replyMsBy10sWindow", windows);
        Files.writeString(out.resolve("gateway.json"), json.encodePrettily() + "\n");
        String md = "# Gateway load benchmark\n\n"
                + "`io.avqa.gateway.bench.WebSocketLoad` (gateway test sources): " + clients + " WebSocket clients, each"
                + " asking one ONCE question per second through the gateway, a real Kafka broker"
                + " and a responder thread playing the reasoner (it answers at once, keyed by replyTo). Reply time is"
                + " measured by each client from sending `ask` to receiving the terminal `answer`; percentiles cover the"
                + " questions sent in the " + seconds + " s after a " + warmup + " s warm-up at a fifth of the rate (JIT"
                + " compilation of the gateway, broker and clients);"
                + " lost replies and errors cover the whole run.\n\n"
                + "- Date: " + json.getString("date") + "\n"
                + "- Machine: " + machine + "; load average at start: " + r.loadAtStart + "\n"
                + "- Setup: " + json.getString("setup") + "\n\n"
                + "| measure | value |\n| --- | --- |\n"
                + "| clients connected | " + r.connected + " of " + clients + " (in " + fmt(r.connectSeconds) + " s) |\n"
                + "| questions sent | " + r.sent + " |\n"
                + "| answers received | " + r.answered + " |\n"
                + "| error replies | " + r.errors + (r.errorCodes.isEmpty() ? "" : " " + r.errorCodes) + " |\n"
                + "| **lost replies** (no terminal reply) | **" + r.lost + "** |\n"
                + "| sockets closed early | " + r.closedEarly + " |\n"
                + "| reply p50 / p90 / p99 / p99.9 / max (steady state) | " + fmt(p50) + " / " + fmt(p90) + " / "
                + fmt(p99) + " / " + fmt(p999) + " / " + fmt(max) + " ms (" + r.latencies.length + " replies) |\n"
                + "| reply p50 / p99 / max including warm-up | " + fmt(allP50) + " / " + fmt(allP99) + " / "
                + fmt(allMax) + " ms |\n"
                + "| gateway heap used, max of 5 s samples (includes garbage) | " + fmt(r.maxHeapMb) + " MB (-Xmx1g) |\n"
                + (r.maxLiveMb > 0 ? "| gateway live heap after GC, max | " + fmt(r.maxLiveMb) + " MB |\n" : "")
                + "| gateway CPU, mean / max of 5 s samples | " + fmt(r.meanCpuCores) + " / " + fmt(r.maxCpuCores) + " cores |\n\n"
                + "Reply time by when the question was sent (10 s windows of the measured phase):\n\n"
                + "| sent in | replies | p50 ms | p99 ms |\n| --- | --- | --- | --- |\n" + windowRows + "\n"
                + "Run it: `mvn -q -pl gateway test-compile dependency:build-classpath -Dmdep.includeScope=test"
                + " -Dmdep.outputFile=target/cp.txt` then `java -cp gateway/target/classes:gateway/target/test-classes:$(cat"
                + " gateway/target/cp.txt) io.avqa.gateway.bench.WebSocketLoad 1000 60 . 30`"
                + " (clients, measured seconds, repository root, warm-up seconds) from the repository root.\n";
        Files.writeString(out.resolve("gateway.md"), md);
        System.out.println(md);
        System.out.println(json.encodePrettily());
    }

    static double round(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 100) / 100.0;
    }

    static String fmt(double v) {
        return String.format("%.1f", v);
    }
}
