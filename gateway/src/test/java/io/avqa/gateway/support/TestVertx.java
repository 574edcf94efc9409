package io.avqa.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;

/**
 * A Vert.x instance for tests that records Vert.x's blocked-thread warnings, so a test fails when an event
 * loop waits (sleep, lock, blocking call) for more than {@link #MAX_EVENT_LOOP_MS} ms, or runs one task for
 * more than {@link #MAX_RUNNING_MS} ms (checked every 50 ms).
 */
public final class TestVertx {
    /** An event loop waiting this long fails the test. */
    public static final long MAX_EVENT_LOOP_MS = 500;
    /** An event loop running one task this long fails the test, however loaded the machine is. */
    public static final long MAX_RUNNING_MS = 2_000;

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
            Thread thread = event.thread();
            if (!thread.getName().startsWith("vert.x-eventloop")) {
                return;
            }
            Thread.State state = thread.getState();
            boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED;
            // Waiting (sleep, lock, future.get) for MAX_EVENT_LOOP_MS is blocking. A RUNNABLE thread may
            // just be starved of CPU on a loaded 2-core machine (load averages of 10+ happen while other
            // modules build), so running code only counts past MAX_RUNNING_MS.
            if (waiting || event.duration() / 1_000_000 > MAX_RUNNING_MS) {
                StringBuilder where = new StringBuilder(thread.getName() + " " + state + " for "
                        + event.duration() / 1_000_000 + " ms at");
                StackTraceElement[] stack = thread.getStackTrace();
                for (int i = 0; i < Math.min(40, stack.length); i++) {
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
