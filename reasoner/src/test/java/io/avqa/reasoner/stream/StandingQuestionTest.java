package io.avqa.reasoner.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;

import org.junit.jupiter.api.Test;

import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.stream.answer.ConfidenceBand;
import io.avqa.reasoner.stream.standing.StandingQuestionCanceller;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.StreamState;
import io.avqa.schemas.StreamStatus;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standing questions through the topology, checked against the model run offline on every window. */
class StandingQuestionTest extends TopologyTestBase {
    static final int STEADY = 1;

    /** What the asker should see for one window: the answer and its confidence band. */
    record Seen(String answer, ConfidenceBand band) {
        static Seen of(AnswerPrediction p) {
            return new Seen(p.answer(), ConfidenceBand.of(p.probability()));
        }
    }

    static List<Embedding> clip(String stream, int first, int second, int length, int switchAt) {
        List<Embedding> out = new ArrayList<>();
        for (int seq = 0; seq < length; seq++) {
            out.add(embedding(stream, seq, seq < switchAt ? first : second));
        }
        return out;
    }

    /** A scene whose steady window the model answers differently from scene {@link #STEADY}. */
    static int changedScene(SaSRModel model, String question) {
        Seen steady = Seen.of(OfflineAnswers.answer(model, clip("cam1", STEADY, STEADY, T, T), question));
        for (int scene = 2; scene < 40; scene++) {
            if (!Seen.of(OfflineAnswers.answer(model, clip("cam1", scene, scene, T, 0), question)).equals(steady)) {
                return scene;
            }
        }
        throw new AssertionError("the test model answers every scene alike; change its seed");
    }

    @Test
    void standingQuestionIsAnsweredAgainOnlyWhenTheSceneChangesTheAnswer() {
        int length = 3 * T + 2;
        int switchAt = 2 * T;
        List<Embedding> clip;
        List<Seen> expected = new ArrayList<>();
        try (SaSRModel model = source.open()) {
            int scene = changedScene(model, TestModels.COUNT);
            clip = clip("cam1", STEADY, scene, length, switchAt);
            for (int end = T; end <= length; end++) {
                expected.add(Seen.of(OfflineAnswers.answer(model, clip.subList(end - T, end), TestModels.COUNT)));
            }
        }
        for (int i = 0; i < T; i++) {
            embeddings.pipeInput("cam1", clip.get(i));
        }
        String id = ask("cam1", TestModels.COUNT, QuestionMode.STANDING);
        List<Answer> steady = new ArrayList<>(answers.readValuesToList());
        for (int i = T; i < switchAt; i++) {
            embeddings.pipeInput("cam1", clip.get(i));
        }
        steady.addAll(answers.readValuesToList());
        assertEquals(1, steady.size(), "one answer while the scene holds still: " + steady);
        assertEquals(expected.get(0), new Seen(steady.get(0).getAnswer(),
                ConfidenceBand.of(steady.get(0).getConfidence())));

        for (int i = switchAt; i < length; i++) {
            embeddings.pipeInput("cam1", clip.get(i));
        }
        List<Answer> updates = answers.readValuesToList();
        List<Seen> changes = new ArrayList<>();
        Seen last = expected.get(0);
        for (Seen s : expected) {
            if (!s.equals(last)) {
                changes.add(s);
                last = s;
            }
        }
        assertFalse(changes.isEmpty());
        assertEquals(changes, updates.stream().map(a -> new Seen(a.getAnswer(), ConfidenceBand.of(a.getConfidence())))
                .toList(), "an update exactly when the offline answer or band changes");
        for (int i = 0; i < updates.size(); i++) {
            Answer a = updates.get(i);
            assertEquals(id, a.getQuestionId());
            assertEquals(i + 1, a.getRevision());
            assertFalse(a.getFinal$());
            assertEquals(AnswerStatus.OK, a.getStatus());
        }
        assertNotEquals(steady.get(0).getAnswer() + ConfidenceBand.of(steady.get(0).getConfidence()),
                updates.get(updates.size() - 1).getAnswer()
                        + ConfidenceBand.of(updates.get(updates.size() - 1).getConfidence()));
    }

