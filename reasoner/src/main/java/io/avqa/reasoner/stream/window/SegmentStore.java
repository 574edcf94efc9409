package io.avqa.reasoner.stream.window;

import org.apache.kafka.streams.state.KeyValueStore;

import io.avqa.schemas.Embedding;

/**
 * The kept segments of every stream of a task, one store entry per segment (key {@code streamId@seq}), so a
 * new segment writes one embedding to the changelog instead of rewriting the whole window.
 */
public final class SegmentStore {
    private final KeyValueStore<String, Embedding> store;

    public SegmentStore(KeyValueStore<String, Embedding> store) {
        this.store = store;
    }

    static String key(String streamId, long seq) {
        return streamId + "@" + seq;
    }

    public void put(Embedding embedding) {
        store.put(key(embedding.getStreamId(), embedding.getSeq()), embedding);
    }

    public Embedding get(String streamId, long seq) {
        return store.get(key(streamId, seq));
    }

    public void delete(String streamId, long seq) {
        store.delete(key(streamId, seq));
    }
}
