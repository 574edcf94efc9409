package io.avqa.reasoner.stream.runtime;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * DJL inference time of the reasoner's model, for {@code /metrics}: {@code avqa.reasoner.inference} with
 * {@code part=encode} per window (a batch's time divided over its windows) and {@code part=answer} per question.
 */
final class InferenceTimers {
    private final Timer encode;
    private final Timer answer;

    InferenceTimers(MeterRegistry registry) {
        encode = Timer.builder("avqa.reasoner.inference").tag("part", "encode")
                .description("SaSR-Net steps 1-5 per window (batched windows share their batch's time)")
                .publishPercentileHistogram().register(registry);
        answer = Timer.builder("avqa.reasoner.inference").tag("part", "answer")
                .description("SaSR-Net steps 7-9 per question on an encoded window")
                .publishPercentileHistogram().register(registry);
    }

    void encoded(int windows, long nanos) {
        for (int i = 0; i < windows; i++) {
            encode.record(nanos / windows, TimeUnit.NANOSECONDS);
        }
    }

    void answered(long nanos) {
        answer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
