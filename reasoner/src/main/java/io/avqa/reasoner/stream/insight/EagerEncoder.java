package io.avqa.reasoner.stream.insight;

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
 * computes the question-independent state of the new window right away (SaSR-Net steps 1-5) and forwards it
 * to the insight emitter and the standing-question tracker. Other streams are left alone: their windows are
 * encoded lazily, on the first question. A window that is not yet full cannot be encoded (the model reads
 * exactly T steps), so nothing is forwarded until it is.
 */
public final class EagerEncoder implements Processor<String, Embedding, String, EncodedWindow> {
    private static final Logger LOG = LoggerFactory.getLogger(EagerEncoder.class);
    private final ModelWorkers workers;
    private final Window window;
    private final EagerPolicy policy;
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
    }

    @Override
    public void process(Record<String, Embedding> record) {
        String streamId = record.value().getStreamId();
        if (!policy.always(streamId) && !standing.any(streamId)) {
            return;
        }
        long[] seqs = windows.current(streamId);
        if (seqs.length < window.steps()) {
            return;
        }
        WindowFeatures features = windows.features(streamId, seqs);
        if (features == null) {
            return;
        }
        // Looked up per record: the thread that processes a task is the one whose model must be used.
        EncodedWindow encoded;
        try {
            ModelWorker worker = workers.current();
            encoded = worker.encode(streamId, features);
        } catch (RuntimeException e) {
            // The window stays stored; a question on it will retry (and answer ERROR if it fails again).
            LOG.warn("cannot encode the window {}..{} of {}: {}", seqs[0], seqs[seqs.length - 1], streamId, e.toString());
            return;
        }
        context.forward(new Record<>(streamId, encoded, record.timestamp()));
    }
}
