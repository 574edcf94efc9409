package io.avqa.gateway.specs;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.avqa.gateway.kafka.StreamSpecConsumer.SpecListener;
import io.avqa.schemas.StreamSpec;

/**
 * This gateway's view of the compacted stream-spec topic: every managed stream's latest spec. Fed by the topic's
 * tail and, for read-your-writes, by the gateway's own acknowledged writes; each key remembers the offset of the
 * record it shows, so the tail's older records of that key (read after the gateway applied its own newer write)
 * change nothing. Ids being written by this gateway are reserved, so two concurrent adds of one id here cannot
 * both pass the duplicate check (two gateways adding one id at once still race: the later write wins).
 *
 * <p>Threading: the gateway's context only.
 */
public final class ManagedStreams implements SpecListener {
    private record Entry(StreamSpec spec, long offset) {
    }

    private final Map<String, Entry> specs = new HashMap<>();
    /** Offsets of the tombstones applied, so an older spec of a removed key read late does not revive it. */
    private final Map<String, Long> removedAt = new HashMap<>();
    private final Set<String> writing = new HashSet<>();
    private final Consumer<String> onRemoved;
    private boolean loaded;

    /** @param onRemoved called with the stream id when a spec is removed (by any gateway) */
    public ManagedStreams(Consumer<String> onRemoved) {
        this.onRemoved = onRemoved;
    }

    @Override
    public void spec(String streamId, StreamSpec spec, int partition, long offset) {
        long applied = Math.max(specs.containsKey(streamId) ? specs.get(streamId).offset() : -1,
                removedAt.getOrDefault(streamId, -1L));
        if (offset <= applied) {
            return; // this gateway already shows this record or a newer one of the key
        }
        if (spec != null) {
            specs.put(streamId, new Entry(spec, offset));
            removedAt.remove(streamId);
        } else {
            removedAt.put(streamId, offset);
            if (specs.remove(streamId) != null) {
                onRemoved.accept(streamId);
            }
        }
    }

    /** Whether the specs that were on the topic when the gateway started have all been read. */
    public boolean isLoaded() {
        return loaded;
    }

    @Override
    public void loaded() {
        loaded = true;
    }

    public Optional<StreamSpec> get(String streamId) {
        Entry e = specs.get(streamId);
        return e == null ? Optional.empty() : Optional.of(e.spec());
    }

    /**
     * Whether the stream's spec was removed (and not added again) while this gateway read the topic, or before, as
     * long as Kafka keeps the tombstone (the topic's delete.retention.ms).
     */
    public boolean wasRemoved(String streamId) {
        return removedAt.containsKey(streamId);
    }

    /** Every managed stream's spec, by id. */
    public List<StreamSpec> all() {
        return specs.values().stream().map(Entry::spec).sorted(Comparator.comparing(StreamSpec::getStreamId)).toList();
    }

    /** Reserves the id for a write of this gateway; false when one is in flight already. */
    boolean reserve(String streamId) {
        return writing.add(streamId);
    }

    void release(String streamId) {
        writing.remove(streamId);
    }
}
