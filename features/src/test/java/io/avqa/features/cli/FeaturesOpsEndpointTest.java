package io.avqa.features.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.djl.Device;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.service.FeaturesConfig;
import io.avqa.features.service.FeaturesService;
import io.avqa.features.service.Mode;
import io.avqa.features.testing.TestMedia;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.ops.http.OpsServer;
import io.avqa.ops.kafka.BrokerProbe;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Segment;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;

/** The features service's /ready and /metrics on a real broker, wired as {@code avqa features} wires them. */
@ExtendWith(EmbeddedKafkaExtension.class)
class FeaturesOpsEndpointTest {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyOnceAssignedAndMetricsShowKafkaClientsInferenceAndHopLatency() throws Exception {
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
        EmbeddedKafkaExtension.createTopics(topics);
        String bootstrap = EmbeddedKafkaExtension.bootstrapServers();
        FeaturesConfig config = FeaturesConfig.defaults(bootstrap, topics).withBatch(2, 20).withMode(Mode.REPLAY, 0)
                .withGroup("features-ops-" + UUID.randomUUID()).withKafkaClient(Map.of("security.protocol", "PLAINTEXT"));
        try (ServiceMetrics metrics = ServiceMetrics.create("features");
                FeatureExtractor extractor = FeatureExtractor.create(SeededBackbone.V1, Device.cpu());
                FeaturesService service = new FeaturesService(config, extractor, metrics.registry());
                BrokerProbe probe = new BrokerProbe(BrokerProbe.connect(bootstrap, config.kafkaClient()), 0);
                OpsServer ops = OpsServer.start("127.0.0.1", 0, metrics::scrape,
                        FeaturesCommand.readiness(probe, service::assignedPartitions));
                TopicReader<String, Embedding> embeddings = new TopicReader<>(topics.embeddings())) {
            HttpResponse<String> before = get(ops, "/ready");
            assertEquals(503, before.statusCode());
            assertTrue(before.body().contains("no segments partitions assigned"), before.body());

            Thread thread = new Thread(service, "features-ops-test");
            thread.start();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int seq = 0; seq < 2; seq++) {
                    Segment s = TestMedia.segment("cam-ops", seq, true);
                    producer.send(new ProducerRecord<>(topics.segments().name(),
                            s.getStreamId().getBytes(StandardCharsets.UTF_8), Contracts.SEGMENT.encode(s))).get();
                }
            }
            assertEquals(2, embeddings.readUntil(r -> r.size() >= 2, Duration.ofSeconds(90)).size());

            HttpResponse<String> ready = get(ops, "/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            String scrape = get(ops, "/metrics").body();
            assertTrue(scrape.contains("kafka_consumer_fetch_manager_records_consumed_total"), "consumer metrics");
            assertTrue(scrape.contains("kafka_producer_record_send_total"), "producer metrics");
            assertTrue(has(scrape, "avqa_hop_latency_seconds_count{hop=\"ingest_to_features\",service=\"features\"}", 2),
                    "one ingest-to-features latency per embedding:\n" + scrape);
            assertTrue(scrape.contains("avqa_features_inference_seconds_count{service=\"features\"}"), "DJL inference timer");
            assertTrue(has(scrape, "avqa_features_segments_total{outcome=\"skipped\",service=\"features\"}", 0),
                    "skipped segments counted (none in replay mode)");
            assertTrue(has(scrape, "avqa_features_segments_total{outcome=\"embedded\",service=\"features\"}", 2));
            service.close();
            thread.join(10_000);
        }
    }

    /** Whether the scrape has the sample {@code series} with {@code value} (written as 2 or 2.0). */
    static boolean has(String scrape, String series, double value) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).anyMatch(l ->
                Double.parseDouble(l.substring(series.length() + 1).trim()) == value);
    }
}
