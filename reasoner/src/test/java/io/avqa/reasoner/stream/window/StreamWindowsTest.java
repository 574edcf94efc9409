package io.avqa.reasoner.stream.window;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.TestEmbeddings;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.topic.Topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading a window's features from the segment store, with and without the eager path's decoded-segment cache. */
class StreamWindowsTest {
    static final int T = 4;
    static final long[] FIRST = {0, 1, 2, 3};
    static final long[] SECOND = {1, 2, 3, 4};

    private KeyValueStore<String, Embedding> store;
    private SegmentStore segments;
    private StreamWindows plain;
    private StreamWindows cached;

    @BeforeEach
    void stores() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("segments"), Serdes.String(),
                Topics.defaults().embeddings().valueSerde()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        segments = new SegmentStore(store);
        plain = new StreamWindows(null, store, new Window(T, 1));
        cached = new StreamWindows(null, store, new Window(T, 1)).cachingSegments();
        for (long seq = 0; seq < T; seq++) {
            segments.put(TestEmbeddings.embedding("cam1", seq, 1 + (int) seq));
        }
    }

    @Test
    void theCacheServesTheSameFeaturesAndKeepsOnlyTheLastWindowReadPerStream() {
        WindowFeatures first = plain.features("cam1", FIRST);
        assertNotNull(first);
        assertEquals(first, cached.features("cam1", FIRST));

        segments.delete("cam1", 2);
        assertNull(plain.features("cam1", FIRST), "the store lost a segment");
        assertEquals(first, cached.features("cam1", FIRST), "the cache still holds the window it read last");

        segments.put(TestEmbeddings.embedding("cam1", 4, 5));
        WindowFeatures second = cached.features("cam1", SECOND);
        segments.put(TestEmbeddings.embedding("cam1", 2, 3));
        assertEquals(plain.features("cam1", SECOND), second, "shared segments from memory, the new one from the store");

        segments.delete("cam1", 0);
        assertNull(cached.features("cam1", FIRST), "a segment that left the window read last is forgotten");
    }
}
