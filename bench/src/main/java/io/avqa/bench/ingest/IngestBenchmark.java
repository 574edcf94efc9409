package io.avqa.bench.ingest;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import io.avqa.bench.report.ResultWriter;
import io.avqa.ingest.kafka.SegmentSink;
import io.avqa.ingest.segment.FileSegments;
import io.avqa.ingest.segment.SegmenterOptions;
import io.avqa.ingest.service.Backoff;
import io.avqa.ingest.service.IngestService;
import io.avqa.ingest.service.StreamJob;
import io.avqa.ingest.source.FileSource;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamStatus;

/**
 * Ingest cost: (1) segments per second when a 720p25 H.264 + AAC file is cut as fast as possible
 * (--rate 0), (2) CPU cores used per 720p25 stream replayed in real time (--rate 1), from the process CPU
 * time over a fixed wall-clock window with several streams at once. Segments go to a counting sink, so
 * the figures are ingest's own work (decode, scale, resample, JPEG), not Kafka's.
 *
 * <p>Run: {@code bench/run.sh ingest [streams] [seconds]}; writes bench/results/ingest.{md,json}.
 */
public final class IngestBenchmark {
    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("avqa-bench-ingest");
        Path clip = dir.resolve("720p25.mp4");
        System.out.println("writing a 20 s 1280x720 25 fps H.264 + AAC 48 kHz stereo clip ...");
        writeClip(clip, 20);

        // (1) as fast as possible
        FileSegments.cut(clip, "warmup", 0, SegmenterOptions.defaults());
        long t0 = System.nanoTime();
        int cut = 0;
        for (int i = 0; i < 3; i++) {
            cut += FileSegments.cut(clip, "fast", 0, SegmenterOptions.defaults()).size();
        }
        double fastSeconds = (System.nanoTime() - t0) / 1e9;
        double segmentsPerSecond = cut / fastSeconds;
        System.out.printf("rate 0: %d segments in %.2f s = %.1f segments/s (%.0fx real time, 1 thread)%n", cut, fastSeconds,
                segmentsPerSecond, segmentsPerSecond);

        // (2) real-time replay, several streams at once
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long idleCpu0 = os.getProcessCpuTime();
        Thread.sleep(2000);
        double idleCores = (os.getProcessCpuTime() - idleCpu0) / 2e9;
        AtomicLong published = new AtomicLong();
        SegmentSink counting = new SegmentSink() {
            @Override
            public void publish(Segment segment) {
                published.incrementAndGet();
            }

            @Override
            public void publish(StreamStatus status) {
            }
        };
        long cpu0;
        long wall0;
        try (IngestService ingest = new IngestService(SegmenterOptions.defaults(), Backoff.defaults(), counting)) {
            for (int s = 0; s < streams; s++) {
                ingest.start(new StreamJob("s" + s, new FileSource(clip), 1, true));
            }
            Thread.sleep(3000); // past start-up (native library loading, first open)
            published.set(0);
            cpu0 = os.getProcessCpuTime();
            wall0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
        double perStream = Math.max(0, cores - idleCores) / streams;
        System.out.printf("rate 1: %d streams for %.0f s: %.3f cores in all (idle JVM %.3f), %.3f cores per 720p25 stream, %d segments%n",
                streams, wall, cores, idleCores, perStream, published.get());

        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("rate 0 (as fast as possible), 1 stream", String.format("%.1f segments/s", segmentsPerSecond),
                String.format("%.0fx real time", segmentsPerSecond)));
        rows.add(row("rate 1 (real time), " + streams + " streams", String.format("%.3f cores per stream", perStream),
                String.format("%d segments in %.0f s (expected %d)", published.get(), wall, Math.round(wall) * streams)));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("input", "1280x720 25 fps H.264 (OpenH264) + AAC 48 kHz stereo, output 224x224 JPEG + 16 kHz mono PCM16");
        summary.put("segmentsPerSecondRate0", round(segmentsPerSecond));
        summary.put("coresPerStreamRate1", round(perStream));
        summary.put("meetsTarget", perStream <= 0.1);
        summary.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ResultWriter.write(Path.of(System.getProperty("avqa.results", "bench/results")), "ingest",
                "Ingest: CPU per 720p25 stream and cut rate", "<= 0.1 core per 720p25 H.264 live stream", rows, summary);
    }

    private static Map<String, Object> row(String what, String result, String note) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("measurement", what);
        r.put("result", result);
        r.put("note", note);
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A moving test pattern with a 440 Hz tone, so the encoder has real motion to code. */
    static void writeClip(Path file, int seconds) throws Exception {
        int w = 1280;
        int h = 720;
        int fps = 25;
        int rate = 48_000;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 2);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps * 2);
            recorder.setVideoBitrate(3_000_000);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(rate);
            recorder.setAudioBitrate(128_000);
            recorder.start();
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            int perFrame = rate / fps;
            for (int i = 0; i < seconds * fps; i++) {
                Graphics2D g = image.createGraphics();
                g.setColor(new Color(20, 30 + (i % 50), 60));
                g.fillRect(0, 0, w, h);
                g.setColor(Color.ORANGE);
                g.fillOval((i * 17) % (w - 200), 200 + (int) (100 * Math.sin(i / 10.0)), 200, 200);
                g.setColor(Color.WHITE);
                g.drawString("frame " + i, 40, 60);
                g.dispose();
                recorder.record(converter.convert(image), avutil.AV_PIX_FMT_BGR24);
                short[] pcm = new short[perFrame * 2];
                for (int s = 0; s < perFrame; s++) {
                    short v = (short) (6000 * Math.sin(2 * Math.PI * 440 * ((long) i * perFrame + s) / rate));
                    pcm[2 * s] = v;
                    pcm[2 * s + 1] = v;
                }
                recorder.recordSamples(rate, 2, ShortBuffer.wrap(pcm));
            }
            recorder.stop();
        }
    }

    private IngestBenchmark() {
    }

}
