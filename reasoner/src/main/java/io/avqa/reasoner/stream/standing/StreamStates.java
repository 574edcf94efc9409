package io.avqa.reasoner.stream.standing;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.codec.RecordDecodeException;

/**
 * The latest state of every stream, from the compacted {@code avqa.streams} topic, kept in a global store: the
 * status topic has one partition while questions and embeddings have many, so only a global store lets every
 * task see whether its streams have ended. Values are the state name, or {@code ENDED: reason}.
 */
public final class StreamStates {
    public static final String STORE = "stream-states";

    private final KeyValueStore<String, String> store;

    private StreamStates(KeyValueStore<String, String> store) {
        this.store = store;
    }

    public static StreamStates from(org.apache.kafka.streams.processor.api.ProcessingContext context) {
        return new StreamStates(context.getStateStore(STORE));
    }

    /** Why the stream is over (ENDED or FAILED at ingest), or null while it may still send segments. */
    public String endReason(String streamId) {
        String v = store.get(streamId);
        return v != null && (v.startsWith(StreamState.ENDED.name()) || v.startsWith(StreamState.FAILED.name()))
                ? v : null;
    }

    /**
     * Keeps the global store current. A record that does not decode is logged and skipped: global stores
     * cannot forward to the dead-letter topic, and the next status of that stream replaces it anyway.
     */
    public static final class Updater implements Processor<byte[], byte[], Void, Void> {
        private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.value() == null) {
                return;
            }
            StreamStatus s;
            try {
                s = Contracts.STREAM_STATUS.decode(record.value());
            } catch (RecordDecodeException e) {
                LOG.warn("skipping a stream status that does not decode: {}", e.getMessage());
                return;
            }
            String reason = s.getReason() == null ? "" : ": " + s.getReason();
            store.put(s.getStreamId(), s.getState().name() + reason);
        }
    }
}
