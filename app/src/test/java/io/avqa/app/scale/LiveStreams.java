package io.avqa.app.scale;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.Utils;

import io.avqa.dataset.synth.ConcertGenerator;
import io.avqa.dataset.synth.SynthConfig;

/**
 * The live streams of the run: synthetic concert clips published in a loop, at real time, as MPEG-TS over
 * UDP by ffmpeg, so ingest sees real live network sources. Only live segments are subject to the feature
 * stage's backlog policy (a looping file replayed at rate 1 is not live and is never skipped), and that
 * policy is what this run must see counting.
 */
final class LiveStreams {
    /** A stream: its id, the partition its key maps to, and the URL ingest reads. */
    record LiveStream(String id, int partition, String url) {
    }

    private static final long CLIP_SEED = 9090;

    private LiveStreams() {
    }

    /**
     * {@code count} stream ids whose keys land on distinct partitions (of {@code partitions}), so every
     * partition, and so every instance that owns partitions, carries streams: a killed instance always
     * takes some streams with it.
     */
    static List<String> idsOnDistinctPartitions(int count, int partitions) {
        if (count > partitions) {
            throw new IllegalArgumentException(count + " streams cannot take distinct partitions of " + partitions);
        }
        List<String> ids = new ArrayList<>();
        boolean[] taken = new boolean[partitions];
        for (int i = 1; ids.size() < count; i++) {
            String id = "live-" + i;
            int p = partitionOf(id, partitions);
            if (!taken[p]) {
                taken[p] = true;
                ids.add(id);
            }
        }
        return ids;
    }

    /** The partition Kafka's default partitioner gives a String key (murmur2 of its UTF-8 bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The mp4 files of {@code count} concert clips under {@code dir}, generated once and reused. */
    static List<Path> clips(Path dir, int count) throws IOException {
        List<Path> existing = mp4s(dir.resolve("videos"));
        if (existing.size() < count) {
            new ConcertGenerator(SynthConfig.defaults(count, CLIP_SEED)).generate(dir, done -> { });
            existing = mp4s(dir.resolve("videos"));
        }
        return existing.subList(0, count);
    }

    /**
     * Starts one ffmpeg per stream that loops its clip forever at real time ({@code -re}), stream-copied (no
     * re-encoding, so it costs almost no CPU) into MPEG-TS on a free local UDP port.
     */
    static List<LiveStream> publish(Fleet fleet, Path ffmpeg, List<String> ids, List<Path> clips, int partitions)
            throws IOException {
        List<LiveStream> streams = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int port = freeUdpPort();
            String url = "udp://127.0.0.1:" + port;
            fleet.program("ffmpeg-" + ids.get(i), List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error",
                    "-re", "-stream_loop", "-1", "-i", clips.get(i % clips.size()).toString(), "-c", "copy",
                    "-f", "mpegts", url + "?pkt_size=1316"));
            streams.add(new LiveStream(ids.get(i), partitionOf(ids.get(i), partitions), url));
        }
        return streams;
    }

    /** ffmpeg on the PATH (CI installs Debian's), or null. */
    static Path ffmpeg() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<Path> mp4s(Path videos) throws IOException {
        if (!Files.isDirectory(videos)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(videos)) {
            return files.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }
}
