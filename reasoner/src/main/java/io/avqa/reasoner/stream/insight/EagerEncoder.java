package io.avqa.reasoner.stream.insight;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.runtime.EagerEncoderPool;
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
 * emitter and the standing-question tracker. Other streams are left alone: their windows are encoded lazily, on
 * the first question. A window that is not yet full cannot be encoded (the model reads exactly T steps), so
 * nothing is forwarded until it is.
 *
 * <p>Unbatched, the window is encoded right here, on the stream thread. Otherwise it goes to the
 * {@link EagerEncoderPool}, and a wall-clock punctuation every {@code flushMs} publishes what the pool finished
 * for this task: into the thread's window cache (where questions find it) and downstream, with the timestamp of
 * the embedding that moved the window. The stream thread stays free for questions meanwhile. Windows the pool
 * finished but this task had not published when it closed (rebalance, shutdown) are not published; their
 * embeddings' offsets may already be committed, so those insights are lost, and the stream's next segment
 * re-evaluates its standing questions.
 */
public final class EagerEncoder implements Processor<String, Embedding, String, EncodedWindow> {
    private static final Logger LOG = LoggerFactory.getLogger(EagerEncoder.class);

    private final ModelWorkers workers;
    private final Window window;
    private final EagerPolicy policy;
    private ProcessorContext<String, EncodedWindow> context;
    private StreamWindows windows;
    private StandingQuestions standing;
    private EagerEncoderPool pool;
    private Finished finished;

    public EagerEncoder(ModelWorkers workers, Window window, EagerPolicy policy) {
        this.workers = workers;
        this.window = window;
        this.policy = policy;
    }

    @Override
    public void init(ProcessorContext<String, EncodedWindow> context) {
        this.context = context;
        this.windows = StreamWindows.from(context, window).cachingSegments();
        this.standing = StandingQuestions.from(context);
        if (policy.pooled()) {
            pool = workers.eagerPool(policy.encoderThreads(), policy.batch(), policy.lingerMs(),
                    policy.encoderNice());
            finished = new Finished();
            context.schedule(Duration.ofMillis(policy.flushMs()), PunctuationType.WALL_CLOCK_TIME,
                    now -> publish());
        }
    }

    @Override
    public void process(Record<String, Embedding> record) {
        String streamId = record.value().getStreamId();
        if (!policy.always(streamId) && !standing.any(streamId)) {
            return;
        }
        long[] seqs = windows.current(streamId); // one index read per embedding
        if (seqs.length < window.steps()) {
            return;
        }
        WindowFeatures f = windows.features(streamId, seqs);
        if (f == null) {
            return;
        }
        if (pool != null) {
            pool.submit(streamId, f, record.timestamp(), finished);
            return;
        }
        EncodedWindow encoded;
        try {
            encoded = workers.current().encode(streamId, f);
        } catch (RuntimeException e) {
            // The window stays stored; a question on it will retry (and answer ERROR if it fails again).
            LOG.warn("cannot encode the window of {}: {}", streamId, e.toString());
            return;
        }
        context.forward(new Record<>(streamId, encoded, record.timestamp()));
    }

    /** Publishes the windows the pool finished for this task, oldest first. */
    private void publish() {
        ModelWorker worker = workers.current();
        for (Done d = finished.queue.poll(); d != null; d = finished.queue.poll()) {
            pool.published(d.streamId());
            if (d.window() == null) {
                continue;
            }
            context.forward(new Record<>(d.streamId(), d.window(), d.timestamp()));
            // The thread's cache keeps it for questions, unless it already holds a newer window of the stream.
            worker.offer(d.window());
        }
    }

    @Override
    public void close() {
        if (finished != null) {
            finished.closed = true;
            for (Done d = finished.queue.poll(); d != null; d = finished.queue.poll()) {
                pool.published(d.streamId());
                if (d.window() != null) {
                    d.window().close();
                }
            }
        }
    }

    /** A window the pool finished (or failed: null), waiting for this task's next publication. */
    private record Done(String streamId, EncodedWindow window, long timestamp) {
    }

    /** This task's inbox, filled by pool threads and emptied by the stream thread. */
    private static final class Finished implements EagerEncoderPool.Sink {
        final ConcurrentLinkedQueue<Done> queue = new ConcurrentLinkedQueue<>();
        volatile boolean closed;

        @Override
        public boolean deliver(EncodedWindow window, long timestamp) {
            if (closed) {
                return false;
            }
            queue.add(new Done(window.streamId(), window, timestamp));
            return true;
        }

        @Override
        public boolean failed(String streamId, RuntimeException cause) {
            if (closed) {
                return false;
            }
            queue.add(new Done(streamId, null, 0));
            return true;
        }
    }
}
