package io.avqa.reasoner.stream.window;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Store and changelog format of a {@link WindowIndex}: version byte, late, duplicates, count, seqs (big-endian). */
public final class WindowIndexSerde implements Serde<WindowIndex> {
    private static final byte VERSION = 1;

    @Override
    public Serializer<WindowIndex> serializer() {
        return (topic, index) -> {
            if (index == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 4 + 8 * index.kept().length);
            b.put(VERSION).putLong(index.late()).putLong(index.duplicates()).putInt(index.kept().length);
            for (long seq : index.kept()) {
                b.putLong(seq);
            }
            return b.array();
        };
    }

    @Override
    public Deserializer<WindowIndex> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte version = b.get();
            if (version != VERSION) {
                throw new SerializationException("window index format " + version + " is not " + VERSION);
            }
            long late = b.getLong();
            long duplicates = b.getLong();
            long[] kept = new long[b.getInt()];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = b.getLong();
            }
            return new WindowIndex(kept, late, duplicates);
        };
    }
}
