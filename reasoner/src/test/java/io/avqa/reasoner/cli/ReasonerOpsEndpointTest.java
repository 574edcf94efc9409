package io.avqa.reasoner.cli;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.ops.http.OpsServer;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.schemas.Answer;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;

/** The reasoner's /ready and /metrics on a real broker, wired as {@code avqa reasoner} wires them. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ReasonerOpsEndpointTest {
    static final int T = 4;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyWhenStreamsRunsAndMetricsShowStreamsAndHopLatencies(@TempDir Path dir) throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        EmbeddedKafkaExtension.createTopics(topics);
        String bootstrap = EmbeddedKafkaExtension.bootstrapServers();
        Path model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, T, 1);
        ReasonerConfig config = ReasonerConfig.defaults(bootstrap, dir.resolve("state")).withModelDir(model)
                .withTopicPrefix(prefix).withApplicationId("ops-" + UUID.randomUUID())
                .withEager(new EagerPolicy(false, Set.of("ops-1")).unbatched())
                .withKafkaClient(Map.of("security.protocol", "PLAINTEXT"));
        try (ServiceMetrics metrics = ServiceMetrics.create("reasoner");
                ReasonerService service = ReasonerService.create(config, metrics.registry());
                OpsServer ops = OpsServer.start("127.0.0.1", 0, metrics::scrape, ReasonerCommand.readiness(service));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                        new ByteArraySerializer());
                TopicReader<String, Insight> insights = new TopicReader<>(topics.insights());
                TopicReader<String, Answer> answers = new TopicReader<>(topics.answers())) {
            HttpResponse<String> before = get(ops, "/ready");
            assertEquals(503, before.statusCode());
            assertTrue(before.body().contains("Kafka Streams is CREATED"), before.body());

            service.start();
            assertTrue(service.awaitRunning(Duration.ofSeconds(60)), "RUNNING within 60 s: " + service.state());
            assertEquals(200, get(ops, "/ready").statusCode());

            for (long seq = 0; seq <= T; seq++) {
                Embedding e = embedding("ops-1", seq, 3);
                producer.send(new ProducerRecord<>(topics.embeddings().name(), bytes("ops-1"),
                        Contracts.EMBEDDING.encode(e))).get();
            }
            int insightCount = insights.readUntil(all -> all.stream().anyMatch(r -> r.value().getSeq() == T),
                    Duration.ofSeconds(60)).size();
            producer.send(new ProducerRecord<>(topics.questions().name(), bytes("ops-1"), Contracts.QUESTION.encode(
                    question("q-ops", "ops-1", TestModels.WHERE, QuestionMode.ONCE, "gw-ops")))).get();
            assertEquals(1, answers.readUntil(all -> !all.isEmpty(), Duration.ofSeconds(60)).size());

            String scrape = get(ops, "/metrics").body();
            assertTrue(scrape.contains("kafka_stream_"), "Kafka Streams metrics bound");
            assertTrue(has(scrape, "avqa_hop_latency_seconds_count{hop=\"question_to_answer\",service=\"reasoner\"}", 1),
                    "the answer's latency:\n" + scrape);
            assertTrue(insightCount > 0);
            assertTrue(has(scrape, "avqa_hop_latency_seconds_count{hop=\"features_to_insight\",service=\"reasoner\"}",
                    insightCount), "one latency per insight (" + insightCount + "):\n" + scrape);
            assertTrue(has(scrape, "avqa_reasoner_segments_ignored{reason=\"late\",service=\"reasoner\"}", 0),
                    "late segments counted (none here)");
            assertTrue(has(scrape, "avqa_reasoner_inference_seconds_count{part=\"answer\",service=\"reasoner\"}", 1),
                    "the model's time for the one question:\n" + scrape);
            assertTrue(scrape.contains("avqa_reasoner_inference_seconds_count{part=\"encode\",service=\"reasoner\"}"),
                    "the model's time per window");
            for (String phase : new String[] {"waited", "worked"}) {
                assertTrue(has(scrape, "avqa_reasoner_question_seconds_count{phase=\"" + phase
                        + "\",service=\"reasoner\"}", 1), "the one question's " + phase + " time:\n" + scrape);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static double count(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(-1);
    }

    static boolean has(String scrape, String series, double value) {
        return count(scrape, series) == value;
    }
}
