package io.avqa.reasoner.stream.window;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

import io.avqa.reasoner.model.Window;
import io.avqa.schemas.Embedding;

/**
 * Read access to one task's windows: the per-stream index and the kept segments. Shared by every processor
 * that answers questions; only {@link WindowUpdater} writes.
 */
public final class StreamWindows {
    /** Store names; the topology wires them to the processors that use them. */
    public static final String INDEX_STORE = "stream-windows";
    public static final String SEGMENT_STORE = "window-segments";

    private final KeyValueStore<String, WindowIndex> index;
    private final SegmentStore segments;
    private final Window window;

    public StreamWindows(KeyValueStore<String, WindowIndex> index, KeyValueStore<String, Embedding> segments,
            Window window) {
        this.index = index;
        this.segments = new SegmentStore(segments);
        this.window = window;
    }

    /** Looks the stores up in a processor's context. */
    public static StreamWindows from(ProcessingContext context, Window window) {
        return new StreamWindows(context.getStateStore(INDEX_STORE), context.getStateStore(SEGMENT_STORE), window);
    }

    public Window window() {
        return window;
    }

    /** The stream's index, or null when no embedding of it was ever kept. */
    public WindowIndex index(String streamId) {
        return index.get(streamId);
    }

    /** The seqs of the stream's current window, oldest first; empty for an unknown stream. */
    public long[] current(String streamId) {
        WindowIndex i = index(streamId);
        return i == null ? new long[0] : i.select(window);
    }

    /** The inputs of a window, or null when one of its segments is missing from the store. */
    public WindowFeatures features(String streamId, long[] seqs) {
        return WindowFeatures.read(segments, streamId, seqs);
    }

    void put(String streamId, WindowIndex updated) {
        index.put(streamId, updated);
    }

    SegmentStore segments() {
        return segments;
    }
}
