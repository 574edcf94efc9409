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
 * emitter and the standing-question tracker. Changed windows are collected and encoded together, one forward
 * pass per batch (when {@code batch} streams wait, or every {@code flushMs} of wall-clock time), which halves the
 * CPU per window; a stream whose window moves twice before a flush is encoded once, at its newest window. Other
 * streams are left alone: their windows are encoded lazily, on the first question. A window that is not yet full
 * cannot be encoded (the model reads exactly T steps), so nothing is forwarded until it is.
 */
public final class EagerEncoder implements Processor<String, Embedding, String, EncodedWindow> {
    private static final Logger LOG = LoggerFactory.getLogger(EagerEncoder.class);

    private final ModelWorkers workers;
    private final Window window;
    private final EagerPolicy policy;
    /** Streams whose window changed since the last flush, with the timestamp of the record that changed it. */
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private ProcessorContext<String, EncodedWindow> context;
    private StreamWindows windows;
    private StandingQuestions standing;

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
            context.schedule(Duration.ofMillis(policy.flushMs()), PunctuationType.WALL_CLOCK_TIME, now -> flush());
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
        pending.put(streamId, record.timestamp());
        if (pending.size() >= policy.batch()) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<WindowFeatures> features = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        for (Map.Entry<String, Long> e : pending.entrySet()) {
            WindowFeatures f = windows.features(e.getKey(), windows.current(e.getKey()));
            if (f != null) {
                ids.add(e.getKey());
                features.add(f);
                timestamps.add(e.getValue());
            }
        }
        pending.clear();
        List<EncodedWindow> encoded;
        try {
            // Looked up per call: the thread that processes a task is the one whose model must be used.
            ModelWorker worker = workers.current();
            encoded = worker.encodeAll(ids, features);
        } catch (RuntimeException e) {
            // The windows stay stored; a question on them will retry (and answer ERROR if it fails again).
            LOG.warn("cannot encode the windows of {}: {}", ids, e.toString());
            return;
        }
        for (int i = 0; i < encoded.size(); i++) {
            context.forward(new Record<>(ids.get(i), encoded.get(i), timestamps.get(i)));
        }
    }
}
