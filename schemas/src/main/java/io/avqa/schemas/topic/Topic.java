package io.avqa.schemas.topic;

import java.util.Map;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with its key and value serdes, partition count and topic-level configuration.
 * Every topic name in the code comes from {@link Topics}; no raw topic strings elsewhere.
 */
public record Topic<K, V>(String name, int partitions, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {
}
