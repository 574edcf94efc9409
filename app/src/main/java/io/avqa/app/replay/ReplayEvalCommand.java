package io.avqa.app.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.avqa.app.extract.IngestSegments;
import io.avqa.app.stack.LocalStack;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.features.service.Mode;
import io.avqa.features.weights.Backbone;
import io.avqa.ingest.service.StreamJob;
import io.avqa.ingest.source.FileSource;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.train.AccuracyTable;
import io.avqa.reasoner.train.Evaluator;
import io.avqa.reasoner.train.QuestionPrediction;
import io.avqa.reasoner.train.SplitData;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa eval replay}: replays a split's videos through the whole system (ingest, Kafka, features,
 * reasoner, gateway over WebSocket, as a client would), asks each clip's questions once its window is
 * complete, and reports accuracy per question type, latency per hop, and the agreement of every streaming
 * answer with offline evaluation of the same clips by the same model.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a dataset split through the running pipeline and compare its answers with offline evaluation.",
                "Starts an embedded broker and every service in this process, ingests each clip as a stream, asks the",
                "clip's questions over WebSocket when its window is complete, and writes a JSON + HTML report."})
public final class ReplayEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset (videos/, avqa-*.json, feats/).")
    Path dataset;

    @Option(names = "--split", defaultValue = "test", description = "Split to replay (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--model", description = "Saved model directory (default: ${DEFAULT-VALUE}).")
    Path model = ReasonerConfig.DEFAULT_MODEL_DIR;

    @Option(names = "--rate", defaultValue = "0", description = "Ingest speed: 1 = real time, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--clips", defaultValue = "0", description = "Replay only the first N clips of the split; 0 = all (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--parallel", defaultValue = "4", description = "Clips streamed at the same time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--out", description = "Report directory (default: DATASET/replay-SPLIT).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path reportDir = out != null ? out : dataset.resolve("replay-" + split);
        try (SaSRModel offlineModel = SaSRModel.load(model, null)) {
            SplitData data = SplitData.open(dataset, split);
            IngestSegments.ensureFeatures(dataset, Backbone.SHIPPED, data.clips());
            List<String> clipIds = clips > 0 ? data.clips().subList(0, Math.min(clips, data.clips().size())) : data.clips();
            List<AvqaQuestion> questions = data.questions().stream().filter(q -> clipIds.contains(q.videoId())).toList();
            System.out.printf("offline evaluation of %d questions on %d clips ...%n", questions.size(), clipIds.size());
            Map<Long, QuestionPrediction> offline = new LinkedHashMap<>();
            for (QuestionPrediction p : Evaluator.predict(offlineModel, data, 8)) {
                if (clipIds.contains(p.videoId())) {
                    offline.put(p.questionId(), p);
                }
            }
            int window = offlineModel.window().steps();
            ReplayResult result = replay(clipIds, questions, window);
            Report.write(reportDir, split, offlineModel.card().modelId(), rate, questions, offline, result);
            long agree = result.answers().entrySet().stream()
                    .filter(e -> offline.containsKey(e.getKey()) && offline.get(e.getKey()).predicted().equals(e.getValue().answer()))
                    .count();
            System.out.printf("agreement with offline evaluation: %d / %d (%.1f%%); report in %s%n", agree, questions.size(),
                    100.0 * agree / Math.max(1, questions.size()), reportDir.resolve("replay-" + split + ".html"));
            return agree == questions.size() ? 0 : 1;
        }
    }

    /** One streamed answer. */
    record StreamedAnswer(String status, String answer, float confidence, double roundTripMs, long toSeq) {
    }

    record ReplayResult(Map<Long, StreamedAnswer> answers, List<Latencies> hops) {
    }

    private ReplayResult replay(List<String> clipIds, List<AvqaQuestion> questions, int window) throws Exception {
        Path work = Files.createTempDirectory("avqa-replay-");
        String prefix = "replay.";
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Latencies ingestToFeatures = new Latencies("ingest -> features (Embedding.featuresMs - ingestMs)");
        Latencies featuresToReasoner = new Latencies("features -> reasoner (Insight.insightMs - featuresMs)");
        Latencies roundTrip = new Latencies("question round trip (WebSocket ask -> answer)");
        Map<Long, StreamedAnswer> answers = new ConcurrentHashMap<>();
        // Replay mode loses nothing; every stream eager so insights time the features -> reasoner hop.
        ReasonerConfig reasoner = ReasonerConfig.defaults("unused", work).withModelDir(model).withApplicationId("avqa-replay")
                .withEager(ReasonerConfig.EagerPolicy.everyStream());
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(work, 0, prefix, Mode.REPLAY, Backbone.SHIPPED,
                reasoner, 0, token, Duration.ofSeconds(20)));
                ProgressWatch watch = new ProgressWatch(stack.bootstrapServers(), Topics.withPrefix(prefix), ingestToFeatures,
                        featuresToReasoner);
                WsClient client = WsClient.connect(stack.gateway().port(), token)) {
            for (int from = 0; from < clipIds.size(); from += parallel) {
                List<String> batch = clipIds.subList(from, Math.min(clipIds.size(), from + parallel));
                for (String id : batch) {
                    stack.ingest().start(new StreamJob(id, new FileSource(dataset.resolve("videos/" + id + ".mp4")), rate, false));
                }
                for (String id : batch) {
                    watch.awaitSeq(id, window - 1, Duration.ofMinutes(5));
                    askAll(client, id, questions.stream().filter(q -> q.videoId().equals(id)).toList(), window, answers,
                            roundTrip);
                }
                System.out.printf("replayed %d / %d clips, %d answers%n", Math.min(clipIds.size(), from + parallel),
                        clipIds.size(), answers.size());
            }
        }
        return new ReplayResult(answers, List.of(ingestToFeatures, featuresToReasoner, roundTrip));
    }

    /**
     * Asks a clip's questions; a NO_DATA answer (the reasoner has not seen the last segment yet) is asked
     * again, so every question is answered on the complete window. So is a question the gateway turned away
     * with RATE_LIMITED: asked one after another, questions can go out faster than the gateway's per-token rate
     * (20/s, burst 40), and a client that is told to slow down waits and asks again.
     */
    private static void askAll(WsClient client, String stream, List<AvqaQuestion> questions, int window,
            Map<Long, StreamedAnswer> answers, Latencies roundTrip) throws Exception {
        for (AvqaQuestion q : questions) {
            for (int attempt = 0; attempt < 50; attempt++) {
                long t0 = System.nanoTime();
                JsonNode reply = client.ask(q.videoId() + "-" + q.questionId() + "-" + attempt, stream, q.filledText())
                        .get(30, TimeUnit.SECONDS);
                double ms = (System.nanoTime() - t0) / 1e6;
                String status = reply.path("type").asText().equals("error") ? "ERROR:" + reply.path("code").asText()
                        : reply.path("status").asText();
                long toSeq = reply.path("window").path("toSeq").asLong(-1);
                boolean complete = status.equals("OK") && toSeq >= window - 1;
                boolean askAgain = status.equals("NO_DATA") || status.equals("ERROR:RATE_LIMITED");
                if (complete || (!askAgain && !status.equals("OK")) || attempt == 49) {
                    roundTrip.add(ms);
                    answers.put(q.questionId(), new StreamedAnswer(status, reply.path("answer").asText(null),
                            (float) reply.path("confidence").asDouble(), ms, toSeq));
                    break;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Follows embeddings (per-stream progress, ingest->features latency) and insights (features->reasoner). */
    static final class ProgressWatch implements AutoCloseable {
        private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        ProgressWatch(String bootstrap, Topics topics, Latencies ingestToFeatures, Latencies featuresToReasoner) {
            Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "replay-watch-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            thread = new Thread(() -> {
                try (KafkaConsumer<String, Embedding> embeddings = new KafkaConsumer<>(props, new StringDeserializer(),
                        topics.embeddings().valueSerde().deserializer());
                        KafkaConsumer<String, Insight> insights = new KafkaConsumer<>(props, new StringDeserializer(),
                                topics.insights().valueSerde().deserializer())) {
                    embeddings.subscribe(List.of(topics.embeddings().name()));
                    insights.subscribe(List.of(topics.insights().name()));
                    while (running) {
                        embeddings.poll(Duration.ofMillis(50)).forEach(r -> {
                            Embedding e = r.value();
                            ingestToFeatures.add(e.getFeaturesMs() - e.getIngestMs());
                            lastSeq.merge(e.getStreamId(), e.getSeq(), Math::max);
                        });
                        insights.poll(Duration.ofMillis(10)).forEach(r -> featuresToReasoner.add(
                                r.value().getInsightMs() - r.value().getFeaturesMs()));
                    }
                }
            }, "replay-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void awaitSeq(String stream, long seq, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lastSeq.getOrDefault(stream, -1L) < seq) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stream " + stream + " did not reach segment " + seq + " within " + timeout
                            + " (last " + lastSeq.get(stream) + ")");
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

    /** The JSON and HTML report. */
    static final class Report {
        private Report() {
        }

        static void write(Path dir, String split, String modelId, double rate, List<AvqaQuestion> questions,
                Map<Long, QuestionPrediction> offline, ReplayResult result) throws Exception {
            Files.createDirectories(dir);
            List<QuestionPrediction> streaming = new ArrayList<>();
            List<Map<String, Object>> disagreements = new ArrayList<>();
            for (AvqaQuestion q : questions) {
                StreamedAnswer a = result.answers().get(q.questionId());
                String predicted = a == null || !a.status().equals("OK") ? "<" + (a == null ? "none" : a.status()) + ">" : a.answer();
                streaming.add(new QuestionPrediction(q.videoId(), q.questionId(), q.typeName(), q.content(), q.answer(), predicted,
                        a == null ? 0 : a.confidence()));
                QuestionPrediction o = offline.get(q.questionId());
                if (o == null || !o.predicted().equals(predicted)) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("videoId", q.videoId());
                    d.put("questionId", q.questionId());
                    d.put("question", q.filledText());
                    d.put("offline", o == null ? null : o.predicted());
                    d.put("streaming", predicted);
                    disagreements.add(d);
                }
            }
            Map<String, Map<String, AccuracyTable.Cell>> rows = new LinkedHashMap<>();
            rows.put("streaming (replay)", AccuracyTable.row(streaming));
            rows.put("offline eval", AccuracyTable.row(new ArrayList<>(offline.values())));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", modelId);
            json.put("split", split);
            json.put("rate", rate);
            json.put("questions", questions.size());
            json.put("agreement", questions.isEmpty() ? 1.0 : 1.0 - disagreements.size() / (double) questions.size());
            json.put("disagreements", disagreements);
            Map<String, Object> table = new LinkedHashMap<>();
            rows.forEach((name, row) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                row.forEach((col, cell) -> r.put(col, Double.isNaN(cell.accuracy()) ? null : cell.accuracy()));
                table.put(name, r);
            });
            json.put("accuracy", table);
            Map<String, Object> latency = new LinkedHashMap<>();
            result.hops().forEach(h -> latency.put(h.hop(), h.summary()));
            json.put("latencyMs", latency);
            JSON.writeValue(dir.resolve("replay-" + split + ".json").toFile(), json);
            System.out.println(AccuracyTable.format(rows));
            latency.forEach((hop, s) -> System.out.println(hop + ": " + s));

            StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>avqa replay</title>"
                    + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                    + "td,th{border:1px solid #ccc;padding:4px 8px}</style></head><body>");
            html.append("<h1>Replay of ").append(split).append(" through the streaming pipeline</h1><p>model ")
                    .append(modelId).append(", rate ").append(rate).append(", ").append(questions.size())
                    .append(" questions, agreement with offline evaluation <b>")
                    .append(String.format("%.1f%%", 100 * (double) json.get("agreement"))).append("</b></p>");
            html.append("<h2>Accuracy</h2><pre>").append(AccuracyTable.format(rows)).append("</pre>");
            html.append("<h2>Latency per hop</h2>");
            for (Latencies h : result.hops()) {
                html.append("<h3>").append(h.hop()).append("</h3><p>").append(h.summary()).append("</p>").append(h.svgHistogram());
            }
            html.append("<h2>Disagreements</h2>");
            if (disagreements.isEmpty()) {
                html.append("<p>none</p>");
            } else {
                html.append("<table><tr><th>clip</th><th>question</th><th>offline</th><th>streaming</th></tr>");
                for (Map<String, Object> d : disagreements) {
                    html.append("<tr><td>").append(d.get("videoId")).append("</td><td>").append(d.get("question"))
                            .append("</td><td>").append(d.get("offline")).append("</td><td>").append(d.get("streaming"))
                            .append("</td></tr>");
                }
                html.append("</table>");
            }
            Files.writeString(dir.resolve("replay-" + split + ".html"), html.append("</body></html>").toString(),
                    StandardCharsets.UTF_8);
        }
    }
}
