package io.avqa.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import io.avqa.schemas.Answer;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.Question;
import io.avqa.schemas.Segment;
import io.avqa.schemas.StreamSpec;
import io.avqa.schemas.StreamStatus;

/**
 * The codecs of every avqa record type, each able to read its released older versions (kept in
 * {@code schema-history/vN/} on the classpath; {@link #RELEASED_VERSIONS} lists them).
 */
public final class Contracts {
    /** Released schema versions, oldest first. Add a version here when a changed schema is released. */
    public static final List<String> RELEASED_VERSIONS = List.of("v1", "v2", "v3", "v4", "v5");

    public static final AvroCodec<Segment> SEGMENT = codec(Segment.class, Segment.getClassSchema());
    public static final AvroCodec<Embedding> EMBEDDING = codec(Embedding.class, Embedding.getClassSchema());
    public static final AvroCodec<Question> QUESTION = codec(Question.class, Question.getClassSchema());
    public static final AvroCodec<Answer> ANSWER = codec(Answer.class, Answer.getClassSchema());
    public static final AvroCodec<Insight> INSIGHT = codec(Insight.class, Insight.getClassSchema());
    public static final AvroCodec<StreamStatus> STREAM_STATUS = codec(StreamStatus.class, StreamStatus.getClassSchema());
    public static final AvroCodec<DeadLetter> DEAD_LETTER = codec(DeadLetter.class, DeadLetter.getClassSchema());
    public static final AvroCodec<ModelTemplates> MODEL_TEMPLATES =
            codec(ModelTemplates.class, ModelTemplates.getClassSchema());

    public static final AvroCodec<StreamSpec> STREAM_SPEC = codec(StreamSpec.class, StreamSpec.getClassSchema());

    public static final List<AvroCodec<?>> ALL = List.of(SEGMENT, EMBEDDING, QUESTION, ANSWER, INSIGHT, STREAM_STATUS,
            DEAD_LETTER, MODEL_TEMPLATES, STREAM_SPEC);

    /** Record types added after v1, with the first version that released them; none is older. */
    public static final Map<String, String> FIRST_RELEASED = Map.of("ModelTemplates", "v3", "StreamSpec", "v5");

    private Contracts() {
    }

    /** Whether {@code recordName} existed at released {@code version}. */
    public static boolean existedAt(String recordName, String version) {
        String first = FIRST_RELEASED.getOrDefault(recordName, RELEASED_VERSIONS.get(0));
        return RELEASED_VERSIONS.indexOf(version) >= RELEASED_VERSIONS.indexOf(first);
    }

    /** The released schema of {@code recordName} at {@code version}, or null if it did not exist then. */
    public static Schema released(String recordName, String version) {
        String path = "/schema-history/" + version + "/" + recordName + ".avsc";
        try (InputStream in = Contracts.class.getResourceAsStream(path)) {
            return in == null ? null : new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static <T extends SpecificRecord> AvroCodec<T> codec(Class<T> type, Schema current) {
        List<Schema> history = new ArrayList<>();
        for (String version : RELEASED_VERSIONS) {
            Schema old = released(type.getSimpleName(), version);
            if (old != null) {
                history.add(old);
            }
        }
        return AvroCodec.of(type, current, history);
    }
}
