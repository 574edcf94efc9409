package io.avqa.gateway.support;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The guard every gateway test relies on must itself catch a blocked event loop. */
class TestVertxTest {

    @Test
    void waitingOnTheEventLoopFailsTheCheck() throws Exception {
        TestVertx testVertx = TestVertx.create();
        try {
            CountDownLatch never = new CountDownLatch(1);
            // Deliberately block an event loop (what the gateway must never do) and wait until it is done.
            CountDownLatch done = new CountDownLatch(1);
            testVertx.vertx().runOnContext(v -> {
                try {
                    never.await(TestVertx.MAX_EVENT_LOOP_MS + 400, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            AssertionError error = assertThrows(AssertionError.class, testVertx::assertNoBlockedEventLoop);
            assertTrue(error.getMessage().contains("TIMED_WAITING"), error.getMessage());
        } finally {
            testVertx.close();
        }
    }
}
