package io.avqa.reasoner.stream;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.answer.QuestionTimers;
import io.avqa.reasoner.stream.insight.AudioLevel;
import io.avqa.reasoner.stream.window.WindowIndex;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.DeadLetter;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.WindowFill;
import io.avqa.schemas.codec.Contracts;

class ReasonerTopologyTest extends TopologyTestBase {
    @Test
    void windowKeepsTheLatestSegmentsAndIgnoresDuplicatesAndLateOnes() {
        for (long seq : new long[] {0, 1, 2, 2, 5, 6, 7, 1, 3, 8}) {
            segment("cam1", seq, 1);
        }
        WindowIndex index = index("cam1");
        // seq 3 arrived out of order but inside the window (2,3,5,6 before 8): kept; then 8 pushed the window on.
        assertArrayEquals(new long[] {5, 6, 7, 8}, index.select(source.card().window()));
        assertEquals(1, index.duplicates(), "seq 2 twice");
        assertEquals(1, index.late(), "seq 1 after the window was 2..7");
    }

    @Test
    void answersNoDataUntilTheWindowIsFullThenOk() {
        segment("cam1", 0, 1);
        ask("cam1", TestModels.LOUDER, QuestionMode.ONCE);
        Answer noData = onlyAnswer();
        assertEquals(AnswerStatus.NO_DATA, noData.getStatus());
        assertTrue(noData.getReason().startsWith("window filling: 1 of 4 seconds"), noData.getReason());
        assertTrue(noData.getReason().endsWith("in about 3 s"), noData.getReason());
        assertEquals(new WindowFill(1, T, 1), noData.getWindowFill());
        assertTrue(noData.getFinal$());
        segment("cam1", 1, 1);
        ask("cam1", TestModels.LOUDER, QuestionMode.ONCE);
        assertEquals(new WindowFill(2, T, 1), onlyAnswer().getWindowFill(), "the fill grows with each segment");
        for (long seq = 2; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        ask("cam1", TestModels.LOUDER, QuestionMode.ONCE);
        Answer ok = onlyAnswer();
        assertEquals(AnswerStatus.OK, ok.getStatus());
        assertNull(ok.getWindowFill(), "only NO_DATA carries a fill");
    }

    @Test
    void eachNewQuestionIsTimedAsWaitedAndWorkedWithTheEncodeInWorked() {
        for (long seq = 0; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        ask("cam1", TestModels.LOUDER, QuestionMode.ONCE); // encodes the window
        ask("cam1", TestModels.LOUDER, QuestionMode.ONCE); // its cached state
        ask("cam9", TestModels.LOUDER, QuestionMode.ONCE); // UNKNOWN_STREAM, still a question taken up
        assertEquals(3, answers.readValuesToList().size());
        var waited = workers.registry().find(QuestionTimers.NAME).tag("phase", "waited").timer();
        var worked = workers.registry().find(QuestionTimers.NAME).tag("phase", "worked").timer();
        assertEquals(3, waited.count());
        assertEquals(3, worked.count());
        double encode = workers.registry().find("avqa.reasoner.inference").tag("part", "encode").timer()
                .totalTime(TimeUnit.NANOSECONDS);
        assertTrue(encode > 0);
        assertTrue(worked.totalTime(TimeUnit.NANOSECONDS) >= encode,
                "the window's encode happened while the first question was worked on");
        // askedMs was set just before each ask: the wait is short and never negative
        assertTrue(waited.max(TimeUnit.MILLISECONDS) < 60_000);
    }

    @Test
    void answersUnknownStreamForAStreamNeverSeen() {
        segment("cam1", 0, 1);
        ask("cam9", TestModels.LOUDER, QuestionMode.ONCE);
        Answer a = onlyAnswer();
        assertEquals(AnswerStatus.UNKNOWN_STREAM, a.getStatus());
        assertTrue(a.getReason().contains("cam9"), a.getReason());
        assertEquals(GATEWAY, a.getReplyTo());
    }

    @Test
    void answersUnsupportedQuestionWithSuggestions() {
        ask("cam1", "What colour is the drummer's shirt?", QuestionMode.ONCE);
        Answer a = onlyAnswer();
        assertEquals(AnswerStatus.UNSUPPORTED_QUESTION, a.getStatus());
        assertFalse(a.getSuggestions().isEmpty());
        assertTrue(a.getSuggestions().stream().allMatch(s -> s.contains("?")), a.getSuggestions().toString());
        assertNotNull(a.getReason());
        assertNull(a.getUnderstoodAs());
    }

    @Test
    void refusesANegatedQuestionWithItsPositiveFormFirstAmongTheSuggestions() {
        ask("cam1", "Isn't the cello louder than the piano?", QuestionMode.ONCE);
        Answer a = onlyAnswer();
        assertEquals(AnswerStatus.UNSUPPORTED_QUESTION, a.getStatus());
        assertTrue(a.getReason().contains("'not' changes the question"), a.getReason());
        assertEquals("Is the cello louder than the piano?", a.getSuggestions().get(0));
        assertTrue(a.getSuggestions().stream().noneMatch(s -> s.contains("<")), a.getSuggestions().toString());
    }

    @Test
    void answersATypedParaphraseAndSaysHowItUnderstoodIt() {
        for (long seq = 0; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        ask("cam1", "is the piano quieter than the cellos", QuestionMode.ONCE);
        Answer a = onlyAnswer();
        assertEquals(AnswerStatus.OK, a.getStatus());
        assertEquals("Is the cello louder than the piano?", a.getUnderstoodAs());
        assertEquals("Audio/Comparative", a.getQuestionType());
    }

    @Test
    void answersOkWithEveryFieldAsTheModelComputesItOffline() {
        List<Embedding> sent = new ArrayList<>();
        for (long seq = 10; seq < 10 + T + 2; seq++) {
            Embedding e = embedding("cam1", seq, 3);
            sent.add(e);
            embeddings.pipeInput("cam1", e);
        }
        String id = ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        Answer a = onlyAnswer();
        List<Embedding> window = sent.subList(sent.size() - T, sent.size());
        try (SaSRModel model = source.open()) {
            AnswerPrediction offline = OfflineAnswers.answer(model, window, TestModels.COUNT);
            assertEquals(offline.answer(), a.getAnswer());
            assertEquals(offline.probability(), a.getConfidence(), 1e-6);
            assertEquals(offline.alternatives().get(0).answer(), a.getTopK().get(1).getAnswer());
        }
        assertEquals(AnswerStatus.OK, a.getStatus());
        assertEquals(id, a.getQuestionId());
        assertEquals("cam1", a.getStreamId());
        assertEquals(GATEWAY, a.getReplyTo());
        assertEquals("Audio/Counting", a.getQuestionType());
        assertEquals(12, a.getFromSeq());
        assertEquals(15, a.getToSeq());
        assertEquals(T, a.getTemporalAudio().size());
        assertEquals(T, a.getTemporalVisual().size());
        assertEquals(1.0, a.getTemporalVisual().stream().mapToDouble(Float::doubleValue).sum(), 1e-4);
        assertEquals(14 * 14, a.getSpatial().getWeights().size());
        assertTrue(a.getSpatial().getSeq() >= 12 && a.getSpatial().getSeq() <= 15);
        assertEquals(source.card().modelId(), a.getModelId());
        assertEquals(window.get(T - 1).getIngestMs(), a.getIngestMs());
        assertEquals(window.get(T - 1).getFeaturesMs(), a.getFeaturesMs());
        assertTrue(a.getAnsweredMs() >= a.getAskedMs());
        assertEquals(0, a.getRevision());
        assertTrue(a.getFinal$());
        assertNull(a.getReason());
        assertEquals(TestModels.COUNT, a.getUnderstoodAs());
    }

    @Test
    void encodesAWindowOnceForAllQuestionsAboutIt() {
        for (long seq = 0; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        ask("cam1", TestModels.LOUDER, QuestionMode.ONCE);
        ask("cam1", TestModels.WHERE, QuestionMode.ONCE);
        assertEquals(3, answers.readValuesToList().stream().filter(a -> a.getStatus() == AnswerStatus.OK).count());
        assertEquals(1, workers.current().encodes(), "lazy: one encode for the window, then cached");
        segment("cam1", T, 1);
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        assertEquals(2, workers.current().encodes(), "a new window is encoded on its first question");
        assertTrue(insights.isEmpty(), "lazy streams get no insights");
    }

    @Test
    void eagerStreamsGetAnInsightPerSegmentOnceTheWindowIsFull() {
        stop();
        open(new EagerPolicy(false, Set.of("cam1")).unbatched());
        for (long seq = 0; seq < T + 3; seq++) {
            segment("cam1", seq, 1);
            segment("cam2", seq, 1);
        }
        List<Insight> all = insights.readValuesToList();
        assertEquals(List.of(3L, 4L, 5L, 6L), all.stream().map(Insight::getSeq).toList());
        Insight last = all.get(all.size() - 1);
        assertEquals("cam1", last.getStreamId());
        assertEquals(source.card().categories(), last.getCategories());
        assertEquals(22, last.getAudioPresence().size());
        assertTrue(last.getVisualPresence().stream().allMatch(p -> p >= 0 && p <= 1));
        assertEquals(source.card().modelId(), last.getModelId());
    }

    @Test
    void insightsCarryTheAudioLevelTheFeatureStageMeasured() {
        stop();
        open(new EagerPolicy(false, Set.of("cam1")).unbatched());
        for (long seq = 0; seq < T; seq++) {
            Embedding e = embedding("cam1", seq, 1);
            e.setAudioLevelDb(-20f - seq);
            embeddings.pipeInput("cam1", e);
        }
        Embedding unmeasured = embedding("cam1", T, 1);
        unmeasured.setAudioLevelDb(null);
        embeddings.pipeInput("cam1", unmeasured);
        List<Insight> all = insights.readValuesToList();
        assertEquals(2, all.size());
        assertEquals(-20f - (T - 1), all.get(0).getAudioLevelDb());
        assertEquals(AudioLevel.UNKNOWN_DB, all.get(1).getAudioLevelDb(), "an older writer's embedding: unknown");
    }

    @Test
    void pooledEagerWindowsAreEncodedOffTheStreamThreadWithTheSameResultAsOneByOne() throws Exception {
        stop();
        open(new EagerPolicy(true, Set.of(), 3, 5));
        List<List<Embedding>> windows = new ArrayList<>();
        for (String stream : List.of("cam1", "cam2")) {
            List<Embedding> sent = new ArrayList<>();
            for (long seq = 0; seq < T; seq++) {
                Embedding e = embedding(stream, seq, stream.equals("cam1") ? 1 : 6);
                sent.add(e);
                embeddings.pipeInput(stream, e);
            }
            windows.add(sent);
        }
        assertTrue(insights.isEmpty(), "nothing is published before the next punctuation");
        List<Insight> published = publishUntil(2);
        assertEquals(List.of("cam1", "cam2"), published.stream().map(Insight::getStreamId).toList());
        assertEquals(0, workers.current().encodes(), "the stream thread encoded nothing itself");
        assertEquals(2.0, workers.registry().find("avqa.reasoner.eager.encoded").functionCounter().count());
        double passes = workers.registry().find("avqa.reasoner.eager.passes").functionCounter().count();
        assertTrue(passes >= 1 && passes <= 2, "two windows in one pass (the linger) or two: " + passes);
        try (SaSRModel model = source.open()) {
            for (int i = 0; i < 2; i++) {
                float[] expected = OfflineAnswers.presence(model, windows.get(i));
                List<Float> got = published.get(i).getAudioPresence();
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], got.get(c), 1e-4, "p_audio of category " + c + ", stream " + i);
                }
            }
        }

        // cam1 moves on; until the pool's window is published, a question gets the newest encoded one at once
        embeddings.pipeInput("cam1", embedding("cam1", T, 1));
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        Answer meanwhile = onlyAnswer();
        assertEquals(AnswerStatus.OK, meanwhile.getStatus());
        assertEquals(T - 1, meanwhile.getToSeq(), "the window the answer describes is named");
        assertEquals(0, workers.current().encodes());
        assertEquals(1, publishUntil(1).size());
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        assertEquals(T, onlyAnswer().getToSeq(), "once published, the current window");
        assertEquals(0, workers.current().encodes());
    }

    @Test
    void whileThePoolHoldsAnEagerWindowAQuestionUsesOneAtMostTwoStridesOldElseEncodesItsOwn() {
        stop();
        // one stream never fills a pass (8 windows) and the linger is ten minutes: the pool holds every window
        open(new EagerPolicy(true, Set.of(), 16, 5, 1, 0, 600_000));
        for (long seq = 0; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        assertEquals(T - 1, onlyAnswer().getToSeq(), "nothing encoded yet: the stream thread encodes the window");
        assertEquals(1, workers.current().encodes());

        segment("cam1", T, 1);
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        Answer behindOne = onlyAnswer();
        assertEquals(AnswerStatus.OK, behindOne.getStatus());
        assertEquals(T - 1, behindOne.getToSeq(), "one stride behind: the newest encoded window, named as such");
        assertEquals(1, workers.current().encodes(), "no encode for it");

        segment("cam1", T + 1, 1);
        segment("cam1", T + 2, 1);
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        assertEquals(T + 2, onlyAnswer().getToSeq(), "three strides behind is too old: the current window");
        assertEquals(2, workers.current().encodes(), "encoded on the stream thread");
    }

    /** Advances the wall clock until {@code n} insights were published (the pool works in the background). */
    private List<Insight> publishUntil(int n) throws InterruptedException {
        List<Insight> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (got.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
            driver.advanceWallClockTime(java.time.Duration.ofMillis(5));
            got.addAll(insights.readValuesToList());
        }
        assertEquals(n, got.size(), "insights published within 60 s");
        return got;
    }

    @Test
    void cancelStopsAStandingQuestion() {
        for (long seq = 0; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        String id = ask("cam1", TestModels.COUNT, QuestionMode.STANDING);
        Answer first = onlyAnswer();
        assertEquals(AnswerStatus.OK, first.getStatus());
        assertFalse(first.getFinal$(), "a standing question stays open");
        askWithId(id, "cam1", TestModels.COUNT, QuestionMode.CANCEL);
        Answer cancelled = onlyAnswer();
        assertEquals(AnswerStatus.CANCELLED, cancelled.getStatus());
        assertEquals(id, cancelled.getQuestionId());
        assertEquals(1, cancelled.getRevision());
        assertTrue(cancelled.getFinal$());
        for (long seq = T; seq < T + 8; seq++) {
            segment("cam1", seq, seq % 2 == 0 ? 2 : 5);
        }
        assertTrue(answers.isEmpty(), "no updates after cancel");
    }

    @Test
    void corruptRecordsGoToTheDeadLetterTopicAndProcessingContinues() {
        byte[] key = "cam1".getBytes(StandardCharsets.UTF_8);
        rawEmbeddings.pipeInput(key, "not avro".getBytes(StandardCharsets.UTF_8));
        rawQuestions.pipeInput(key, new byte[] {(byte) 0xA7, 1, 2, 3});
        rawEmbeddings.pipeInput("cam2".getBytes(StandardCharsets.UTF_8),
                Contracts.EMBEDDING.encode(embedding("cam1", 0, 1)));
        for (long seq = 0; seq < T; seq++) {
            segment("cam1", seq, 1);
        }
        ask("cam1", TestModels.COUNT, QuestionMode.ONCE);
        List<DeadLetter> letters = dlq.readValuesToList();
        assertEquals(3, letters.size());
        assertEquals(TOPICS.embeddings().name(), letters.get(0).getTopic());
        assertTrue(letters.get(0).getReason().startsWith("not an Embedding"), letters.get(0).getReason());
        assertEquals(TOPICS.questions().name(), letters.get(1).getTopic());
        assertTrue(letters.get(1).getReason().startsWith("not a Question"), letters.get(1).getReason());
        assertTrue(letters.get(2).getReason().contains("key 'cam2'"), letters.get(2).getReason());
        assertEquals("reasoner", letters.get(0).getStage());
        assertEquals(AnswerStatus.OK, onlyAnswer().getStatus());
    }

    @Test
    void embeddingsFromAnotherBackboneAreRejected() {
        Embedding e = embedding("cam1", 0, 1);
        e.setBackboneId("torchvision-r18");
        embeddings.pipeInput("cam1", e);
        DeadLetter letter = dlq.readValue();
        assertTrue(letter.getReason().contains("'torchvision-r18'"), letter.getReason());
        assertNull(index("cam1"));
    }
}
