package io.avqa.gateway.limits;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per token subject, shared by all that token's sockets and HTTP requests.
 * Buckets that have refilled completely are forgotten (checked every {@value #SWEEP_EVERY} requests),
 * so memory follows the number of recently active tokens, not all tokens ever seen.
 *
 * <p>Not thread-safe: used on the gateway's context only.
 */
public final class RateLimiter {
    static final int SWEEP_EVERY = 4096;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private int sinceSweep;

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    public boolean tryAcquire(String subject) {
        if (++sinceSweep >= SWEEP_EVERY) {
            sweep();
        }
        return buckets.computeIfAbsent(subject, s -> new TokenBucket(perSecond, burst, nanoClock)).tryTake();
    }

    int trackedSubjects() {
        return buckets.size();
    }

    void sweep() {
        sinceSweep = 0;
        for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext();) {
            if (it.next().isFull()) {
                it.remove();
            }
        }
    }
}
