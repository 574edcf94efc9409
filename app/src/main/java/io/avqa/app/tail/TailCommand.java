package io.avqa.app.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.avqa.ops.kafka.KafkaReachability;
import io.avqa.schemas.codec.AvroSerde;
import io.avqa.schemas.codec.RecordDecodeException;
import io.avqa.schemas.topic.Topic;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code avqa tail TOPIC}: decoded records as JSON lines, for people debugging a pipeline. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON lines (bytes and long arrays summarised).",
                "TOPIC is a full name (avqa.segments) or a short one (segments)."})
public final class TailCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "Stop after N records; 0 = follow until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long max;

    @Option(names = "--idle-exit-ms", defaultValue = "0", description = "Stop when nothing arrives for this long; 0 = never (default: ${DEFAULT-VALUE}).")
    long idleExitMs;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: $AVQA_BOOTSTRAP_SERVERS or the running demo's broker).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() {
        Topics topics = Topics.withPrefix(topicPrefix);
        Topic<?, ?> topic = topics.byName(topicName);
        if (topic == null) {
            topic = topics.byName(topicPrefix + topicName);
        }
        if (topic == null) {
            throw new IllegalArgumentException("unknown topic '" + topicName + "': one of "
                    + topics.all().stream().map(Topic::name).toList());
        }
        @SuppressWarnings("unchecked")
        AvroSerde<? extends SpecificRecord> serde = (AvroSerde<? extends SpecificRecord>) topic.valueSerde();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaReachability.resolveReachable(bootstrapServers),
                ConsumerConfig.GROUP_ID_CONFIG, "avqa-tail-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long printed = 0;
        long lastRecord = System.currentTimeMillis();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic.name(), Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (max == 0 || printed < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    System.out.println(line(record, serde));
                    lastRecord = System.currentTimeMillis();
                    if (++printed == max) {
                        break;
                    }
                }
                if (idleExitMs > 0 && System.currentTimeMillis() - lastRecord > idleExitMs) {
                    break;
                }
            }
        }
        return 0;
    }

    static String line(ConsumerRecord<byte[], byte[]> record, AvroSerde<? extends SpecificRecord> serde) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        try {
            line.set("value", RecordJson.of(serde.codec().decode(record.value())));
        } catch (RecordDecodeException e) {
            line.put("error", e.getMessage());
        }
        return line.toString();
    }
}
