package io.avqa.gateway.bench;

import java.util.HashMap;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One simulated dashboard user: asks a ONCE question every {@code periodMs} and records the time to each
 * terminal reply. Confined to its WebSocket's event loop.
 */
final class LoadClient {
    private final Vertx vertx;
    private final WebSocket socket;
    private final String stream;
    private final long periodMs;
    private final long[] sentAt;
    private final long[] latencyNanos;
    private final long[] repliedSentAt;
    private final boolean[] measured;
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private final Map<String, Integer> errors = new HashMap<>();
    /** During the warm-up a client asks every WARMUP_EVERY-th second only. */
    static final int WARMUP_EVERY = 5;

    private int ticks;
    private int sent;
    private int answered;
    private int latencies;
    private long timer = -1;
    private volatile boolean stopped;
    private boolean closedEarly;

    LoadClient(Vertx vertx, WebSocket socket, String stream, long periodMs, int maxQuestions) {
        this.vertx = vertx;
        this.socket = socket;
        this.stream = stream;
        this.periodMs = periodMs;
        this.sentAt = new long[maxQuestions];
        this.latencyNanos = new long[maxQuestions];
        this.repliedSentAt = new long[maxQuestions];
        this.measured = new boolean[maxQuestions];
        socket.textMessageHandler(this::onMessage);
        socket.closeHandler(v -> closedEarly = !stopped);
    }

    /** Starts asking after {@code offsetMs}, so clients spread their questions over the second. */
    void start(long offsetMs) {
        vertx.setTimer(Math.max(1, offsetMs), t -> {
            tick();
            timer = vertx.setPeriodic(periodMs, id -> tick());
        });
    }

    private synchronized void tick() {
        ticks++;
        if (stopped || sent >= sentAt.length) {
            return;
        }
        if (System.nanoTime() < measureFromNanos && ticks % WARMUP_EVERY != 1) {
            return; // warm-up at a fifth of the rate: the JIT compiles without a backlog building up
        }
        int seq = sent++;
        sentAt[seq] = System.nanoTime();
        measured[seq] = sentAt[seq] >= measureFromNanos;
        socket.writeTextMessage(new JsonObject().put("v", 1).put("type", "ask").put("id", Integer.toString(seq))
                .put("stream", stream).put("question", "Is the violin in the video always playing?").encode());
    }

    private synchronized void onMessage(String text) {
        JsonObject m = new JsonObject(text);
        String type = m.getString("type");
        if ("answer".equals(type) && m.getBoolean("final", true)) {
            answered++;
            record(m.getString("id"));
        } else if ("error".equals(type)) {
            errors.merge(m.getString("code"), 1, Integer::sum);
        }
    }

    private void record(String id) {
        int seq = Integer.parseInt(id);
        long latency = System.nanoTime() - sentAt[seq];
        repliedSentAt[latencies] = sentAt[seq];
        latencyNanos[latencies++] = measured[seq] ? latency : -latency; // negative: sent during warm-up
    }

    /** Questions sent from now on count in the steady-state percentiles. */
    void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    synchronized int sent() {
        return sent;
    }

    synchronized int answered() {
        return answered;
    }

    synchronized Map<String, Integer> errors() {
        return errors;
    }

    synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean closedEarly() {
        return closedEarly;
    }

    /** Reply times of every answered question, in ns; negative for questions sent during the warm-up. */
    synchronized long[] latencies() {
        return java.util.Arrays.copyOf(latencyNanos, latencies);
    }

    /** When each answered question was sent ({@link System#nanoTime()}), parallel to {@link #latencies()}. */
    synchronized long[] sentTimes() {
        return java.util.Arrays.copyOf(repliedSentAt, latencies);
    }

    WebSocket socket() {
        return socket;
    }
}
