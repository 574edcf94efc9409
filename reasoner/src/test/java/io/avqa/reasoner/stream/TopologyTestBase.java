package io.avqa.reasoner.stream;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.stream.runtime.ModelWorkers;
import io.avqa.reasoner.stream.window.StreamWindows;
import io.avqa.reasoner.stream.window.WindowIndex;
import io.avqa.schemas.Answer;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;

/** A TopologyTestDriver around the reasoner topology with a small untrained model, and typed topics. */
abstract class TopologyTestBase {
    static final int T = 4;
    static final Topics TOPICS = Topics.defaults();
    static final String GATEWAY = "gateway-1";

    @TempDir
    static Path modelDir;
    @TempDir
    Path stateDir;

    static ModelSource source;
    ModelWorkers workers;
    TopologyTestDriver driver;
    TestInputTopic<String, Embedding> embeddings;
    TestInputTopic<byte[], byte[]> rawEmbeddings;
    TestInputTopic<byte[], byte[]> rawQuestions;
    TestOutputTopic<String, Answer> answers;
    TestOutputTopic<String, Insight> insights;
    TestOutputTopic<byte[], DeadLetter> dlq;
    int questions;

    @BeforeAll
    static void model() {
        source = ModelSource.of(TestModels.save(modelDir, Preset.SASR_SMALL, T, 1));
    }

    @BeforeEach
    void start() {
        // Unbatched: each changed window is encoded at once, so outputs follow inputs without wall-clock time.
        open(EagerPolicy.standingOnly().unbatched());
    }

    /** Opens the driver with the policy as given (tests of batching pass a batched policy). */
    void open(EagerPolicy eager) {
        workers = new ModelWorkers(source, 64);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reasoner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ReasonerTopology.build(TOPICS, workers, eager, props), props);
        embeddings = driver.createInputTopic(TOPICS.embeddings().name(), new StringSerializer(),
                TOPICS.embeddings().valueSerde().serializer());
        rawEmbeddings = driver.createInputTopic(TOPICS.embeddings().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        rawQuestions = driver.createInputTopic(TOPICS.questions().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        answers = driver.createOutputTopic(TOPICS.answers().name(), new StringDeserializer(),
                TOPICS.answers().valueSerde().deserializer());
        insights = driver.createOutputTopic(TOPICS.insights().name(), new StringDeserializer(),
                TOPICS.insights().valueSerde().deserializer());
        dlq = driver.createOutputTopic(TOPICS.dlq().name(), new ByteArrayDeserializer(),
                TOPICS.dlq().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        workers.close();
    }

    void segment(String stream, long seq, int scene) {
        embeddings.pipeInput(stream, embedding(stream, seq, scene));
    }

    String ask(String stream, String text, QuestionMode mode) {
        String id = "q" + (++questions);
        askWithId(id, stream, text, mode);
        return id;
    }

    void askWithId(String id, String stream, String text, QuestionMode mode) {
        rawQuestions.pipeInput(stream.getBytes(StandardCharsets.UTF_8),
                Contracts.QUESTION.encode(question(id, stream, text, mode, GATEWAY)));
    }

    Answer onlyAnswer() {
        List<Answer> all = answers.readValuesToList();
        assertEquals(1, all.size(), "answers: " + all);
        return all.get(0);
    }

    WindowIndex index(String stream) {
        KeyValueStore<String, WindowIndex> store = driver.getKeyValueStore(StreamWindows.INDEX_STORE);
        return store.get(stream);
    }

}
