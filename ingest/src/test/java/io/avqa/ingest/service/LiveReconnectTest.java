package io.avqa.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.broker.TopicReader;
import io.avqa.ingest.kafka.SegmentPublisher;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.source.Sources;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.topic.Topics;

/**
 * A live MPEG-TS stream over UDP published by a real ffmpeg process (Debian's ffmpeg, installed by
 * .ci/run): ingest follows it, survives the publisher being killed and restarted, and resumes with a
 * seq jump for the time lost.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class LiveReconnectTest {

    @Test
    void reconnectsAfterThePublisherRestartsAndContinuesWithASeqJump() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute(), "needs /usr/bin/ffmpeg (apt-get install ffmpeg; .ci/run does)");
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
        EmbeddedKafkaExtension.createTopics(topics);
        int port = freeUdpPort();
        String url = "udp://127.0.0.1:" + port;
        SegmenterOptions options = new SegmenterOptions(224, 224, 0.9f, Duration.ofSeconds(1));
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0);

        Process publisher = publish(port);
        try (SegmentPublisher sink = new SegmentPublisher(EmbeddedKafkaExtension.bootstrapServers(), topics, Map.of());
                IngestService ingest = new IngestService(options, backoff, sink);
                TopicReader<String, Segment> segments = new TopicReader<>(topics.segments());
                TopicReader<String, StreamStatus> statuses = new TopicReader<>(topics.streams())) {
            ingest.start(new StreamJob("live-1", Sources.parse(url), 1, false));

            List<ConsumerRecord<String, Segment>> before = segments.readUntil(r -> r.size() >= 3, Duration.ofSeconds(30));
            assertTrue(before.size() >= 3, "segments arrive from the live stream: " + before.size());

            publisher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            statuses.readUntil(r -> lastState(r) == StreamState.RECONNECTING, Duration.ofSeconds(20));
            assertEquals(StreamState.RECONNECTING, ingest.state("live-1"));
            Thread.sleep(3_000); // stay down for a few seconds: the time lost must show as a seq jump

            publisher = publish(port);
            long lastBefore = segments.values().get(segments.values().size() - 1).getSeq();
            List<ConsumerRecord<String, Segment>> after = segments.readUntil(
                    r -> r.get(r.size() - 1).value().getSeq() > lastBefore + 6, Duration.ofSeconds(40));
            List<Long> seqs = after.stream().map(r -> r.value().getSeq()).toList();

            List<Long> jumps = new ArrayList<>();
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) > seqs.get(i - 1), "seq strictly increases: " + seqs);
                if (seqs.get(i) > seqs.get(i - 1) + 1) {
                    jumps.add(seqs.get(i) - seqs.get(i - 1));
                }
            }
            assertTrue(jumps.stream().anyMatch(j -> j >= 3), "a seq jump covers the outage: " + seqs);
            assertTrue(after.stream().allMatch(r -> r.value().getAudio().remaining() == 32_000));

            List<StreamState> states = statuses.readUntil(r -> false, Duration.ofMillis(500)).stream()
                    .map(r -> r.value().getState()).toList();
            int live = states.indexOf(StreamState.LIVE);
            int reconnecting = states.indexOf(StreamState.RECONNECTING);
            assertTrue(live >= 0 && reconnecting > live && states.subList(reconnecting, states.size()).contains(StreamState.LIVE),
                    "LIVE -> RECONNECTING -> LIVE in " + states);
        } finally {
            publisher.destroyForcibly();
        }
    }

    private static StreamState lastState(List<ConsumerRecord<String, StreamStatus>> records) {
        return records.isEmpty() ? null : records.get(records.size() - 1).value().getState();
    }

    private static Process publish(int port) throws Exception {
        Path log = Files.createTempFile("ffmpeg-publisher", ".log");
        return new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "10",
                "-c:a", "aac", "-b:a", "48k",
                "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
