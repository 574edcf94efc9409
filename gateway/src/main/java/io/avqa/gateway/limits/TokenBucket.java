package io.avqa.gateway.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code capacity} permits, refilled continuously at {@code perSecond}.
 * Not thread-safe: each bucket is used from one Vert.x context.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double permits;
    private long lastNanos;

    public TokenBucket(double perSecond, int capacity, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
        this.permits = capacity;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** Takes one permit if there is one. */
    public boolean tryTake() {
        refill();
        if (permits >= 1) {
            permits -= 1;
            return true;
        }
        return false;
    }

    /** Whole permits available now. */
    public int available() {
        refill();
        return (int) permits;
    }

    /** True when the bucket is full again, i.e. it holds no memory of past requests and can be forgotten. */
    public boolean isFull() {
        refill();
        return permits >= capacity;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        permits = Math.min(capacity, permits + (now - lastNanos) * perNano);
        lastNanos = now;
    }
}
