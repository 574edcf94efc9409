package io.avqa.dataset.synth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * Measures synthetic concert generation speed and writes {@code bench/results/dataset-synth.md}:
 * wall-clock clips per second with all cores, process CPU seconds per clip (the figure that does not
 * depend on what else the machine runs), and the projection for the default 2,000-clip benchmark.
 * Not a unit test: run it by hand, e.g.
 * {@code java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED -cp <test classpath>
 * io.avqa.dataset.synth.SynthBenchmark 200 bench/results/dataset-synth.md}.
 */
public final class SynthBenchmark {
    private SynthBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int clips = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path report = Path.of(args.length > 1 ? args[1] : "bench/results/dataset-synth.md");
        int threads = Runtime.getRuntime().availableProcessors();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path out = Files.createTempDirectory("synth-bench");

        // warm-up: JIT, FFmpeg and the MIDI sound bank load once per JVM
        new ConcertGenerator(SynthConfig.defaults(4, 99)).generate(out.resolve("warmup"), n -> { });

        double loadBefore = os.getSystemLoadAverage();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ConcertGenerator.Result r = new ConcertGenerator(SynthConfig.defaults(clips, 1)).generate(out.resolve("run"),
                n -> { });
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double loadAfter = os.getSystemLoadAverage();
        long bytes;
        try (var s = Files.list(out.resolve("run/videos"))) {
            bytes = s.mapToLong(p -> p.toFile().length()).sum();
        }

        double cpuPerClip = cpu / clips;
        String md = String.format(Locale.ROOT, """
                # Synthetic concert generation speed

                Measured %s by `io.avqa.dataset.synth.SynthBenchmark` (dataset test sources).

                Machine: %d cores visible to the JVM (%s, %s), Java %s. The machine is shared by other engineers'
                builds: system load average %.1f before and %.1f after the run, so wall-clock figures are
                pessimistic; process CPU time per clip is the figure that does not depend on the load.

                Run: %d clips x 10 s (448x252 at 8 fps, 16 kHz mono, H.264 + AAC), seed 1, %d render threads,
                after a 4-clip warm-up. Plan (scenes, questions, JSON) %.2f s; rendering %.1f s.

                | measure | value |
                | --- | --- |
                | wall clock, whole run | %.1f s |
                | clips per second (wall) | %.2f |
                | process CPU per clip | %.3f s |
                | video size per clip | %.0f kB |
                | 2,000 clips, projected from wall clock | %.1f min |
                | 2,000 clips, projected from CPU time on 2 otherwise idle cores | %.1f min |
                | target (issue 3) | 10 min |
                """, Instant.now(), threads, System.getProperty("os.arch"), System.getProperty("os.name"),
                System.getProperty("java.version"), loadBefore, loadAfter, clips, threads, r.planSeconds(),
                r.renderSeconds(), wall, clips / wall, cpuPerClip, bytes / 1024.0 / clips, 2000 / (clips / wall) / 60,
                2000 * cpuPerClip / 2 / 60);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, md);
        System.out.print(md);
    }
}
