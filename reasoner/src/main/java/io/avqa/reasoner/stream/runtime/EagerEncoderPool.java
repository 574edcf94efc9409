package io.avqa.reasoner.stream.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.reasoner.engine.ThreadNiceness;
import io.avqa.reasoner.stream.window.WindowFeatures;

/**
 * Threads that run SaSR-Net steps 1-5 for eager streams off the Kafka Streams threads. A stream thread only
 * queues a changed window here and later publishes the result, so a question never waits behind a batch of
 * windows (8 sasr-base windows take about 230 ms, a question 8 ms). Each pool thread has its own model and, per
 * forward pass, takes up to {@code batch} queued windows once {@link #FULL_ENOUGH} are queued or the oldest has
 * waited the linger time: a pass of 8 costs about half the CPU per window of one at a time, and without the
 * linger the threads encoded each window as it came until the cores ran out (26 sasr-base streams on 2 Zen 4
 * cores: 52 ms of CPU per window against 28 in passes of 8). Streams are served in the order their windows
 * arrived. At most one window per stream waits: when the pool falls behind, a stream's newer window replaces its
 * waiting one (which is counted as skipped and never published), so the backlog, and the memory it holds (a
 * waiting window keeps its decoded segments alive, 4 MB at T=10, until a pool thread copies them into its batch),
 * is bounded by the number of eager streams instead of growing until the heap runs out. The threads run at a
 * raised nice value: when the cores are busy, a question's stream thread and Kafka's I/O take a core before the
 * next batch does.
 */
