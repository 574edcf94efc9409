package io.avqa.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.avqa.ops.metrics.HopLatency.Hop;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Insight;
import io.avqa.schemas.codec.Contracts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class HopLatencyInterceptorTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final HopLatency hops = new HopLatency(registry);
    final HopLatencyInterceptor interceptor = new HopLatencyInterceptor();

    @BeforeEach
    void configure() {
        Map<String, Object> props = HopLatencyInterceptor.install(new HashMap<>(), hops);
        interceptor.configure(props);
    }

    private static Answer answer(int revision, long askedMs, long answeredMs) {
        return Answer.newBuilder().setQuestionId("q").setStreamId("cam1").setReplyTo("gw").setStatus(AnswerStatus.OK)
                .setRevision(revision).setAskedMs(askedMs).setAnsweredMs(answeredMs).setIngestMs(answeredMs - 900)
                .setFeaturesMs(answeredMs - 400).build();
    }

    @Test
    void encodedInsightGivesFeaturesAndIngestHops() {
        Insight insight = Insight.newBuilder().setStreamId("cam1").setSeq(3).setStartMs(0).setCategories(List.of())
                .setAudioPresence(List.of()).setVisualPresence(List.of()).setAudioLevelDb(-20).setModelId("m")
                .setIngestMs(1_000).setFeaturesMs(1_300).setInsightMs(1_340).build();
        ProducerRecord<Object, Object> r = new ProducerRecord<>("avqa.insights", "cam1", Contracts.INSIGHT.encode(insight));
        assertSame(r, interceptor.onSend(r), "records pass unchanged");
        assertEquals(40, hops.timer(Hop.FEATURES_TO_INSIGHT).totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(340, hops.timer(Hop.INGEST_TO_INSIGHT).totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 1e-9);
    }

    @Test
    void onlyTheFirstRevisionOfAnAnswerMeasuresTheQuestion() {
        interceptor.onSend(new ProducerRecord<>("p.answers", "gw", answer(0, 10_000, 10_250)));
        interceptor.onSend(new ProducerRecord<>("p.answers", "gw", answer(1, 10_000, 70_000)));
        assertEquals(1, hops.timer(Hop.QUESTION_TO_ANSWER).count());
        assertEquals(250, hops.timer(Hop.QUESTION_TO_ANSWER).totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(2, hops.timer(Hop.INGEST_TO_ANSWER).count(), "every revision reports the age of its window");
    }

    @Test
    void unreadableRecordsAndOtherTopicsAreIgnored() {
        interceptor.onSend(new ProducerRecord<>("avqa.answers", "gw", new byte[] {1, 2, 3}));
        interceptor.onSend(new ProducerRecord<>("avqa.segments", "cam1", new byte[] {1, 2, 3}));
        interceptor.onSend(new ProducerRecord<>("avqa.answers", "gw", null));
        assertEquals(0, hops.timer(Hop.QUESTION_TO_ANSWER).count());
    }
}
