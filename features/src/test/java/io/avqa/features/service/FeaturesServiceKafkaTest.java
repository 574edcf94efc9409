package io.avqa.features.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.dataset.musicavqa.FeatureLayout;
import io.avqa.dataset.musicavqa.NpyArray;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.extract.Fp16;
import io.avqa.features.offline.OfflineExtractor;
import io.avqa.features.testing.TestMedia;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The service on a real broker: segments in, Embeddings and dead letters out, offsets committed after acks. */
@ExtendWith(EmbeddedKafkaExtension.class)
class FeaturesServiceKafkaTest {
    private static FeatureExtractor extractor;

    @BeforeAll
    static void build() throws Exception {
        extractor = FeatureExtractor.create(SeededBackbone.V1, Device.cpu());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    private static Topics freshTopics() {
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
        EmbeddedKafkaExtension.createTopics(topics);
        return topics;
    }

    private static void produce(Topics topics, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r).get();
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(Topics topics, Segment s) {
        return new ProducerRecord<>(topics.segments().name(), s.getStreamId().getBytes(StandardCharsets.UTF_8),
                Contracts.SEGMENT.encode(s));
    }

    private static Thread start(FeaturesService service) {
        Thread t = new Thread(service, "features-service-test");
        t.start();
        return t;
    }

    @Test
    void segmentsBecomeEmbeddingsInOrderPerStreamAndBadInputGoesToTheDlq(@TempDir Path dataset) throws Exception {
        Topics topics = freshTopics();
        List<ProducerRecord<byte[], byte[]>> in = new ArrayList<>();
        Map<String, List<Segment>> byStream = new HashMap<>();
        for (int seq = 0; seq < 5; seq++) {
            for (String stream : List.of("cam-a", "cam-b")) {
                Segment s = TestMedia.segment(stream, seq, true);
                byStream.computeIfAbsent(stream, k -> new ArrayList<>()).add(s);
                in.add(record(topics, s));
            }
            if (seq == 2) {
                in.add(new ProducerRecord<>(topics.segments().name(), "cam-a".getBytes(StandardCharsets.UTF_8),
                        "poison: not an avqa record".getBytes(StandardCharsets.UTF_8)));
                Segment badJpeg = Segment.newBuilder(TestMedia.segment("cam-c", 0, true))
                        .setFrame(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3})).build();
                in.add(record(topics, badJpeg));
            }
        }
        produce(topics, in);

        FeaturesConfig config = FeaturesConfig.defaults(EmbeddedKafkaExtension.bootstrapServers(), topics)
                .withBatch(4, 50).withMode(Mode.REPLAY, 0).withGroup("features-it-" + UUID.randomUUID());
        try (FeaturesService service = new FeaturesService(config, extractor, new SimpleMeterRegistry());
                TopicReader<String, Embedding> embeddings = new TopicReader<>(topics.embeddings());
                TopicReader<byte[], DeadLetter> dlq = new TopicReader<>(topics.dlq())) {
            Thread thread = start(service);
            List<ConsumerRecord<String, Embedding>> out = embeddings.readUntil(r -> r.size() >= 10, Duration.ofSeconds(90));
            List<ConsumerRecord<byte[], DeadLetter>> dead = dlq.readUntil(r -> r.size() >= 2, Duration.ofSeconds(30));

            assertEquals(10, out.size());
            for (String stream : List.of("cam-a", "cam-b")) {
                List<Long> seqs = out.stream().filter(r -> r.key().equals(stream)).map(r -> r.value().getSeq()).toList();
                assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seqs, "order of " + stream);
            }
            for (ConsumerRecord<String, Embedding> r : out) {
                Embedding e = r.value();
                assertEquals(r.key(), e.getStreamId());
                assertEquals("seeded-v1", e.getBackboneId());
                assertEquals(128, e.getAudio().size());
                assertEquals(512, e.getVisual().size());
                assertEquals(512 * 14 * 14 * 2, e.getVisualMap().getFp16().remaining());
            }
            assertEquals(2, dead.size());
            Map<Boolean, List<DeadLetter>> corrupt = dead.stream().map(ConsumerRecord::value)
                    .collect(Collectors.partitioningBy(d -> d.getReason().contains("not an avqa record")));
            assertEquals(1, corrupt.get(true).size(), "the poison record, with its reason");
            assertTrue(corrupt.get(false).get(0).getReason().contains("does not decode")
                    || corrupt.get(false).get(0).getReason().contains("not a JPEG"), corrupt.get(false).get(0).getReason());
            assertEquals("features", dead.get(0).value().getStage());

