package io.avqa.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;

/**
 * A Vert.x instance for tests that records every blocked-thread warning, so a test fails when anything
 * blocks an event loop for more than {@link #MAX_EVENT_LOOP_MS} ms (checked every 50 ms).
 */
public final class TestVertx {
    /** Low enough to catch blocking I/O, high enough for a loaded 2-core CI machine. */
    public static final long MAX_EVENT_LOOP_MS = 500;

    private final Vertx vertx;
    private final List<String> blocked = new CopyOnWriteArrayList<>();

    private TestVertx() {
        JvmWarmup.once();
        vertx = Vertx.vertx(new VertxOptions()
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(MAX_EVENT_LOOP_MS).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> {
            // Only event-loop threads count: workers may block by design.
            if (event.thread().getName().startsWith("vert.x-eventloop")) {
                StringBuilder where = new StringBuilder(event.thread().getName() + " for "
                        + event.duration() / 1_000_000 + " ms at");
                StackTraceElement[] stack = event.thread().getStackTrace();
                for (int i = 0; i < Math.min(60, stack.length); i++) {
                    where.append("\n    ").append(stack[i]);
                }
                blocked.add(where.toString());
            }
        });
    }

    public static TestVertx create() {
        return new TestVertx();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Fails with the blocked threads' names and durations when any event loop was blocked. */
    public void assertNoBlockedEventLoop() {
        if (!blocked.isEmpty()) {
            String report = String.join("\n", blocked);
            blocked.clear(); // report each episode once, in the test that saw it
            throw new AssertionError("event loop blocked: " + report);
        }
    }

    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
