package io.avqa.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders a small dataset twice (two threads, then one) and checks what ingest and training rely on:
 * the mp4s decode with FFmpeg to one frame per 1/8 s and 16 kHz audio, sounding seconds are audible
 * above the silent ones, and the same seed gives byte-identical JSON, identical audio samples and (with
 * the bundled FFmpeg on one machine) byte-identical mp4 files.
 */
class RenderedClipsTest {
    private static final int CLIPS = 4;

    @TempDir
    static Path first;
    @TempDir
    static Path second;

    @BeforeAll
    static void renderTwice() throws IOException {
        SynthConfig config = SynthConfig.defaults(CLIPS, 3).withClipSeconds(6);
        new ConcertGenerator(config.withThreads(2)).generate(first, n -> { });
        new ConcertGenerator(config.withThreads(1)).generate(second, n -> { });
    }

    private static List<String> ids(Path dir) throws IOException {
        try (var s = Files.list(dir.resolve("videos"))) {
            return s.map(p -> p.getFileName().toString().replace(".mp4", "")).sorted().toList();
        }
    }

    @Test
    void writesOneDecodableH264AacVideoPerClip() throws IOException {
        List<String> ids = ids(first);
        assertEquals(CLIPS, ids.size());
        for (String id : ids) {
            DecodedClip c = DecodedClip.read(first.resolve("videos").resolve(id + ".mp4"));
            assertEquals("h264", c.videoCodec());
            assertEquals("aac", c.audioCodec());
            assertEquals(448, c.width());
            assertEquals(252, c.height());
            assertEquals(6 * 8, c.frameTimestampsUs().size(), id + " frame count");
            for (int n = 0; n < 6; n++) {
                long at = n * 1_000_000L;
                assertTrue(c.frameTimestampsUs().stream().anyMatch(t -> Math.abs(t - at) < 1000),
                        id + " has no frame at the start of second " + n + ": " + c.frameTimestampsUs());
            }
            assertTrue(c.audio().length >= 6 * 16000, id + " has only " + c.audio().length + " samples");
        }
    }

    @Test
    void decodedAudioIsAlignedWithTheRenderedSoundtrack() throws IOException {
        SynthConfig config = SynthConfig.defaults(CLIPS, 3).withClipSeconds(6);
        ClipRenderer renderer = new ClipRenderer(config);
        for (var scene : SynthPlan.build(config).scenes()) {
            if (scene.heard().isEmpty()) {
                continue;
            }
            // compare loudness envelopes (64-sample blocks) over the whole clip: note onsets and the
            // one-second gates pin the alignment, which waveform correlation of steady tones cannot
            double[] source = envelope(renderer.soundtrack(scene));
            double[] decoded = envelope(DecodedClip.read(first.resolve("videos/" + scene.videoId() + ".mp4")).audio());
            int bestLag = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int lag = -17; lag <= 17; lag++) { // +-1088 samples: more than one AAC frame of priming
                double err = 0;
                for (int i = 17; i < source.length - 17; i++) {
                    double d = source[i] - decoded[i + lag];
                    err += d * d;
                }
                if (err < best) {
                    best = err;
                    bestLag = lag;
                }
            }
            assertEquals(0, bestLag, scene.videoId() + ": decoded audio is shifted by about " + bestLag * 64
                    + " samples");
        }
    }

    private static double[] envelope(short[] pcm) {
        double[] e = new double[6 * 16000 / 64];
        for (int b = 0; b < e.length; b++) {
            double sum = 0;
            for (int i = b * 64; i < (b + 1) * 64; i++) {
                sum += Math.abs(pcm[i]);
            }
            e[b] = sum / 64;
        }
        return e;
    }

    @Test
    void soundingSecondsAreAudibleAboveSilentOnes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        for (String id : ids(first)) {
            JsonNode labels = json.readTree(first.resolve("labels").resolve(id + ".json").toFile());
            DecodedClip c = DecodedClip.read(first.resolve("videos").resolve(id + ".mp4"));
            for (JsonNode seg : labels.get("segments")) {
                int n = seg.get("second").asInt();
                double rms = c.rms(n);
                if (seg.get("sounding").isEmpty()) {
                    assertTrue(rms < 0.008, id + " second " + n + " should be near silent, rms " + rms);
                } else {
                    assertTrue(rms > 0.012, id + " second " + n + " should be audible, rms " + rms);
                }
                compared++;
            }
        }
        assertEquals(CLIPS * 6, compared);
    }

    @Test
    void sameSeedGivesTheSameFileHashesWhateverTheThreadCount() throws IOException {
        Map<String, String> a = hashes(first);
        assertEquals(3 + 1 + 2 * CLIPS, a.size(), a.keySet().toString());
        assertEquals(a, hashes(second));
    }

    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), sha256(f));
            }
        }
        return out;
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sameSeedGivesIdenticalJsonAndAudioWhateverTheThreadCount() throws IOException {
        assertEquals(ids(first), ids(second));
        for (String f : List.of("meta.json", "avqa-train.json", "avqa-val.json", "avqa-test.json")) {
            assertEquals(-1L, Files.mismatch(first.resolve(f), second.resolve(f)), f);
        }
        for (String id : ids(first)) {
            assertEquals(-1L, Files.mismatch(first.resolve("labels/" + id + ".json"),
                    second.resolve("labels/" + id + ".json")), id + " labels");
            assertArrayEquals(DecodedClip.read(first.resolve("videos/" + id + ".mp4")).audio(),
                    DecodedClip.read(second.resolve("videos/" + id + ".mp4")).audio(), id + " audio samples");
        }
    }
}