            assertCommittedToTheEnd(topics, config.groupId(), in.size());
            service.close();
            thread.join(10_000);

            // offline extraction of the same segments writes the same features
            OfflineExtractor offline = new OfflineExtractor(dataset, SeededBackbone.V1, 1, 0, 4);
            offline.writeVideo(extractor, "cam-a", byStream.get("cam-a"));
            NpyArray audio = FeatureLayout.at(dataset).readAudio("cam-a");
            NpyArray visual = FeatureLayout.at(dataset).readVisual("cam-a");
            assertArrayEquals(new long[] {5, 128}, audio.shape());
            assertArrayEquals(new long[] {5, 512, 14, 14}, visual.shape());
            List<Embedding> served = out.stream().filter(r -> r.key().equals("cam-a")).map(ConsumerRecord::value).toList();
            for (int row = 0; row < 5; row++) {
                float[] servedMap = new float[FeatureExtractor.MAP_VALUES];
                Fp16.decode(served.get(row).getVisualMap().getFp16(), servedMap, 0);
                for (int k = 0; k < 128; k++) {
                    float v = served.get(row).getAudio().get(k);
                    assertEquals(v, audio.data()[row * 128 + k], 1e-4f * Math.max(1f, Math.abs(v)), "audio " + row);
                }
                for (int k = 0; k < servedMap.length; k += 97) {
                    float v = servedMap[k];
                    assertEquals(v, visual.data()[row * servedMap.length + k], 2e-3f * Math.max(1f, Math.abs(v)),
                            "map " + row + "," + k);
                }
            }
        }
    }

    private static void assertCommittedToTheEnd(Topics topics, String group, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaExtension.bootstrapServers()))) {
            long deadline = System.currentTimeMillis() + 10_000;
            long committed = 0;
            while (System.currentTimeMillis() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                committed = offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                if (committed == records) {
                    break;
                }
                Thread.sleep(100);
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < topics.segments().partitions(); p++) {
                latest.put(new TopicPartition(topics.segments().name(), p), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
            assertEquals(records, end);
            assertEquals(end, committed, "every processed record's offset is committed");
        }
    }

    @Test
    void twoWorkersSplitThePartitionsAndKeepEachStreamInOrder() throws Exception {
        Topics topics = freshTopics();
        List<String> streams = List.of("w-0", "w-1", "w-2", "w-3", "w-4", "w-5", "w-6", "w-7");
        List<ProducerRecord<byte[], byte[]>> in = new ArrayList<>();
        for (int seq = 0; seq < 3; seq++) {
            for (String stream : streams) {
                in.add(record(topics, TestMedia.segment(stream, seq, true)));
            }
        }
        produce(topics, in);
        String group = "features-workers-it-" + UUID.randomUUID();
        FeaturesConfig config = FeaturesConfig.defaults(EmbeddedKafkaExtension.bootstrapServers(), topics)
                .withBatch(4, 50).withMode(Mode.REPLAY, 0).withGroup(group);
        try (FeatureExtractor second = FeatureExtractor.create(SeededBackbone.V1, Device.cpu());
                FeaturesWorkers workers = new FeaturesWorkers(config, List.of(extractor, second),
                        new SimpleMeterRegistry());
                TopicReader<String, Embedding> embeddings = new TopicReader<>(topics.embeddings());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedKafkaExtension.bootstrapServers()))) {
            Thread thread = new Thread(workers, "features-workers-test");
            thread.start();
            List<ConsumerRecord<String, Embedding>> out = embeddings.readUntil(r -> r.size() >= 24,
                    Duration.ofSeconds(120));
            // On a fast machine the first worker can process all 24 segments before the second one's join has
            // finished rebalancing, so the split is awaited here rather than assumed at the last record.
            var members = settledMembers(admin, group, Duration.ofSeconds(30));
            int owned = workers.assignedPartitions().size();
            workers.close();
            thread.join(30_000);

            assertEquals(24, out.size());
            for (String stream : streams) {
                List<Long> seqs = out.stream().filter(r -> r.key().equals(stream)).map(r -> r.value().getSeq()).toList();
                assertEquals(List.of(0L, 1L, 2L), seqs, "order of " + stream);
            }
            assertEquals(2, members.size(), "both workers joined the group");
            for (var member : members) {
                assertTrue(!member.assignment().topicPartitions().isEmpty(), member.clientId() + " owns partitions");
            }
            assertEquals(Topics.STREAM_PARTITIONS, owned, "the workers own every partition between them");
            assertTrue(!thread.isAlive(), "close() stops every worker");
        }
    }

    @Test
    void closeReturnsOnceTheLoopHasEndedAndLeftItsGroup() throws Exception {
        Topics topics = freshTopics();
        String group = "features-close-it-" + UUID.randomUUID();
        FeaturesConfig config = FeaturesConfig.defaults(EmbeddedKafkaExtension.bootstrapServers(), topics)
                .withBatch(4, 50).withMode(Mode.REPLAY, 0).withGroup(group);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FeaturesService service = new FeaturesService(config, extractor, registry);
        Thread thread = start(service);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaExtension.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (service.assignedPartitions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(!service.assignedPartitions().isEmpty(), "the service joined its group");
            assertTrue(kafkaClientMeters(registry) > 0, "the loop's Kafka clients report to the registry");

            service.close();

            // What a caller sees the moment close() returns (the demo then closes the extractor and the broker):
            // the loop has closed its clients, which takes their meters out of the registry, and left the group.
            assertEquals(0, kafkaClientMeters(registry), "the loop's clients were closed before close() returned");
            var members = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
            assertEquals(0, members.size(), "the consumer left its group: " + members);
        } finally {
            thread.join(30_000);
        }
    }

    @Test
    void aKilledWorkersPartitionsMoveToTheSurvivorWithinTheSessionTimeoutAndNothingIsLost() throws Exception {
        String prefix = "it-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        EmbeddedKafkaExtension.createTopics(topics);
        int total = topics.segments().partitions();
        String group = "features-crash-" + UUID.randomUUID();
        FeaturesConfig config = FeaturesConfig.defaults(EmbeddedKafkaExtension.bootstrapServers(), topics)
                .withBatch(4, 50).withMode(Mode.REPLAY, 0).withGroup(group);
        // the other worker runs in a JVM of its own, so that it can die without leaving the group
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                FeaturesWorkerProcess.class.getName(), EmbeddedKafkaExtension.bootstrapServers(), prefix, group)
                .redirectErrorStream(true).start();
        java.util.concurrent.atomic.AtomicInteger otherOwns = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("assigned ")) {
                        otherOwns.set(Integer.parseInt(line.substring("assigned ".length()).trim()));
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
        }, "worker-process-output");
        reader.setDaemon(true);
        reader.start();
        FeaturesService survivor = new FeaturesService(config, extractor, new SimpleMeterRegistry());
        Thread thread = null;
        try (TopicReader<String, Embedding> embeddings = new TopicReader<>(topics.embeddings())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (otherOwns.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100); // the other joins first
            }
            thread = start(survivor);
            while ((survivor.assignedPartitions().isEmpty() || otherOwns.get() == 0
                    || survivor.assignedPartitions().size() + otherOwns.get() != total)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(!survivor.assignedPartitions().isEmpty() && otherOwns.get() > 0,
                    "the two workers split the partitions: " + survivor.assignedPartitions().size() + " + "
                            + otherOwns.get());

            other.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            while (survivor.assignedPartitions().size() < total
                    && System.nanoTime() - killed < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - killed) / 1e9;
            assertEquals(total, survivor.assignedPartitions().size(), "the survivor took every partition");
            assertTrue(seconds < 30, "the partitions moved " + seconds + " s after the kill; Kafka's default "
                    + "session timeout would have held them for 45 s");

            // segments on every partition after the kill all become embeddings
            List<ProducerRecord<byte[], byte[]>> in = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                in.add(record(topics, TestMedia.segment("after-kill-" + i, 0, true)));
            }
            produce(topics, in);
            List<ConsumerRecord<String, Embedding>> out = embeddings.readUntil(
                    r -> r.stream().map(ConsumerRecord::key).distinct().count() >= 12, Duration.ofSeconds(90));
            assertEquals(12, out.stream().map(ConsumerRecord::key).distinct().count(), "every stream embedded");
        } finally {
            other.destroyForcibly();
            survivor.close();
            if (thread != null) {
                thread.join(30_000);
            }
        }
    }

    private static long kafkaClientMeters(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("kafka.")).count();
    }

    /** The group's members once two of them each own partitions, or as they are at the deadline. */
    private static Collection<MemberDescription> settledMembers(Admin admin, String group, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var members = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
            boolean split = members.size() == 2
                    && members.stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
            if (split || System.nanoTime() > deadline) {
                return members;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void liveModeSkipsStaleLiveSegmentsKeepsTheNewestAndCountsTheSkipsInTheStreamStatus() throws Exception {
        Topics topics = freshTopics();
        List<ProducerRecord<byte[], byte[]>> in = new ArrayList<>();
        in.add(status(topics, "late-cam", StreamState.LIVE, 9));
        for (int seq = 0; seq < 10; seq++) {
            in.add(record(topics, TestMedia.segment("late-cam", seq, true)));
        }
        produce(topics, in);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FeaturesConfig config = FeaturesConfig.defaults(EmbeddedKafkaExtension.bootstrapServers(), topics)
                .withBatch(4, 20).withMode(Mode.LIVE, 2).withGroup("features-live-" + UUID.randomUUID());
        try (FeaturesService service = new FeaturesService(config, extractor, registry);
                TopicReader<String, Embedding> embeddings = new TopicReader<>(topics.embeddings());
                TopicReader<String, StreamStatus> statuses = new TopicReader<>(topics.streams())) {
            Thread thread = start(service);
            List<ConsumerRecord<String, Embedding>> out = embeddings.readUntil(
                    r -> !r.isEmpty() && r.get(r.size() - 1).value().getSeq() == 9, Duration.ofSeconds(60));
            List<Long> seqs = out.stream().map(r -> r.value().getSeq()).toList();
            assertTrue(seqs.containsAll(List.of(7L, 8L, 9L)), "the newest segments are kept: " + seqs);
            assertEquals(seqs.stream().sorted().toList(), seqs, "in order");
            long skipped = (long) registry.get("avqa.features.segments").tag("outcome", "skipped").counter().count();
            assertTrue(skipped > 0, "stale segments were skipped");
            assertEquals(10, seqs.size() + skipped, "every segment is either embedded or counted as skipped");

            // the count joins ingest's status of the stream, the other fields kept
            StreamStatus counted = lastStatus(statuses, s -> s.getSkippedSegments() == skipped);
            assertEquals(StreamState.LIVE, counted.getState());
            assertEquals("synthetic://late-cam", counted.getSource());
            assertEquals(9, counted.getLastSeq());

            // ingest writes a newer status (it knows nothing of skips): the count is carried over to it
            produce(topics, List.of(status(topics, "late-cam", StreamState.ENDED, 9)));
            StreamStatus ended = lastStatus(statuses,
                    s -> s.getState() == StreamState.ENDED && s.getSkippedSegments() == skipped);
            assertEquals(9, ended.getLastSeq());
            service.close();
            thread.join(10_000);
        }
    }

    private static ProducerRecord<byte[], byte[]> status(Topics topics, String stream, StreamState state, long lastSeq) {
        StreamStatus s = StreamStatus.newBuilder().setStreamId(stream).setSource("synthetic://" + stream)
                .setState(state).setLastSeq(lastSeq).setUpdatedMs(System.currentTimeMillis()).build();
        return new ProducerRecord<>(topics.streams().name(), stream.getBytes(StandardCharsets.UTF_8),
                Contracts.STREAM_STATUS.encode(s));
    }

    private static StreamStatus lastStatus(TopicReader<String, StreamStatus> statuses,
            java.util.function.Predicate<StreamStatus> wanted) {
        List<ConsumerRecord<String, StreamStatus>> read = statuses.readUntil(
                r -> !r.isEmpty() && wanted.test(r.get(r.size() - 1).value()), Duration.ofSeconds(30));
        assertTrue(!read.isEmpty() && wanted.test(read.get(read.size() - 1).value()),
                "the expected status is the newest one: " + read.stream().map(ConsumerRecord::value).toList());
        return read.get(read.size() - 1).value();
    }

    @Test
    void twoInstancesInOneGroupShareThePartitionsAndLoseNothing() throws Exception {
        Topics topics = freshTopics();
        List<String> streams = new ArrayList<>();
        java.util.Set<Integer> partitions = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            String id = "room-" + i;
            streams.add(id);
            partitions.add(org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(id.getBytes(StandardCharsets.UTF_8)))
                    % topics.segments().partitions());
        }
        assertEquals(topics.segments().partitions(), partitions.size(), "the streams cover every partition");
        FeaturesConfig config = FeaturesConfig.defaults(EmbeddedKafkaExtension.bootstrapServers(), topics)
                .withBatch(8, 50).withMode(Mode.REPLAY, 0).withGroup("features-pair-" + UUID.randomUUID());
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        try (FeatureExtractor otherExtractor = FeatureExtractor.create(SeededBackbone.V1, Device.cpu());
                FeaturesService a = new FeaturesService(config, extractor, first);
                FeaturesService b = new FeaturesService(config, otherExtractor, second);
                TopicReader<String, Embedding> embeddings = new TopicReader<>(topics.embeddings())) {
            Thread ta = start(a);
            Thread tb = start(b);
            long deadline = System.currentTimeMillis() + 30_000;
            while ((a.assignedPartitions().isEmpty() || b.assignedPartitions().isEmpty()
                    || a.assignedPartitions().size() + b.assignedPartitions().size() != topics.segments().partitions())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(topics.segments().partitions(), a.assignedPartitions().size() + b.assignedPartitions().size(),
                    "both instances joined: " + a.assignedPartitions() + " / " + b.assignedPartitions());
            List<ProducerRecord<byte[], byte[]>> in = new ArrayList<>();
            for (int seq = 0; seq < 2; seq++) {
                for (String stream : streams) {
                    in.add(record(topics, TestMedia.segment(stream, seq, true)));
                }
            }
            produce(topics, in);
            List<ConsumerRecord<String, Embedding>> out = embeddings.readUntil(r -> r.size() >= 24, Duration.ofSeconds(90));
            assertEquals(24, out.stream().map(r -> r.key() + "/" + r.value().getSeq()).distinct().count());
            double byA = first.get("avqa.features.segments").tag("outcome", "embedded").counter().count();
            double byB = second.get("avqa.features.segments").tag("outcome", "embedded").counter().count();
            assertTrue(byA > 0 && byB > 0, "both instances worked: " + byA + " + " + byB);
            assertEquals(24.0, byA + byB, "no segment extracted twice");
            a.close();
            b.close();
            ta.join(10_000);
            tb.join(10_000);
        }
    }
}
