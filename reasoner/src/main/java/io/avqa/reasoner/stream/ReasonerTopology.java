package io.avqa.reasoner.stream;

import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.model.Window;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.answer.QuestionAnswerer;
import io.avqa.reasoner.stream.answer.QuestionDecoder;
import io.avqa.reasoner.stream.insight.EagerEncoder;
import io.avqa.reasoner.stream.insight.InsightEmitter;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.standing.StandingQuestionCanceller;
import io.avqa.reasoner.stream.standing.StandingQuestionSerde;
import io.avqa.reasoner.stream.standing.StandingQuestionTracker;
import io.avqa.reasoner.stream.standing.StandingQuestions;
import io.avqa.reasoner.stream.standing.StreamStates;
import io.avqa.reasoner.stream.window.EmbeddingDecoder;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.reasoner.stream.window.WindowIndexSerde;
import io.avqa.reasoner.stream.window.WindowUpdater;
import io.avqa.schemas.topic.Topics;

/**
 * The reasoner's Kafka Streams topology, assembled in one place (DESIGN.md section 4):
 * <pre>
 * embeddings ─► decode-embedding ─► update-window ─► encode-eagerly ─┬► emit-insight ─► insights
 *                    │                                                └► track-standing ─► answers
 * questions  ─► decode-question ─┬► answer-question ─────────────────────────────────────► answers
 *                    │           └► cancel-standing ─────────────────────────────────────► answers
 *                    └──────────────────► dead-letters ◄── (decode-embedding)
 * streams (global) ─► update-stream-state ─► stream-states   (read by cancel-standing's end check)
 * </pre>
 * Both sources are co-partitioned by streamId, so one task holds a stream's window and its questions; all
 * processors of that task share the changelogged stores {@code stream-windows} (per-stream index),
 * {@code window-segments} (one embedding per kept segment) and {@code standing-questions}.
 */
public final class ReasonerTopology {
    public static final String EMBEDDINGS = "embeddings";
    public static final String QUESTIONS = "questions";
    public static final String DECODE_EMBEDDING = "decode-embedding";
    public static final String UPDATE_WINDOW = "update-window";
    public static final String ENCODE_EAGERLY = "encode-eagerly";
    public static final String EMIT_INSIGHT = "emit-insight";
    public static final String TRACK_STANDING = "track-standing";
    public static final String DECODE_QUESTION = "decode-question";
    public static final String ANSWER_QUESTION = "answer-question";
    public static final String CANCEL_STANDING = "cancel-standing";
    public static final String STREAM_STATES = "stream-states-source";
    public static final String UPDATE_STREAM_STATE = "update-stream-state";
    public static final String ANSWERS = "answers";
    public static final String INSIGHTS = "insights";
    public static final String DEAD_LETTERS = "dead-letters";

    private ReasonerTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param topics  topic names and serdes
     * @param workers the per-thread models (their card fixes the window, model id and backbone)
     * @param eager   which streams are encoded on every segment besides those with standing questions
     * @param streams the application's Kafka Streams properties
     */
    public static Topology build(Topics topics, ModelWorkers workers, EagerPolicy eager, Properties streams) {
        ModelCard card = workers.card();
        Window window = card.window();
        // with the application's properties: a topology without them makes Kafka Streams read, and warn about,
        // its defaults
        Topology t = new Topology(new TopologyConfig(new StreamsConfig(streams)));
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();

        t.addSource(EMBEDDINGS, bytes, bytes, topics.embeddings().name());
        t.addProcessor(DECODE_EMBEDDING, () -> new EmbeddingDecoder(card.backboneId(), UPDATE_WINDOW, DEAD_LETTERS),
                EMBEDDINGS);
        t.addProcessor(UPDATE_WINDOW, () -> new WindowUpdater(window), DECODE_EMBEDDING);
        t.addProcessor(ENCODE_EAGERLY, () -> new EagerEncoder(workers, window, eager), UPDATE_WINDOW);
        t.addProcessor(EMIT_INSIGHT, () -> new InsightEmitter(card), ENCODE_EAGERLY);
        t.addProcessor(TRACK_STANDING, () -> new StandingQuestionTracker(workers, window), ENCODE_EAGERLY);

        t.addSource(QUESTIONS, bytes, bytes, topics.questions().name());
        t.addProcessor(DECODE_QUESTION, () -> new QuestionDecoder(ANSWER_QUESTION, CANCEL_STANDING, DEAD_LETTERS),
                QUESTIONS);
        t.addProcessor(ANSWER_QUESTION, () -> new QuestionAnswerer(workers, window), DECODE_QUESTION);
        t.addProcessor(CANCEL_STANDING, () -> new StandingQuestionCanceller(card.modelId()), DECODE_QUESTION);

        t.addStateStore(store(StreamWindows.INDEX_STORE, Serdes.serdeFrom(new WindowIndexSerde().serializer(),
                new WindowIndexSerde().deserializer())), UPDATE_WINDOW, ENCODE_EAGERLY, TRACK_STANDING,
                ANSWER_QUESTION);
        t.addStateStore(store(StreamWindows.SEGMENT_STORE, topics.embeddings().valueSerde()), UPDATE_WINDOW,
                ENCODE_EAGERLY, TRACK_STANDING, ANSWER_QUESTION);
        t.addStateStore(store(StandingQuestions.STORE, new StandingQuestionSerde()), ENCODE_EAGERLY,
                TRACK_STANDING, ANSWER_QUESTION, CANCEL_STANDING);

        // the streams' states, for closing standing questions when their stream ends (see StreamStates)
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StreamStates.STORE),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), STREAM_STATES, bytes, bytes,
                topics.streams().name(), UPDATE_STREAM_STATE, StreamStates.Updater::new);

        t.addSink(ANSWERS, topics.answers().name(), topics.answers().keySerde().serializer(),
                topics.answers().valueSerde().serializer(), ANSWER_QUESTION, CANCEL_STANDING, TRACK_STANDING);
        t.addSink(INSIGHTS, topics.insights().name(), topics.insights().keySerde().serializer(),
                topics.insights().valueSerde().serializer(), EMIT_INSIGHT);
        t.addSink(DEAD_LETTERS, topics.dlq().name(), topics.dlq().keySerde().serializer(),
                topics.dlq().valueSerde().serializer(), DECODE_EMBEDDING, DECODE_QUESTION);
        return t;
    }

    private static <V> StoreBuilder<?> store(String name, org.apache.kafka.common.serialization.Serde<V> values) {
        KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
        // Changelogged (the default); no record cache, so a question right after a segment sees it.
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values).withCachingDisabled();
    }
}
