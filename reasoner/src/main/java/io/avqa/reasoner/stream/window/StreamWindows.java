package io.avqa.reasoner.stream.window;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

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
    /** With {@link #cachingSegments}: per stream, the decoded segments of its last window read, by seq. */
    private Map<String, Map<Long, WindowFeatures.Segment>> recent;
    static final int CACHED_STREAMS = 64;

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

    /**
     * Keeps the decoded segments of each stream's last window read in memory, for a reader that reads every
     * window (the eager path): a window shares all but one segment with the previous one, and reading its 10
     * segments from RocksDB and decoding their Avro and fp16 maps for every window was most of a stream thread's
     * own work (the fp16 decode alone 40% of its Java samples at 30 eager streams). Costs one window of decoded
     * segments (about 6 MB at T=10: the floats and the embedding's fp16 map) per stream, for the
     * {@value #CACHED_STREAMS} streams read most recently. Safe because a kept segment never changes: a seq is written
     * once (duplicates are ignored) and a seq that left the window never returns.
     */
    public StreamWindows cachingSegments() {
        recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<Long, WindowFeatures.Segment>> eldest) {
                return size() > CACHED_STREAMS;
            }
        };
        return this;
    }

    /**
     * The inputs of a window (references to its decoded segments), or null when one of its segments is missing
     * from the store.
     */
    public WindowFeatures features(String streamId, long[] seqs) {
        if (recent == null) {
            return WindowFeatures.gather(this::decoded, streamId, seqs);
        }
        Map<Long, WindowFeatures.Segment> last = recent.getOrDefault(streamId, Map.of());
        Map<Long, WindowFeatures.Segment> now = new HashMap<>();
        WindowFeatures window = WindowFeatures.gather((stream, seq) -> {
            WindowFeatures.Segment s = last.get(seq);
            if (s == null) {
                s = decoded(stream, seq);
            }
            if (s != null) {
                now.put(seq, s);
            }
            return s;
        }, streamId, seqs);
        recent.put(streamId, now);
        return window;
    }

    private WindowFeatures.Segment decoded(String streamId, long seq) {
        Embedding e = segments.get(streamId, seq);
        return e == null ? null : WindowFeatures.Segment.decode(e);
    }

    void put(String streamId, WindowIndex updated) {
        index.put(streamId, updated);
    }

    SegmentStore segments() {
        return segments;
    }
}
