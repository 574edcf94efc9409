package io.avqa.ingest.service;

import java.time.Duration;

/**
 * Exponential reconnect backoff: initial, doubled per failed attempt, capped at max.
 *
 * @param maxAttempts consecutive failed attempts before the stream is marked FAILED (0 = never give up)
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0);
    }

    /** Delay before attempt {@code n} (n = 1 for the first retry). */
    public Duration delay(int n) {
        long millis = initial.toMillis() << Math.min(Math.max(n - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    public boolean exhausted(int attempts) {
        return maxAttempts > 0 && attempts >= maxAttempts;
    }
}
