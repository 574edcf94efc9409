package io.avqa.app.scale;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waiting on the outside world: the child processes and the broker move at their own pace, so the test polls
 * a condition with a deadline and says what it was waiting for when the deadline passes.
 */
final class Waits {
    /** A condition that may need I/O to evaluate. */
    interface Condition {
        boolean met() throws Exception;
    }

    private Waits() {
    }

    /** Polls {@code condition} every {@code every} until it holds; fails naming {@code what} after {@code timeout}. */
    static void until(String what, Duration timeout, Duration every, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(every.toMillis());
        }
    }

    /** Lets the load run until {@code epochMs}. */
    static void untilTime(long epochMs) throws InterruptedException {
        long left = epochMs - System.currentTimeMillis();
        if (left > 0) {
            TimeUnit.MILLISECONDS.sleep(left);
        }
    }
}
