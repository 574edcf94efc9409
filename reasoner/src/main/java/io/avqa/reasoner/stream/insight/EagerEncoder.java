package io.avqa.reasoner.stream.insight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.runtime.EncodedWindow;
import io.avqa.reasoner.stream.runtime.ModelWorker;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.standing.StandingQuestions;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.reasoner.stream.window.WindowFeatures;
import io.avqa.schemas.Embedding;

/**
 * The eager path: when an eager stream's window moved (it has standing questions, or the policy names it),
 * computes the question-independent state of the new window (SaSR-Net steps 1-5) and forwards it to the insight
 * emitter and the standing-question tracker. Changed windows wait in the stream thread's {@link ModelWorker} and
 * are encoded together, one forward pass for every task of the thread (when {@code batch} windows wait, or when
 * the oldest has waited {@code flushMs}), which halves the CPU per window; a stream whose window moves twice before
 * a flush is encoded once, at its newest window. Other streams are left alone: their windows are encoded lazily,
 * on the first question. A window that is not yet full cannot be encoded (the model reads exactly T steps), so
 * nothing is forwarded until it is.
 */
public final class EagerEncoder implements Processor<String, Embedding, String, EncodedWindow> {
    private static final Logger LOG = LoggerFactory.getLogger(EagerEncoder.class);

    private final ModelWorkers workers;
    private final Window window;
    private final EagerPolicy policy;
    /** This task's streams whose window changed since its last flush. */
    private final Map<String, Waiting> pending = new LinkedHashMap<>();
    private ProcessorContext<String, EncodedWindow> context;
    private StreamWindows windows;
    private StandingQuestions standing;
    /** Wall-clock time at which the oldest entry of {@code pending} arrived. */
    private long oldestPendingMs;

    public EagerEncoder(ModelWorkers workers, Window window, EagerPolicy policy) {
        this.workers = workers;
        this.window = window;
        this.policy = policy;
    }

    @Override
    public void init(ProcessorContext<String, EncodedWindow> context) {
        this.context = context;
        this.windows = StreamWindows.from(context, window);
        this.standing = StandingQuestions.from(context);
        if (policy.batch() > 1) {
            context.schedule(Duration.ofMillis(policy.flushMs()), PunctuationType.WALL_CLOCK_TIME, this::flushIfDue);
        }
    }

    @Override
    public void process(Record<String, Embedding> record) {
        String streamId = record.value().getStreamId();
        if (!policy.always(streamId) && !standing.any(streamId)) {
            return;
        }
        if (windows.current(streamId).length < window.steps()) {
            return;
        }
        WindowFeatures f = windows.features(streamId, windows.current(streamId));
        if (f == null) {
            return;
        }
        if (pending.isEmpty()) {
            oldestPendingMs = context.currentSystemTimeMs();
        }
        pending.put(streamId, new Waiting(f, record.timestamp()));
        ModelWorker worker = workers.current();
        worker.await(streamId, f);
        if (worker.waiting() >= policy.batch()) {
            flush();
        }
    }

    /**
     * The wall-clock flush: only once the oldest pending window has waited {@code flushMs}. Kafka Streams runs due
     * punctuators after every few records, and an encode outlasts the interval, so flushing whatever waits would,
     * under load, encode one window at a time (2.4x the CPU per window of a batch of 8 for sasr-base) just when
     * batching matters; waiting lets the buffered records fill the batch first.
     */
    private void flushIfDue(long now) {
        if (!pending.isEmpty() && now - oldestPendingMs >= policy.flushMs()) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(pending.keySet());
        List<Waiting> waiting = new ArrayList<>(pending.values());
        pending.clear();
        List<EncodedWindow> encoded;
        try {
            // Looked up per call: the thread that processes a task is the one whose model must be used. Encodes
            // the windows other tasks of this thread queued too; theirs wait in the cache for their own flush.
            ModelWorker worker = workers.current();
            worker.encodeWaiting();
            encoded = worker.encodeAll(ids, waiting.stream().map(Waiting::features).toList());
        } catch (RuntimeException e) {
            // The windows stay stored; a question on them will retry (and answer ERROR if it fails again).
            LOG.warn("cannot encode the windows of {}: {}", ids, e.toString());
            return;
        }
        for (int i = 0; i < encoded.size(); i++) {
            context.forward(new Record<>(ids.get(i), encoded.get(i), waiting.get(i).timestamp()));
        }
    }

    /** A changed window waiting for the flush, with the timestamp of the record that changed it. */
    private record Waiting(WindowFeatures features, long timestamp) {
    }
}
