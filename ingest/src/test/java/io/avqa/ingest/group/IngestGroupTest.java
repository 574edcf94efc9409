package io.avqa.ingest.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.ingest.TestClips;
import io.avqa.ingest.kafka.FencedPublisher;
import io.avqa.ingest.kafka.IngestInstance;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.service.Backoff;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.topic.Topics;

/** Ingest instances sharing managed streams through a real broker: division, hand-over, removal, fencing. */
@ExtendWith(EmbeddedKafkaExtension.class)
class IngestGroupTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = dir.resolve("counter.mp4");
        TestClips.write(clip, 6, 1.0);
    }

    private static IngestGroup instance(Topics topics, String group, String id) {
        return new IngestGroup(EmbeddedKafkaExtension.bootstrapServers(), topics, Map.of(), new IngestGroup.Settings(
                group, id, Duration.ofSeconds(6), SegmenterOptions.defaults(),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0))).start();
    }

    private static KafkaProducer<String, StreamSpec> specWriter(Topics topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), topics.streamSpecs().valueSerde().serializer());
    }

    private static StreamSpec spec(String id, String source, long originMs) {
        return StreamSpec.newBuilder().setStreamId(id).setSource(source).setRate(1).setLoop(true)
                .setOriginMs(originMs).setUpdatedMs(System.currentTimeMillis()).build();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String publisher(ConsumerRecord<String, Segment> record) {
        Header h = record.headers().lastHeader(IngestInstance.HEADER);
        return h == null ? "none" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesDivideTheStreamsAndTheSurvivorContinuesEachTimelineWhenOneLeaves() throws Exception {
        Topics topics = EmbeddedKafkaExtension.freshTopics("group");
        String group = "g-" + UUID.randomUUID();
        long origin = System.currentTimeMillis();
        List<String> ids = List.of("cam-a", "cam-b", "cam-c", "cam-d", "cam-e", "cam-f");
        try (KafkaProducer<String, StreamSpec> writer = specWriter(topics);
                IngestGroup a = instance(topics, group, "A");
                IngestGroup b = instance(topics, group, "B")) {
            for (String id : ids) {
                writer.send(new ProducerRecord<>(topics.streamSpecs().name(), id, spec(id, clip.toString(), origin))).get();
            }
            await(() -> a.streams().size() + b.streams().size() == ids.size() && !a.streams().isEmpty()
                    && !b.streams().isEmpty(), Duration.ofSeconds(30), "both instances run streams: A " + a.streams()
                    + ", B " + b.streams());
            Set<String> both = new HashSet<>(a.streams().keySet());
            both.retainAll(b.streams().keySet());
            assertTrue(both.isEmpty(), "no stream runs on both instances: " + both);
            Thread.sleep(4_000);

            long leftAt = System.currentTimeMillis();
            a.close();
            await(() -> b.streams().size() == ids.size(), Duration.ofSeconds(15), "B runs every stream after A left: "
                    + b.streams());
            long tookMs = System.currentTimeMillis() - leftAt;
            assertTrue(tookMs < 10_000, "A's streams run on B within 10 s, took " + tookMs + " ms");
            Thread.sleep(4_000);
        }
        try (TopicReader<String, Segment> reader = new TopicReader<>(topics.segments(), true)) {
            List<ConsumerRecord<String, Segment>> records = reader.readUntil(r -> ids.stream().allMatch(
                    id -> r.stream().filter(x -> x.key().equals(id)).count() >= 4), Duration.ofSeconds(10));
            Map<String, Set<Long>> seqs = new HashMap<>();
            for (ConsumerRecord<String, Segment> r : records) {
                assertTrue(seqs.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.value().getSeq()),
                        r.key() + " seq " + r.value().getSeq() + " was published twice");
                assertEquals(origin + r.value().getSeq() * 1000, r.value().getStartMs(), "one timeline per stream");
            }
            for (String id : ids) {
                List<ConsumerRecord<String, Segment>> own = records.stream().filter(r -> r.key().equals(id)).toList();
                assertTrue(own.size() >= 4, id + " published " + own.size() + " segments");
                for (int i = 1; i < own.size(); i++) {
                    assertTrue(own.get(i).value().getSeq() > own.get(i - 1).value().getSeq(), id + " seq goes on");
                }
            }
            Set<String> instances = new HashSet<>();
            records.forEach(r -> instances.add(publisher(r)));
            assertEquals(Set.of("A", "B"), instances, "every segment names the instance that published it");
        }
    }

    @Test
    void aRemovedStreamEndsWithAReasonAndASpecIngestCannotRunFailsWithoutDisturbingTheOthers() throws Exception {
        Topics topics = EmbeddedKafkaExtension.freshTopics("group");
        long origin = System.currentTimeMillis();
        try (KafkaProducer<String, StreamSpec> writer = specWriter(topics);
                IngestGroup a = instance(topics, "g-" + UUID.randomUUID(), "A")) {
            String specs = topics.streamSpecs().name();
            writer.send(new ProducerRecord<>(specs, "keep", spec("keep", clip.toString(), origin))).get();
            writer.send(new ProducerRecord<>(specs, "gone", spec("gone", clip.toString(), origin))).get();
            writer.send(new ProducerRecord<>(specs, "bad", spec("bad", "gopher://x/y", origin))).get();
            await(() -> a.streams().keySet().equals(Set.of("keep", "gone")), Duration.ofSeconds(30),
                    "keep and gone run: " + a.streams());
            writer.send(new ProducerRecord<>(specs, "gone", null)).get();
            await(() -> a.streams().keySet().equals(Set.of("keep")), Duration.ofSeconds(15),
                    "gone stopped: " + a.streams());
        }
        try (TopicReader<String, StreamStatus> statuses = new TopicReader<>(topics.streams(), true)) {
            List<StreamStatus> all = statuses.readUntil(r -> r.stream().anyMatch(x -> x.value().getState() == StreamState.ENDED),
                    Duration.ofSeconds(10)).stream().map(ConsumerRecord::value).toList();
            StreamStatus ended = all.stream().filter(s -> s.getStreamId().equals("gone")
                    && s.getState() == StreamState.ENDED).findFirst().orElseThrow(() -> new AssertionError(all.toString()));
            assertEquals("removed", ended.getReason());
            StreamStatus refused = all.stream().filter(s -> s.getStreamId().equals("bad")).findFirst()
                    .orElseThrow(() -> new AssertionError("no status for the bad spec: " + all));
            assertEquals(StreamState.FAILED, refused.getState());
            assertTrue(refused.getReason().contains("unsupported source scheme 'gopher'"), refused.getReason());
            assertFalse(all.stream().anyMatch(s -> s.getStreamId().equals("keep") && s.getState() == StreamState.ENDED),
                    "the closing instance hands keep over without ending it");
        }
    }

    @Test
    void anInstanceWhosePartitionWasTakenOverPublishesNothingMore() throws Exception {
        Topics topics = EmbeddedKafkaExtension.freshTopics("group");
        String id = FencedPublisher.transactionalId("fence-" + UUID.randomUUID(), 0);
        try (FencedPublisher old = new FencedPublisher(EmbeddedKafkaExtension.bootstrapServers(), topics, Map.of(), id,
                "old")) {
            old.publish(segment(0));
            assertFalse(old.fenced());
            try (FencedPublisher taker = new FencedPublisher(EmbeddedKafkaExtension.bootstrapServers(), topics, Map.of(),
                    id, "new")) {
                old.publish(segment(1));
                assertTrue(old.fenced(), "the old holder learns it was fenced");
                assertEquals(1, old.failures());
                taker.publish(segment(1));
                old.publish(segment(2));
                assertEquals(2, old.failures(), "nothing is sent after the fence");
            }
        }
        try (TopicReader<String, Segment> reader = new TopicReader<>(topics.segments(), true)) {
            List<ConsumerRecord<String, Segment>> records = reader.readUntil(r -> r.size() >= 2, Duration.ofSeconds(10));
            Thread.sleep(500);
            records = reader.readUntil(r -> false, Duration.ofMillis(500));
            assertEquals(List.of("0 old", "1 new"), records.stream().map(r -> r.value().getSeq() + " " + publisher(r))
                    .toList());
        }
    }

    private static Segment segment(long seq) {
        return Segment.newBuilder().setStreamId("cam").setSeq(seq).setStartMs(seq * 1000)
                .setFrame(ByteBuffer.wrap(new byte[] {1})).setFrameWidth(1).setFrameHeight(1)
                .setAudio(ByteBuffer.wrap(new byte[2])).setIngestMs(System.currentTimeMillis()).build();
    }
}
