package io.avqa.dataset.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import io.avqa.dataset.synth.output.AnnotationWriter;
import io.avqa.dataset.synth.output.LabelWriter;
import io.avqa.dataset.synth.output.MetaWriter;
import io.avqa.dataset.synth.scene.Scene;

/**
 * Writes a synthetic concert dataset in the MUSIC-AVQA layout:
 * {@code videos/<id>.mp4}, {@code avqa-train.json}, {@code avqa-val.json}, {@code avqa-test.json},
 * {@code labels/<id>.json} and {@code meta.json}. The plan (scenes, questions, splits) is built first on
 * one thread; then clips are rendered on {@code config.threads()} threads, each with its own MIDI
 * synthesiser and encoder. Output does not depend on the thread count.
 */
public final class ConcertGenerator {
    private final SynthConfig config;

    public ConcertGenerator(SynthConfig config) {
        this.config = config;
    }

    /** What a run produced and how long it took. */
    public record Result(SynthPlan plan, double planSeconds, double renderSeconds) {
        public double clipsPerSecond() {
            return plan.scenes().size() / Math.max(1e-9, renderSeconds);
        }
    }

    /**
     * Generates everything under {@code out}.
     *
     * @param onClipDone called (from worker threads) once per finished clip with the number finished so far
     */
    public Result generate(Path out, IntConsumer onClipDone) throws IOException {
        long t0 = System.nanoTime();
        SynthPlan plan = writePlan(out);
        long t1 = System.nanoTime();
        renderVideos(plan, out.resolve("videos"), onClipDone);
        long t2 = System.nanoTime();
        return new Result(plan, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    /** Builds the plan and writes all JSON (annotations, labels, meta), without rendering any video. */
    public SynthPlan writePlan(Path out) throws IOException {
        SynthPlan plan = SynthPlan.build(config);
        OutputDirectory.prepare(out, plan);
        Files.createDirectories(out.resolve("labels"));
        for (Split s : Split.values()) {
            AnnotationWriter.write(out.resolve(s.fileName()), plan.questions().get(s));
        }
        for (Scene scene : plan.scenes()) {
            LabelWriter.write(out.resolve("labels").resolve(scene.videoId() + ".json"), scene, config);
        }
        MetaWriter.write(out.resolve("meta.json"), plan);
        return plan;
    }

    private void renderVideos(SynthPlan plan, Path videos, IntConsumer onClipDone) throws IOException {
        Files.createDirectories(videos);
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "synth-render");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<ClipRenderer> renderers = ThreadLocal.withInitial(() -> {
            try {
                return new ClipRenderer(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Scene scene : plan.scenes()) {
                futures.add(pool.submit(() -> {
                    renderers.get().render(scene, videos.resolve(scene.videoId() + ".mp4"));
                    onClipDone.accept(done.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering clips", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("rendering failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
