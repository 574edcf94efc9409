package io.avqa.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.ops.kafka.BrokerProbe;
import io.avqa.ops.kafka.KafkaSecurityOptions;
import io.avqa.ops.metrics.HopLatencyInterceptor;
import io.avqa.ops.metrics.ServiceMetrics;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.FeatureMap;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine;

/** The ops endpoint of a service producing to and consuming from a real broker, with default (PLAINTEXT) security. */
@ExtendWith(EmbeddedKafkaExtension.class)
class OpsServerKafkaTest {
    static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void topics() {
        EmbeddedKafkaExtension.createTopics(TOPICS);
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Client properties as a service builds them: its own settings plus the (default, empty) security mixin. */
    private static Map<String, Object> clientProps() {
        KafkaSecurityOptions security = new KafkaSecurityOptions();
        new CommandLine(security).parseArgs("--kafka-security-protocol", "PLAINTEXT");
        Map<String, Object> p = new HashMap<>(security.clientProperties());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers());
        return p;
    }

    @Test
    void healthIsUpWhileReadyWaitsForTheServiceThenMetricsShowKafkaAndHops() throws Exception {
        AtomicBoolean assigned = new AtomicBoolean(false);
        try (ServiceMetrics metrics = ServiceMetrics.create("features");
                BrokerProbe probe = new BrokerProbe(clientProps(), 0);
                OpsServer ops = OpsServer.start("127.0.0.1", 0, metrics::scrape, Readiness.all(
                        () -> probe.problem() == null ? Readiness.State.ok() : Readiness.State.notReady(probe.problem()),
                        () -> assigned.get() ? Readiness.State.ok()
                                : Readiness.State.notReady("no partitions assigned yet")))) {
            assertEquals(200, get(ops, "/health").statusCode());
            HttpResponse<String> notYet = get(ops, "/ready");
            assertEquals(503, notYet.statusCode());
            assertEquals("{\"ready\":false,\"reason\":\"no partitions assigned yet\"}", notYet.body());

            Map<String, Object> producerProps = HopLatencyInterceptor.install(clientProps(), metrics.hops());
            Map<String, Object> consumerProps = clientProps();
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "ops-test");
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new ByteArraySerializer());
                    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                            new ByteArrayDeserializer())) {
                metrics.bind(producer);
                metrics.bind(consumer);
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(TOPICS.embeddings().name(), "cam1",
                        Contracts.EMBEDDING.encode(embedding("cam1", now - 120, now)))).get();
                consumer.subscribe(List.of(TOPICS.embeddings().name()));
                int read = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read == 0 && System.nanoTime() < deadline) {
                    ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(200));
                    read += polled.count();
                }
                assertEquals(1, read, "the embedding went through the broker");
                assigned.set(true);

                HttpResponse<String> ready = get(ops, "/ready");
                assertEquals(200, ready.statusCode(), ready.body());
                String scrape = get(ops, "/metrics").body();
                assertTrue(scrape.contains("kafka_producer_record_send_total"), "producer metrics bound");
                assertTrue(scrape.contains("kafka_consumer_fetch_manager_records_consumed_total"), "consumer metrics bound");
                assertTrue(has(scrape, "avqa_hop_latency_seconds_count{hop=\"ingest_to_features\",service=\"features\"}", 1),
                        "one ingest-to-features latency measured:\n" + scrape);
                assertTrue(has(scrape, "avqa_hop_latency_seconds_bucket{hop=\"ingest_to_features\",service=\"features\",le=\"0.25\"}", 1),
                        "120 ms falls in the 250 ms bucket");
                assertTrue(has(scrape, "avqa_hop_latency_seconds_bucket{hop=\"ingest_to_features\",service=\"features\",le=\"0.1\"}", 0),
                        "and not in the 100 ms one");
                assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM meters bound");
            }
        }
    }

    @Test
    void readyReportsAnUnreachableBrokerWithAReason() throws Exception {
        Map<String, Object> nowhere = new HashMap<>();
        nowhere.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        try (ServiceMetrics metrics = ServiceMetrics.create("ingest");
                BrokerProbe probe = new BrokerProbe(nowhere, 0);
                OpsServer ops = OpsServer.start("127.0.0.1", 0, metrics::scrape,
                        () -> probe.problem() == null ? Readiness.State.ok()
                                : Readiness.State.notReady(probe.problem()))) {
            HttpResponse<String> ready = get(ops, "/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("Kafka"), ready.body());
        }
    }

    static Embedding embedding(String stream, long ingestMs, long featuresMs) {
        return Embedding.newBuilder().setStreamId(stream).setSeq(0).setStartMs(ingestMs)
                .setAudio(java.util.Collections.nCopies(128, 0f)).setVisual(java.util.Collections.nCopies(512, 0f))
                .setVisualMap(FeatureMap.newBuilder().setChannels(1).setHeight(1).setWidth(1)
                        .setFp16(ByteBuffer.wrap(new byte[2])).build())
                .setBackboneId("test").setIngestMs(ingestMs).setFeaturesMs(featuresMs).build();
    }

    /** Whether the scrape has the sample {@code series} with {@code value} (written as 1 or 1.0). */
    static boolean has(String scrape, String series, double value) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).anyMatch(l ->
                Double.parseDouble(l.substring(series.length() + 1).trim()) == value);
    }
}
