package io.avqa.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.schemas.topic.Topics;

/** A client built elsewhere (only its properties are ours) still shows its metrics in the service's registry. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ClientMetricsReporterTest {

    @Test
    void producerConfiguredWithTheReporterExposesItsMetrics() throws Exception {
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
        EmbeddedKafkaExtension.createTopics(topics);
        try (ServiceMetrics metrics = ServiceMetrics.create("ingest")) {
            Map<String, Object> props = new HashMap<>();
            props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "reporter-test");
            ClientMetricsReporter.install(props, metrics);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(topics.streams().name(), "k", "v")).get();
                String scrape = metrics.scrape();
                assertTrue(scrape.lines().anyMatch(l -> l.startsWith("kafka_producer_record_send_total{")
                        && l.contains("client_id=\"reporter-test\"") && l.contains("service=\"ingest\"")), scrape);
            }
        }
    }
}
