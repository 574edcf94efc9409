package io.avqa.reasoner.stream.kafka;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.stream.OfflineAnswers;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.reasoner.stream.answer.ConfidenceBand;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.WindowFill;
import io.avqa.schemas.topic.Topics;

/** The reasoner service on the real embedded broker: answers, standing questions, dead letters. */
class ReasonerKafkaTest {
    @RegisterExtension
    static final Extension BROKER = SharedBroker.extension();
    static final int T = 4;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PREFIX = "it-" + UUID.randomUUID() + ".";
    static final Topics TOPICS = Topics.withPrefix(PREFIX);

    @TempDir
    static Path dir;
    static Path model;
    static ReasonerService reasoner;
    static KafkaFixture kafka;

    @BeforeAll
    static void start() throws InterruptedException {
        SharedBroker.createTopics(TOPICS);
        model = TestModels.save(dir.resolve("model"), Preset.SASR_SMALL, T, 1);
        kafka = new KafkaFixture(TOPICS);
        // The eager streams publish an insight per segment: the tests' signal that a segment was processed.
        // Unbatched, so every window of the standing-question test is evaluated (batching may skip a stream's
        // intermediate window when two segments arrive within one flush).
        reasoner = KafkaFixture.start(PREFIX, "reasoner-" + UUID.randomUUID(), model, dir.resolve("state"),
                new EagerPolicy(false, Set.of("live-1", "live-2", "live-3")).unbatched(), false);
    }

