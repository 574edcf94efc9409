package io.avqa.reasoner.stream.answer;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where a new question's time in the reasoner goes, for {@code /metrics}: {@code avqa.reasoner.question} with
 * {@code phase=waited} (from the question's askedMs, the asker's clock, to the moment a stream thread takes it up:
 * the hop into Kafka and the reasoner plus any queue behind other records) and {@code phase=worked} (taking it
 * up to the answer: classification, the window's read, its encode when no cached state covers it, steps 7-9). A
 * slow round trip with a short worked time is waiting, not the model.
 */
public final class QuestionTimers {
    public static final String NAME = "avqa.reasoner.question";

    private final Timer waited;
    private final Timer worked;

    private QuestionTimers(Timer waited, Timer worked) {
        this.waited = waited;
        this.worked = worked;
    }

    /** The timers in {@code registry} (every task's answerer shares them: registering again returns them). */
    public static QuestionTimers in(MeterRegistry registry) {
        return new QuestionTimers(timer(registry, "waited", "new question: asked until a stream thread takes it up"),
                timer(registry, "worked", "new question: taken up until answered"));
    }

    private static Timer timer(MeterRegistry registry, String phase, String description) {
        return Timer.builder(NAME).tag("phase", phase).description(description).publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void record(long waitedMs, long workedNanos) {
        waited.record(Math.max(0, waitedMs), TimeUnit.MILLISECONDS);
        worked.record(workedNanos, TimeUnit.NANOSECONDS);
    }
}
