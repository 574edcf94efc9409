package io.avqa.gateway.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Client properties of the gateway's Kafka clients. Consumers use manual assignment without a group:
 * each gateway instance reads whole topics and keeps no offsets (answers and insights only matter live;
 * stream statuses are re-read from the compacted topic on start).
 */
final class KafkaSettings {
    private KafkaSettings() {
    }

    /** {@link #producer(String, String)} with the deployment's security properties (GatewayConfig.kafkaClient) over it. */
    static Map<String, Object> producer(String bootstrapServers, String clientId, Map<String, Object> kafkaClient) {
        return over(producer(bootstrapServers, clientId), kafkaClient);
    }

    /** {@link #consumer(String, String)} with the deployment's security properties over it. */
    static Map<String, Object> consumer(String bootstrapServers, String clientId, Map<String, Object> kafkaClient) {
        return over(consumer(bootstrapServers, clientId), kafkaClient);
    }

    /** {@link #admin(String, String)} with the deployment's security properties over it. */
    static Map<String, Object> admin(String bootstrapServers, String clientId, Map<String, Object> kafkaClient) {
        return over(admin(bootstrapServers, clientId), kafkaClient);
    }

    private static Map<String, Object> over(Map<String, Object> props, Map<String, Object> kafkaClient) {
        props.putAll(kafkaClient);
        return props;
    }

    static Map<String, Object> producer(String bootstrapServers, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // A question is worth little after the answer timeout: fail fast rather than queue for a minute.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return props;
    }

    static Map<String, Object> consumer(String bootstrapServers, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Answers are latency-critical: the broker answers a fetch as soon as one byte is there.
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return props;
    }

    static Map<String, Object> admin(String bootstrapServers, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        return props;
    }
}
