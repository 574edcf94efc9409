package io.avqa.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Question;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.Segment;
import io.avqa.schemas.SourceKind;
import io.avqa.schemas.WindowFill;
import io.avqa.schemas.topic.Topics;

class AvroCodecTest {

    static Segment segment() {
        return Segment.newBuilder()
                .setStreamId("cam-1").setSeq(7).setStartMs(1_000L)
                .setFrame(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}))
                .setFrameWidth(224).setFrameHeight(224)
                .setAudio(ByteBuffer.wrap(new byte[32_000]))
                .setAudioMissing(false).setIngestMs(2_000L).setSourceKind(SourceKind.FILE).setLive(true)
                .build();
    }

    @Test
    void roundTripsASegment() throws Exception {
        Segment original = segment();
        Segment decoded = Contracts.SEGMENT.decode(Contracts.SEGMENT.encode(original));
        assertEquals(original, decoded);
    }

    @Test
    void rejectsForeignBytesWithATypedError() {
        byte[] json = "{\"streamId\":\"cam-1\"}".getBytes(StandardCharsets.UTF_8);
        RecordDecodeException e = assertThrows(RecordDecodeException.class, () -> Contracts.SEGMENT.decode(json));
        assertTrue(e.getMessage().contains("not an avqa record"), e.getMessage());
    }

    @Test
    void rejectsARecordOfAnotherTypeByItsSchemaFingerprint() {
        Question question = Question.newBuilder().setQuestionId("q1").setStreamId("cam-1").setText("How many?")
                .setMode(QuestionMode.ONCE).setReplyTo("gw-1").setClientId("c").setAskedMs(1).build();
        byte[] bytes = Contracts.QUESTION.encode(question);
        RecordDecodeException e = assertThrows(RecordDecodeException.class, () -> Contracts.SEGMENT.decode(bytes));
        assertTrue(e.getMessage().contains("unknown schema"), e.getMessage());
    }

    @Test
    void rejectsTruncatedAndCorruptBodies() {
        byte[] bytes = Contracts.SEGMENT.encode(segment());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(RecordDecodeException.class, () -> Contracts.SEGMENT.decode(truncated));

        byte[] corrupt = bytes.clone();
        corrupt[AvroCodec.HEADER_BYTES] = (byte) 0x7F; // streamId length: a zig-zag -64, a negative length
        assertThrows(RecordDecodeException.class, () -> Contracts.SEGMENT.decode(corrupt));

        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 3);
        RecordDecodeException e = assertThrows(RecordDecodeException.class, () -> Contracts.SEGMENT.decode(trailing));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void serdeSurfacesDecodeFailuresAsSerializationExceptionsNamingTheTopic() {
        var serde = Topics.defaults().segments().valueSerde();
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("avqa.segments", new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().startsWith("on avqa.segments"), e.getMessage());
        assertTrue(e.getCause() instanceof RecordDecodeException);
    }

    @Test
    void readsARecordWrittenWithAnOlderSchemaVersionAndFillsDefaults() throws Exception {
        // An older Answer schema without the "revision" field, as a v0 producer would have written it.
        Schema current = Answer.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().stream().filter(f -> !f.name().equals("revision"))
                .forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        Schema older = Schema.createRecord("Answer", null, "io.avqa.schemas", false, fields);

        GenericRecord old = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            if (f.hasDefaultValue()) {
                old.put(f.name(), GenericData.get().getDefaultValue(f));
            }
        }
        old.put("questionId", "q-1");
        old.put("streamId", "cam-1");
        old.put("replyTo", "gw-1");
        old.put("status", new GenericData.EnumSymbol(older.getField("status").schema(), "OK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroCodec.MAGIC);
        out.write(AvroCodec.FORMAT_VERSION);
        out.writeBytes(ByteBuffer.allocate(8).putLong(SchemaNormalization.parsingFingerprint64(older)).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(old, encoder);
        encoder.flush();

        AvroCodec<Answer> withoutHistory = AvroCodec.of(Answer.class, current);
        assertThrows(RecordDecodeException.class, () -> withoutHistory.decode(out.toByteArray()));

        Answer read = AvroCodec.of(Answer.class, current, List.of(older)).decode(out.toByteArray());
        assertEquals("q-1", read.getQuestionId());
        assertEquals(AnswerStatus.OK, read.getStatus());
        assertEquals(0, read.getRevision(), "missing field takes its default");
    }

    @Test
    void anEmbeddingFromAV1WriterReadsWithAnUnknownAudioLevel() throws Exception {
        Schema v1 = Contracts.released("Embedding", "v1");
        GenericRecord old = new GenericData.Record(v1);
        Schema map = v1.getField("visualMap").schema();
        GenericRecord visualMap = new GenericData.Record(map);
        visualMap.put("channels", 512);
        visualMap.put("height", 14);
        visualMap.put("width", 14);
        visualMap.put("fp16", ByteBuffer.allocate(4));
        old.put("streamId", "cam-1");
        old.put("seq", 7L);
        old.put("startMs", 1L);
        old.put("audio", List.of(0.5f));
        old.put("visual", List.of(0.25f));
        old.put("visualMap", visualMap);
        old.put("backboneId", "seeded-v1");
        old.put("audioMissing", false);
        old.put("live", true);
        old.put("ingestMs", 2L);
        old.put("featuresMs", 3L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroCodec.MAGIC);
        out.write(AvroCodec.FORMAT_VERSION);
        out.writeBytes(ByteBuffer.allocate(8).putLong(SchemaNormalization.parsingFingerprint64(v1)).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
        encoder.flush();

        Embedding read = Contracts.EMBEDDING.decode(out.toByteArray());
        assertEquals(7L, read.getSeq());
        assertNull(read.getAudioLevelDb(), "v1 had no level: unknown, not silence");
    }

    @Test
    void aNoDataAnswerFromAV3WriterReadsWithoutAWindowFill() throws Exception {
        Schema v3 = Contracts.released("Answer", "v3");
        GenericRecord old = new GenericRecordBuilder(v3).set("questionId", "q-1").set("streamId", "cam-1")
                .set("replyTo", "gw-1").set("status", new GenericData.EnumSymbol(v3.getField("status").schema(), "NO_DATA"))
                .set("reason", "the window holds 3 of 10 segments").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AvroCodec.MAGIC);
        out.write(AvroCodec.FORMAT_VERSION);
        out.writeBytes(ByteBuffer.allocate(8).putLong(SchemaNormalization.parsingFingerprint64(v3)).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v3).write(old, encoder);
        encoder.flush();

        Answer read = Contracts.ANSWER.decode(out.toByteArray());
        assertEquals(AnswerStatus.NO_DATA, read.getStatus());
        assertEquals("the window holds 3 of 10 segments", read.getReason());
        assertNull(read.getWindowFill(), "v3 had no fill: the reason is all a client gets");
    }

    @Test
    void aWindowFillRoundTrips() throws Exception {
        Answer noData = Answer.newBuilder().setQuestionId("q-2").setStreamId("cam-1").setReplyTo("gw-1")
                .setStatus(AnswerStatus.NO_DATA).setWindowFill(new WindowFill(3, 10, 1)).build();
        assertEquals(new WindowFill(3, 10, 1), Contracts.ANSWER.decode(Contracts.ANSWER.encode(noData)).getWindowFill());
    }

    @Test
    void encodedHeaderCarriesMagicAndVersion() {
        byte[] bytes = Contracts.SEGMENT.encode(segment());
        assertArrayEquals(new byte[] {AvroCodec.MAGIC, AvroCodec.FORMAT_VERSION}, Arrays.copyOf(bytes, 2));
    }
}
