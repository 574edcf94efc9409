package io.avqa.ingest.service;

/**
 * Paces a replayed file: segment k of a timeline is released when k+1 seconds (divided by the rate)
 * have passed since the timeline started, as a live source would deliver it. Rate 0 never waits.
 */
final class Pacer {
    private final double rate;
    private long timelineStartNanos;
    private long timelineFirstSeq;

    Pacer(double rate) {
        this.rate = rate;
    }

    void startTimeline(long firstSeq) {
        timelineStartNanos = System.nanoTime();
        timelineFirstSeq = firstSeq;
    }

    /** Blocks until {@code seq} is due. */
    void awaitRelease(long seq) throws InterruptedException {
        if (rate <= 0) {
            return;
        }
        long dueNanos = timelineStartNanos + (long) (((seq - timelineFirstSeq) + 1) * 1e9 / rate);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
