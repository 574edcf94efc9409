package io.avqa.app.scale;

import java.util.List;

/** The longest pause in a series of event times: how long a stage of the pipeline stood still around a fault. */
final class Gaps {
    private Gaps() {
    }

    /**
     * The longest time between consecutive {@code times} (ascending, epoch ms), counting only the part of each gap
     * after {@code from}, over gaps that end after {@code from} and start before {@code until}; a series that
     * stops before {@code until} counts its silence up to {@code until}.
     */
    static long longest(List<Long> times, long from, long until) {
        long longest = 0;
        long previous = from;
        for (long t : times) {
            if (t > from && previous < until) {
                longest = Math.max(longest, Math.min(t, until) - Math.max(previous, from));
            }
            previous = Math.max(previous, t);
        }
        return Math.max(longest, previous < until ? until - previous : 0);
    }
}
