package io.avqa.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3, nanos::get);
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake(), "burst of 3 used up");
        nanos.addAndGet(250_000_000L); // 0.25 s at 2/s = half a permit
        assertFalse(bucket.tryTake());
        nanos.addAndGet(250_000_000L);
        assertTrue(bucket.tryTake(), "one permit after 0.5 s");
        assertFalse(bucket.tryTake());
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(100, 5, nanos::get);
        nanos.addAndGet(60_000_000_000L);
        assertEquals(5, bucket.available());
        assertTrue(bucket.isFull());
    }

    @Test
    void rateLimiterKeepsOneBucketPerSubjectAndForgetsFullOnes() {
        RateLimiter limiter = new RateLimiter(1, 2, nanos::get);
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "a used its burst");
        assertTrue(limiter.tryAcquire("b"), "b has its own bucket");
        assertEquals(2, limiter.trackedSubjects());
        nanos.addAndGet(10_000_000_000L);
        limiter.sweep();
        assertEquals(0, limiter.trackedSubjects(), "refilled buckets are forgotten");
    }

    @Test
    void connectionCounterCapsPerSubject() {
        ConnectionCounter counter = new ConnectionCounter(2);
        assertTrue(counter.tryOpen("a"));
        assertTrue(counter.tryOpen("a"));
        assertFalse(counter.tryOpen("a"));
        assertTrue(counter.tryOpen("b"));
        counter.close("a");
        assertTrue(counter.tryOpen("a"));
        assertEquals(2, counter.openFor("a"));
    }
}
