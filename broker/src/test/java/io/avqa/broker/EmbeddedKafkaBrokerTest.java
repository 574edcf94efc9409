package io.avqa.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.schemas.topic.Topics;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaBrokerTest {

    @Test
    void createsAllTopicsWithTheirPartitionCountsAndCountsRecords() throws Exception {
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
        try (TopicAdmin admin = new TopicAdmin(EmbeddedKafkaExtension.bootstrapServers())) {
            int expected = topics.all().size();
            assertEquals(9, expected, "the contract's topics; a new one belongs in this count on purpose");
            assertEquals(expected, admin.createAll(topics).size());
            assertEquals(List.of(), admin.createAll(topics), "second create is a no-op");

            produce(topics.questions().name(), 3);
            var infos = admin.list().stream().filter(t -> t.name().startsWith(topics.segments().name().replace("segments", ""))).toList();
            assertEquals(expected, infos.size());
            var questions = infos.stream().filter(t -> t.name().equals(topics.questions().name())).findFirst().orElseThrow();
            assertEquals(topics.questions().partitions(), questions.partitions());
            assertEquals(topics.embeddings().partitions(), questions.partitions(), "co-partitioned");
            assertEquals(3, questions.records());
        }
    }

    @Test
    void restartedBrokerKeepsTopicsAndRecords(@TempDir java.nio.file.Path dir) throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0, Duration.ofSeconds(60))) {
            assertTrue(broker.isNewCluster(), "an empty directory is formatted: a new cluster");
            try (TopicAdmin admin = new TopicAdmin(broker.bootstrapServers())) {
                admin.createAll(Topics.withPrefix(topic + "."));
            }
            produceTo(broker.bootstrapServers(), topic + ".questions", 2);
        }
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir, 0, Duration.ofSeconds(60))) {
            assertTrue(!again.isNewCluster(), "a formatted directory is reused: the same cluster");
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                int partitions = consumer.partitionsFor(topic + ".questions").size();
                List<TopicPartition> all = new java.util.ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    all.add(new TopicPartition(topic + ".questions", p));
                }
                consumer.assign(all);
                consumer.seekToBeginning(all);
                int seen = 0;
                long deadline = System.currentTimeMillis() + 20_000;
                while (seen < 2 && System.currentTimeMillis() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    seen += records.count();
                }
                assertEquals(2, seen, "records written before the restart are still there");
            }
        }
        assertTrue(java.nio.file.Files.exists(dir.resolve("meta.properties")));
    }

    @Test
    void secondBrokerOnTheSameDirectoryIsRefusedAndTheFirstKeepsWorking(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir, 0, Duration.ofSeconds(60))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafkaBroker.start(dir, 0, Duration.ofSeconds(60)).close());
            assertTrue(refused.getMessage().contains("in use by another broker (process "
                    + ProcessHandle.current().pid() + ")"), refused.getMessage());
            assertTrue(refused.getMessage().contains("--data-dir"), refused.getMessage());
            // the refused start touched nothing: the first broker still creates topics and takes records
            String topic = "after-refusal-" + UUID.randomUUID();
            try (TopicAdmin admin = new TopicAdmin(first.bootstrapServers())) {
                admin.createAll(Topics.withPrefix(topic + "."));
            }
            produceTo(first.bootstrapServers(), topic + ".questions", 3);
        }
        // released on close: the directory starts again
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir, 0, Duration.ofSeconds(60))) {
            assertTrue(again.bootstrapServers().startsWith("127.0.0.1:"));
        }
    }

    @Test
    void theLockHoldsAgainstAnotherProcessAndIsFreeAfterClose(@TempDir Path dir) throws Exception {
        try (DataDirLock held = DataDirLock.acquire(dir)) {
            ProcessResult other = runProbe(dir);
            assertEquals(3, other.exit(), other.output());
            assertTrue(other.output().contains("process " + ProcessHandle.current().pid()), other.output());
        }
        ProcessResult free = runProbe(dir);
        assertEquals(0, free.exit(), free.output());
    }

    private record ProcessResult(int exit, String output) {
    }

    /** Runs {@link DataDirLockProbe} in a new JVM on {@code dir}. */
    private static ProcessResult runProbe(Path dir) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                DataDirLockProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish: " + output);
        return new ProcessResult(p.exitValue(), output);
    }

    private static void produce(String topic, int n) throws Exception {
        produceTo(EmbeddedKafkaExtension.bootstrapServers(), topic, n);
    }

    private static void produceTo(String bootstrap, String topic, int n) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
    }
}