    @Test
    void standingQuestionOnAYoungStreamAnswersNoDataThenOkWhenTheWindowFills() {
        embeddings.pipeInput("cam1", embedding("cam1", 0, STEADY));
        ask("cam1", TestModels.LOUDER, QuestionMode.STANDING);
        Answer first = onlyAnswer();
        assertEquals(AnswerStatus.NO_DATA, first.getStatus());
        assertEquals(1, first.getWindowFill().getSegments());
        assertEquals(T, first.getWindowFill().getSteps());
        assertFalse(first.getFinal$());
        for (long seq = 1; seq < T; seq++) {
            embeddings.pipeInput("cam1", embedding("cam1", seq, STEADY));
        }
        Answer ok = onlyAnswer();
        assertEquals(AnswerStatus.OK, ok.getStatus());
        assertEquals(1, ok.getRevision());
        assertEquals(List.of((long) T - 1), insights.readValuesToList().stream().map(i -> i.getSeq()).toList(),
                "a standing question makes its stream eager: insights from the first full window");
    }

    @Test
    void standingQuestionIsClosedWhenItsStreamEndsAndNotWhileItIsLive() {
        for (long seq = 0; seq < T; seq++) {
            embeddings.pipeInput("cam1", embedding("cam1", seq, STEADY));
        }
        String id = ask("cam1", TestModels.LOUDER, QuestionMode.STANDING);
        Answer first = onlyAnswer();
        assertFalse(first.getFinal$());
        TestInputTopic<String, StreamStatus> statuses = driver.createInputTopic(TOPICS.streams().name(),
                new StringSerializer(), TOPICS.streams().valueSerde().serializer());

        statuses.pipeInput("cam1", status("cam1", StreamState.LIVE, null));
        statuses.pipeInput("cam2", status("cam2", StreamState.ENDED, "end of file"));
        driver.advanceWallClockTime(StandingQuestionCanceller.END_CHECK.multipliedBy(2));
        assertTrue(answers.isEmpty(), "a live stream keeps its standing question; another stream's end is not its");

        statuses.pipeInput("cam1", status("cam1", StreamState.ENDED, "end of file"));
        driver.advanceWallClockTime(StandingQuestionCanceller.END_CHECK);
        Answer closed = onlyAnswer();
        assertEquals(id, closed.getQuestionId());
        assertEquals(AnswerStatus.CANCELLED, closed.getStatus());
        assertTrue(closed.getFinal$());
        assertEquals(first.getRevision() + 1, closed.getRevision());
        assertTrue(closed.getReason().contains("end of file"), closed.getReason());

        embeddings.pipeInput("cam1", embedding("cam1", T, STEADY + 1));
        driver.advanceWallClockTime(StandingQuestionCanceller.END_CHECK);
        assertTrue(answers.isEmpty(), "no update after the closing reply");
    }

    @Test
    void aStatusThatDoesNotDecodeIsSkippedAndLaterStatusesStillClose() {
        for (long seq = 0; seq < T; seq++) {
            embeddings.pipeInput("cam1", embedding("cam1", seq, STEADY));
        }
        ask("cam1", TestModels.LOUDER, QuestionMode.STANDING);
        onlyAnswer();
        driver.createInputTopic(TOPICS.streams().name(), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput("cam1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        driver.advanceWallClockTime(StandingQuestionCanceller.END_CHECK);
        assertTrue(answers.isEmpty());
        driver.createInputTopic(TOPICS.streams().name(), new StringSerializer(),
                TOPICS.streams().valueSerde().serializer()).pipeInput("cam1", status("cam1", StreamState.FAILED,
                        "gave up after 10 reconnects"));
        driver.advanceWallClockTime(StandingQuestionCanceller.END_CHECK);
        assertEquals(AnswerStatus.CANCELLED, onlyAnswer().getStatus());
    }

    static StreamStatus status(String stream, StreamState state, String reason) {
        return StreamStatus.newBuilder().setStreamId(stream).setSource("test://" + stream).setState(state)
                .setReason(reason).setUpdatedMs(System.currentTimeMillis()).build();
    }
}
