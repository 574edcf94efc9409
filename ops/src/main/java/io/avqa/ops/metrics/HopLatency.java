package io.avqa.ops.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Latency between two pipeline stages, from the epoch-millisecond timing fields the records carry (a segment's
 * {@code ingestMs}, an embedding's {@code featuresMs}, a question's {@code askedMs}, ...). Exposed as the
 * Prometheus histogram {@code avqa_hop_latency_seconds{hop="..."}} with fixed buckets from 5 ms to 30 s, so
 * quantiles can be aggregated across instances. Clocks of different machines add their skew; negative
 * differences (skew) count as 0.
 */
public final class HopLatency {
    public static final String METER = "avqa.hop.latency";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<Hop, Timer> timers = new ConcurrentHashMap<>();

    /** The hops the pipeline measures; the Prometheus label is the lower-case name. */
    public enum Hop {
        /** segment produced by ingest to its embedding produced by features */
        INGEST_TO_FEATURES,
        /** embedding produced to the insight the reasoner computed from its window */
        FEATURES_TO_INSIGHT,
        /** segment produced to the insight about it: the dashboard's delay behind the stream */
        INGEST_TO_INSIGHT,
        /** question asked at the gateway to its answer produced by the reasoner */
        QUESTION_TO_ANSWER,
        /** age of the newest segment of the window an answer used, when the answer was produced */
        INGEST_TO_ANSWER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HopLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records {@code toMs - fromMs}; skipped when either is 0 (field not set by an older producer). */
    public void record(Hop hop, long fromMs, long toMs) {
        if (fromMs <= 0 || toMs <= 0) {
            return;
        }
        timer(hop).record(Duration.ofMillis(Math.max(0, toMs - fromMs)));
    }

    public Timer timer(Hop hop) {
        return timers.computeIfAbsent(hop, h -> Timer.builder(METER).tag("hop", h.label())
                .description("latency between two pipeline stages, from the records' timing fields")
                .serviceLevelObjectives(BUCKETS).register(registry));
    }
}
