package io.avqa.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Binary encoding of one avqa record type with a small header that makes foreign bytes detectable and
 * lets older writers' records be read after a schema change.
 *
 * <p>Wire format: magic byte {@code 0xA7}, format version {@code 1}, the 8-byte CRC-64-AVRO fingerprint of
 * the writer's schema (big-endian), then the Avro binary body. A reader knows the current schema and any
 * older ones passed in {@code history}; it resolves an older writer schema to the current one.
 *
 * <p>Thread-safe: readers and writers are created per call (they are cheap; the schema parsing is not).
 */
public final class AvroCodec<T extends SpecificRecord> {
    static final byte MAGIC = (byte) 0xA7;
    static final byte FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 10;

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final Map<Long, Schema> writerSchemas;

    private AvroCodec(Class<T> type, Schema schema, List<Schema> history) {
        this.type = type;
        this.schema = schema;
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        List<Schema> known = new ArrayList<>(history);
        known.add(schema);
        this.writerSchemas = known.stream().collect(Collectors.toUnmodifiableMap(
                SchemaNormalization::parsingFingerprint64, Function.identity(), (a, b) -> a));
    }

    /** A codec for a generated Avro class; {@code history} are older versions of its schema still readable. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema current, List<Schema> history) {
        return new AvroCodec<>(type, current, history);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema current) {
        return new AvroCodec<>(type, current, List.of());
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC);
        out.write(FORMAT_VERSION);
        out.writeBytes(ByteBuffer.allocate(8).putLong(fingerprint).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<T>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // A record that cannot be written is a programming error (e.g. a null in a non-null field).
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public T decode(byte[] bytes) throws RecordDecodeException {
        String what = type.getSimpleName();
        if (bytes == null) {
            throw new RecordDecodeException("no bytes (null value) where a " + what + " was expected");
        }
        if (bytes.length < HEADER_BYTES || bytes[0] != MAGIC) {
            throw new RecordDecodeException("not an avqa record (" + bytes.length + " bytes, no 0xA7 header) where a "
                    + what + " was expected");
        }
        if (bytes[1] != FORMAT_VERSION) {
            throw new RecordDecodeException("unknown avqa wire format version " + bytes[1] + " for " + what);
        }
        long writerFingerprint = ByteBuffer.wrap(bytes, 2, 8).getLong();
        Schema writer = writerSchemas.get(writerFingerprint);
        if (writer == null) {
            throw new RecordDecodeException(String.format(
                    "%s written with an unknown schema (fingerprint %016x): a newer producer or another record type", what,
                    writerFingerprint));
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null);
        try {
            T record = new SpecificDatumReader<T>(writer, schema).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new RecordDecodeException(what + " has trailing bytes after the record body");
            }
            return record;
        } catch (IOException | RuntimeException e) {
            // Avro reports corrupt bodies as EOF, negative lengths, bad union indexes, OOM-sized arrays, ...
            throw new RecordDecodeException("corrupt " + what + " body: " + e, e);
        }
    }
}