public final class EagerEncoderPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EagerEncoderPool.class);

    /** Where a finished window goes: the stream task that asked. */
    public interface Sink {
        /** Takes the window (and then owns it); false when the task is gone, and the pool closes the window. */
        boolean deliver(EncodedWindow window, long timestamp);

        /**
         * The window could not be encoded; it stays in the store and a question on it will retry. False when the
         * task is gone.
         */
        boolean failed(String streamId, RuntimeException cause);
    }

    /**
     * A window to encode: references to its decoded segments, copied into a batch by the pool thread;
     * {@code queuedNanos} is when its stream's turn in line began.
     */
    private record Request(String streamId, WindowFeatures features, long timestamp, Sink sink, long queuedNanos) {
    }

    /**
     * Windows per pass beyond which waiting for more gains little: on one Zen 4 core a sasr-base window costs
     * 54 ms of CPU alone, 38 in a pass of 2, 32 of 4, 28 of 8 and 28 of 16 (sasr-small 16, 13, 11, 10, 8.5).
     */
    static final int FULL_ENOUGH = 8;

    /** Waiting windows by stream, in arrival order; guarded by {@code lock}. */
    private final Map<String, Request> waiting = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final AtomicLong skipped = new AtomicLong();
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int batch;
    private final int fullEnough;
    private final long lingerNanos;
    private final int nice;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong windowsEncoded = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param source   the model each thread loads its own copy of
     * @param threads  pool threads (each a model copy and, when busy, a core)
     * @param batch    most windows per forward pass
     * @param lingerMs how long a thread waits for a fuller batch ({@link #FULL_ENOUGH} windows, or
     *                 {@code batch} if fewer) once a window is queued; 0 encodes whatever is queued at once
     * @param nice     the threads' Linux nice value: background priority, below the stream threads
     * @param timers   where the encode times go
     */
    EagerEncoderPool(ModelSource source, int threads, int batch, long lingerMs, int nice, int cachedWindows,
            InferenceTimers timers) {
        this.batch = batch;
        this.fullEnough = Math.min(batch, FULL_ENOUGH);
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMs);
        this.nice = nice;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> run(source, cachedWindows, timers), "avqa-eager-encoder-" + i);
            t.setDaemon(true);
            this.threads.add(t);
            t.start();
        }
    }

    /**
     * Queues one window of {@code streamId} (the stream thread hands over references to the decoded segments;
     * the 4 MB copy into the model's layout happens on the pool thread). The result reaches {@code sink} from a
     * pool thread.
     */
    public void submit(String streamId, WindowFeatures features, long timestamp, Sink sink) {
        pending.computeIfAbsent(streamId, k -> new AtomicInteger()).incrementAndGet();
        Request replaced;
        lock.lock();
        try {
            // put keeps an existing key's place in line, and the request its start of waiting: the stream does
            // not lose its turn
            Request before = waiting.get(streamId);
            replaced = waiting.put(streamId, new Request(streamId, features, timestamp, sink,
                    before == null ? System.nanoTime() : before.queuedNanos()));
            arrived.signal();
        } finally {
            lock.unlock();
        }
        if (replaced != null) {
            skipped.incrementAndGet();
            published(streamId);
        }
    }

    /**
     * Up to {@code batch} waiting windows, oldest first, once {@link #fullEnough} are waiting or the oldest has
     * waited {@link #lingerNanos}; empty after 100 ms with nothing queued (so that {@link #close} is seen).
     */
    private List<Request> take() throws InterruptedException {
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                arrived.await(100, TimeUnit.MILLISECONDS);
            }
            while (running && !waiting.isEmpty() && waiting.size() < fullEnough) {
                long left = waiting.values().iterator().next().queuedNanos() + lingerNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                arrived.awaitNanos(left);
            }
            List<Request> taken = new ArrayList<>(Math.min(batch, waiting.size()));
            Iterator<Request> it = waiting.values().iterator();
            while (it.hasNext() && taken.size() < batch) {
                taken.add(it.next());
                it.remove();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks one window of {@code streamId} as published (or failed), called by the stream thread once it has
     * taken the result: until then, {@link #pending} says a newer window is on its way.
     */
    public void published(String streamId) {
        AtomicInteger n = pending.get(streamId);
        if (n != null && n.decrementAndGet() <= 0) {
            pending.remove(streamId, n);
        }
    }

    /** Windows of {@code streamId} queued, being encoded, or encoded but not yet published. */
    public int pending(String streamId) {
        AtomicInteger n = pending.get(streamId);
        return n == null ? 0 : Math.max(0, n.get());
    }

    /** Windows waiting for a pool thread (at most one per stream). */
    public int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Forward passes so far; {@link #encoded()} / passes is the mean batch. */
    public long passes() {
        return passes.get();
    }

    /** Windows encoded so far. */
    public long encoded() {
        return windowsEncoded.get();
    }

    /** Windows replaced by a newer window of their stream before a pool thread took them. */
    public long skipped() {
        return skipped.get();
    }

    private void run(ModelSource source, int cachedWindows, InferenceTimers timers) {
        String why = ThreadNiceness.lowerCurrentThread(nice);
        if (why != null) {
            LOG.warn("eager encoder thread {} keeps its CPU priority (nice {} wanted): {}",
                    Thread.currentThread().getName(), nice, why);
        }
        try (ModelWorker worker = new ModelWorker(source.open(), cachedWindows, timers)) {
            while (running) {
                List<Request> taken = take();
                if (!taken.isEmpty()) {
                    encode(worker, taken);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("eager encoder thread failed to start: {}", e.toString(), e);
        }
    }

    private void encode(ModelWorker worker, List<Request> requests) {
        List<EncodedWindow> encoded;
        try {
            encoded = worker.encodeBatch(requests.stream().map(Request::streamId).toList(),
                    requests.stream().map(Request::features).toList());
            passes.incrementAndGet();
            windowsEncoded.addAndGet(encoded.size());
        } catch (RuntimeException e) {
            LOG.warn("cannot encode the windows of {}: {}", requests.stream().map(Request::streamId).toList(),
                    e.toString());
            for (Request r : requests) {
                if (!r.sink().failed(r.streamId(), e)) {
                    published(r.streamId());
                }
            }
            return;
        }
        for (int i = 0; i < encoded.size(); i++) {
            Request r = requests.get(i);
            if (!r.sink().deliver(encoded.get(i), r.timestamp())) {
                encoded.get(i).close();
                published(r.streamId());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