    @AfterAll
    static void stop() {
        if (reasoner != null) {
            reasoner.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static void awaitInsight(String stream, long seq) {
        try (TopicTail<String, Insight> insights = new TopicTail<>(SharedBroker.bootstrapServers(), TOPICS.insights())) {
            List<ConsumerRecord<String, Insight>> seen = insights.readUntil(all -> all.stream()
                    .anyMatch(r -> r.value().getStreamId().equals(stream) && r.value().getSeq() == seq), WAIT);
            assertTrue(seen.stream().anyMatch(r -> r.value().getStreamId().equals(stream) && r.value().getSeq() == seq),
                    "no insight for " + stream + "#" + seq);
        }
    }

    static List<Answer> answersTo(TopicTail<String, Answer> reader, String questionId, int atLeast,
            Duration timeout) {
        return reader.readUntil(all -> all.stream().filter(r -> r.value().getQuestionId().equals(questionId))
                .count() >= atLeast, timeout).stream().map(ConsumerRecord::value)
                .filter(a -> a.getQuestionId().equals(questionId)).toList();
    }

    @Test
    void answersAQuestionLikeTheModelOfflineOnTheSameWindow() {
        List<Embedding> sent = new ArrayList<>();
        for (long seq = 0; seq < T + 2; seq++) {
            Embedding e = embedding("live-1", seq, 4);
            sent.add(e);
            kafka.send(e);
        }
        awaitInsight("live-1", T + 1);
        kafka.send(question("q-offline", "live-1", TestModels.WHERE, QuestionMode.ONCE, "gw-a"));
        try (TopicTail<String, Answer> answers = new TopicTail<>(SharedBroker.bootstrapServers(), TOPICS.answers());
                SaSRModel offline = ModelSource.of(model).open()) {
            List<ConsumerRecord<String, Answer>> records = answers.readUntil(
                    all -> all.stream().anyMatch(r -> r.value().getQuestionId().equals("q-offline")), WAIT);
            ConsumerRecord<String, Answer> r = records.stream()
                    .filter(x -> x.value().getQuestionId().equals("q-offline")).findFirst().orElseThrow();
            assertEquals("gw-a", r.key(), "answers are keyed by the asking gateway");
            Answer a = r.value();
            AnswerPrediction expected = OfflineAnswers.answer(offline, sent.subList(2, T + 2), TestModels.WHERE);
            assertEquals(AnswerStatus.OK, a.getStatus(), String.valueOf(a.getReason()));
            assertEquals(expected.answer(), a.getAnswer());
            assertEquals(expected.probability(), a.getConfidence(), 1e-6);
            assertEquals(2, a.getFromSeq());
            assertEquals(T + 1, a.getToSeq());
            assertTrue(a.getAnsweredMs() >= a.getAskedMs());
        }
    }

    @Test
    void standingQuestionIsUpdatedWhenTheSceneChangesAndOnlyThen() {
        int switchAt = 2 * T;
        int length = 3 * T;
        List<Embedding> clip = new ArrayList<>();
        List<String> expectedChanges = new ArrayList<>();
        String first;
        try (SaSRModel offline = ModelSource.of(model).open()) {
            int scene = changedScene(offline);
            for (int seq = 0; seq < length; seq++) {
                clip.add(embedding("live-2", seq, seq < switchAt ? 1 : scene));
            }
            String last = first = seen(OfflineAnswers.answer(offline, clip.subList(0, T), TestModels.COUNT));
            for (int end = T + 1; end <= length; end++) {
                String now = seen(OfflineAnswers.answer(offline, clip.subList(end - T, end), TestModels.COUNT));
                if (!now.equals(last)) {
                    assertTrue(end > switchAt, "the model changes its answer within a steady scene");
                    expectedChanges.add(now);
                    last = now;
                }
            }
        }
        assertFalse(expectedChanges.isEmpty());
        try (TopicTail<String, Answer> answers = new TopicTail<>(SharedBroker.bootstrapServers(), TOPICS.answers())) {
            for (int seq = 0; seq < T; seq++) {
                kafka.send(clip.get(seq));
            }
            awaitInsight("live-2", T - 1);
            kafka.send(question("q-standing", "live-2", TestModels.COUNT, QuestionMode.STANDING, "gw-b"));
            List<Answer> initial = answersTo(answers, "q-standing", 1, WAIT);
            assertEquals(first, seen(initial.get(0)));
            for (int seq = T; seq < switchAt; seq++) {
                kafka.send(clip.get(seq));
            }
            awaitInsight("live-2", switchAt - 1);
            assertEquals(1, answersTo(answers, "q-standing", 2, Duration.ofSeconds(2)).size(),
                    "no update while the scene holds still");
            for (int seq = switchAt; seq < length; seq++) {
                kafka.send(clip.get(seq));
            }
            awaitInsight("live-2", length - 1);
            List<Answer> all = answersTo(answers, "q-standing", 1 + expectedChanges.size(), WAIT);
            assertEquals(expectedChanges, all.subList(1, all.size()).stream().map(ReasonerKafkaTest::seen).toList());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).getRevision());
                assertFalse(all.get(i).getFinal$());
            }
            kafka.send(question("q-standing", "live-2", TestModels.COUNT, QuestionMode.CANCEL, "gw-b"));
            List<Answer> withCancel = answersTo(answers, "q-standing", all.size() + 1, WAIT);
            Answer cancelled = withCancel.get(withCancel.size() - 1);
            assertEquals(AnswerStatus.CANCELLED, cancelled.getStatus());
            assertTrue(cancelled.getFinal$());
        }
    }

    @Test
    void answersNoDataWithHowFarTheWindowHasFilledWhileTheStreamIsYoung() {
        kafka.send(embedding("young-1", 0, 3));
        kafka.send(embedding("young-1", 1, 3));
        try (TopicTail<String, Answer> answers = new TopicTail<>(SharedBroker.bootstrapServers(), TOPICS.answers())) {
            // A question may overtake the embeddings (they travel on another topic): ask again, each answer's
            // round trip pacing the next, until the reasoner holds both segments.
            long deadline = System.nanoTime() + WAIT.toNanos();
            Answer a = null;
            for (int n = 0; a == null || a.getWindowFill() == null || a.getWindowFill().getSegments() < 2; n++) {
                assertTrue(System.nanoTime() < deadline, "the window never held 2 segments; last answer: " + a);
                String id = "q-young-" + n;
                kafka.send(question(id, "young-1", TestModels.COUNT, QuestionMode.ONCE, "gw-d"));
                a = answersTo(answers, id, 1, WAIT).get(0);
                assertTrue(Set.of(AnswerStatus.UNKNOWN_STREAM, AnswerStatus.NO_DATA).contains(a.getStatus()),
                        "a young stream is not answered: " + a);
            }
            assertEquals(AnswerStatus.NO_DATA, a.getStatus());
            assertEquals(new WindowFill(2, T, 1), a.getWindowFill());
            assertTrue(a.getReason().startsWith("window filling: 2 of " + T + " seconds"), a.getReason());
            assertTrue(a.getFinal$());
        }
    }

    @Test
    void garbageOnBothInputTopicsGoesToTheDeadLetterTopicWhileValidTrafficContinues() {
        kafka.raw(TOPICS.embeddings().name(), "live-3", "garbage".getBytes());
        kafka.raw(TOPICS.questions().name(), "live-3", new byte[] {(byte) 0xA7, 1, 0, 0});
        for (long seq = 0; seq < T; seq++) {
            kafka.send(embedding("live-3", seq, 2));
        }
        awaitInsight("live-3", T - 1);
        kafka.send(question("q-after-garbage", "live-3", TestModels.LOUDER, QuestionMode.ONCE, "gw-c"));
        try (TopicTail<String, Answer> answers = new TopicTail<>(SharedBroker.bootstrapServers(), TOPICS.answers());
                TopicTail<byte[], DeadLetter> dlq = new TopicTail<>(SharedBroker.bootstrapServers(), TOPICS.dlq())) {
            assertEquals(AnswerStatus.OK, answersTo(answers, "q-after-garbage", 1, WAIT).get(0).getStatus());
            List<DeadLetter> letters = dlq.readUntil(all -> all.size() >= 2, WAIT).stream()
                    .map(ConsumerRecord::value).toList();
            assertEquals(2, letters.size(), letters.toString());
            DeadLetter embedding = letters.stream().filter(l -> l.getTopic().equals(TOPICS.embeddings().name()))
                    .findFirst().orElseThrow();
            DeadLetter question = letters.stream().filter(l -> l.getTopic().equals(TOPICS.questions().name()))
                    .findFirst().orElseThrow();
            assertTrue(embedding.getReason().startsWith("not an Embedding"), embedding.getReason());
            assertTrue(question.getReason().startsWith("not a Question"), question.getReason());
            assertEquals("reasoner", question.getStage());
        }
    }

    static int changedScene(SaSRModel model) {
        List<Embedding> steady = new ArrayList<>();
        for (int seq = 0; seq < T; seq++) {
            steady.add(embedding("live-2", seq, 1));
        }
        String base = seen(OfflineAnswers.answer(model, steady, TestModels.COUNT));
        for (int scene = 2; scene < 40; scene++) {
            List<Embedding> other = new ArrayList<>();
            for (int seq = 0; seq < T; seq++) {
                other.add(embedding("live-2", seq, scene));
            }
            if (!seen(OfflineAnswers.answer(model, other, TestModels.COUNT)).equals(base)) {
                return scene;
            }
        }
        throw new AssertionError("the test model answers every scene alike");
    }

    static String seen(AnswerPrediction p) {
        return p.answer() + "/" + ConfidenceBand.of(p.probability());
    }

    static String seen(Answer a) {
        return a.getAnswer() + "/" + ConfidenceBand.of(a.getConfidence());
    }
}
