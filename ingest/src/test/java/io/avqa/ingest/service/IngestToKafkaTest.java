package io.avqa.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.ingest.TestClips;
import io.avqa.ingest.kafka.SegmentPublisher;
import io.avqa.ingest.segment.SegmentRecords;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.source.Sources;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.topic.Topics;

/** Files through the ingest service into a real Kafka broker. */
@ExtendWith(EmbeddedKafkaExtension.class)
class IngestToKafkaTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeClip() throws Exception {
        clip = dir.resolve("counter.mp4");
        TestClips.write(clip, 12, 5.0);
    }

    @Test
    void twelveSecondClipYieldsSegmentsZeroToElevenInOrderWithFramesAndToneWhereTheyBelong() throws Exception {
        Topics topics = EmbeddedKafkaExtension.freshTopics("it");
        try (SegmentPublisher publisher = new SegmentPublisher(EmbeddedKafkaExtension.bootstrapServers(), topics, Map.of());
                IngestService ingest = new IngestService(SegmenterOptions.defaults(), Backoff.defaults(), publisher)) {
            ingest.start(new StreamJob("cam-1", Sources.parse(clip.toString()), 0, false));
            ingest.awaitAll(60, TimeUnit.SECONDS);
            publisher.flush();
        }
        try (TopicReader<String, Segment> reader = new TopicReader<>(topics.segments())) {
            List<ConsumerRecord<String, Segment>> records = reader.readUntil(r -> r.size() >= 12, Duration.ofSeconds(20));
            assertEquals(12, records.size());
            for (int n = 0; n < 12; n++) {
                Segment s = records.get(n).value();
                assertEquals("cam-1", records.get(n).key());
                assertEquals(n, s.getSeq(), "in order");
                short[] samples = SegmentRecords.samples(s);
                assertEquals(16_000, samples.length);
                BufferedImage frame = ImageIO.read(new ByteArrayInputStream(s.getFrame().array()));
                assertEquals(n * TestClips.FPS, TestClips.readCounter(frame), "frame counter in segment " + n);
                double rms = TestClips.rms(samples);
                assertTrue(n < 5 ? rms < 100 : rms > 3000, "segment " + n + " tone rms " + rms);
            }
        }
        try (TopicReader<String, StreamStatus> statuses = new TopicReader<>(topics.streams())) {
            List<StreamState> states = statuses.readUntil(r -> r.stream().anyMatch(x -> x.value().getState() == StreamState.ENDED),
                    Duration.ofSeconds(10)).stream().map(r -> r.value().getState()).distinct().toList();
            assertEquals(List.of(StreamState.STARTING, StreamState.LIVE, StreamState.ENDED), states);
        }
    }

    @Test
    void brokenFilesFailWithAReasonWhileAHealthyStreamInTheSameProcessCarriesOn() throws Exception {
        Topics topics = EmbeddedKafkaExtension.freshTopics("it");
        Path truncated = dir.resolve("truncated.mp4");
        byte[] whole = Files.readAllBytes(clip);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path garbage = dir.resolve("garbage.mkv");
        Files.write(garbage, "this is not a video at all".repeat(100).getBytes());
        try (SegmentPublisher publisher = new SegmentPublisher(EmbeddedKafkaExtension.bootstrapServers(), topics, Map.of());
                IngestService ingest = new IngestService(SegmenterOptions.defaults(), Backoff.defaults(), publisher)) {
            ingest.start(new StreamJob("healthy", Sources.parse(clip.toString()), 4, false));
            ingest.start(new StreamJob("truncated", Sources.parse(truncated.toString()), 0, false));
            ingest.start(new StreamJob("garbage", Sources.parse(garbage.toString()), 0, false));
            ingest.start(new StreamJob("missing", Sources.parse(dir.resolve("missing.mp4").toString()), 0, false));
            ingest.awaitAll(60, TimeUnit.SECONDS);
            assertEquals(StreamState.ENDED, ingest.state("healthy"));
            publisher.flush();
        }
        try (TopicReader<String, StreamStatus> statuses = new TopicReader<>(topics.streams())) {
            List<StreamStatus> all = statuses.readUntil(r -> r.stream().filter(x -> x.value().getState() == StreamState.FAILED)
                    .count() >= 3, Duration.ofSeconds(10)).stream().map(ConsumerRecord::value).toList();
            for (String bad : List.of("truncated", "garbage", "missing")) {
                StreamStatus failed = all.stream().filter(s -> s.getStreamId().equals(bad) && s.getState() == StreamState.FAILED)
                        .findFirst().orElseThrow(() -> new AssertionError(bad + " has no FAILED status: " + all));
                assertTrue(failed.getReason() != null && failed.getReason().startsWith("cannot open"), failed.getReason());
            }
        }
        try (TopicReader<String, Segment> reader = new TopicReader<>(topics.segments())) {
            List<Long> healthy = reader.readUntil(r -> r.size() >= 12, Duration.ofSeconds(10)).stream()
                    .filter(r -> r.key().equals("healthy")).map(r -> r.value().getSeq()).toList();
            assertEquals(12, healthy.size(), "the healthy stream published all its segments");
            assertEquals(11L, healthy.get(11));
        }
    }
}
