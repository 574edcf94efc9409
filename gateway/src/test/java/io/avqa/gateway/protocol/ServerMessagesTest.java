package io.avqa.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avqa.schemas.Alternative;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.SpatialAttention;
import io.avqa.schemas.WindowFill;
import io.vertx.core.json.JsonObject;

class ServerMessagesTest {

    @Test
    void answerCarriesEveryAnswerFieldAndTheClientsId() {
        Answer a = Answer.newBuilder().setQuestionId("q").setStreamId("cam1").setReplyTo("gw").setStatus(AnswerStatus.OK)
                .setAnswer("cello").setConfidence(0.75f).setTopK(List.of(new Alternative("cello", 0.75f)))
                .setQuestionType("Audio-Visual/Temporal").setUnderstoodAs("Which instrument makes sounds before the cello?")
                .setFromSeq(3).setToSeq(12)
                .setTemporalAudio(List.of(0.25f, 0.75f)).setTemporalVisual(List.of(0.5f, 0.5f))
                .setSpatial(new SpatialAttention(11L, 1, 2, List.of(0.125f, 0.875f))).setModelId("m1")
                .setRevision(2).setFinal$(false).setAskedMs(100).setAnsweredMs(130).build();
        JsonObject json = ServerMessages.answer("c7", a);
        assertEquals(1, json.getInteger("v"));
        assertEquals("answer", json.getString("type"));
        assertEquals("c7", json.getString("id"));
        assertEquals("OK", json.getString("status"));
        assertEquals("cello", json.getString("answer"));
        assertEquals(0.75, json.getDouble("confidence"), 1e-6);
        assertEquals("cello", json.getJsonArray("topK").getJsonObject(0).getString("answer"));
        assertEquals(12L, json.getJsonObject("window").getLong("toSeq"));
        assertEquals(0.75, json.getJsonObject("temporal").getJsonArray("audio").getDouble(1), 1e-6);
        assertEquals(0.875, json.getJsonObject("spatial").getJsonArray("weights").getDouble(1), 1e-6);
        assertEquals(2, json.getJsonObject("spatial").getInteger("width"));
        assertEquals(2, json.getInteger("revision"));
        assertFalse(json.getBoolean("final"));
        assertEquals(130L, json.getJsonObject("timing").getLong("answeredMs"));
        assertEquals("m1", json.getString("modelId"));
        assertEquals("Which instrument makes sounds before the cello?", json.getString("understoodAs"));
    }

    @Test
    void anUnsupportedAnswerCarriesFullSuggestedQuestionsAndNoUnderstanding() {
        Answer a = Answer.newBuilder().setQuestionId("q").setStreamId("cam1").setReplyTo("gw")
                .setStatus(AnswerStatus.UNSUPPORTED_QUESTION).setReason("unsupported question: 'lower' is not a comparison")
                .setSuggestions(List.of("Is the violin louder than the piano?")).build();
        JsonObject json = ServerMessages.answer("c8", a);
        assertEquals("UNSUPPORTED_QUESTION", json.getString("status"));
        assertEquals("Is the violin louder than the piano?", json.getJsonArray("suggestions").getString(0));
        assertTrue(json.containsKey("understoodAs"));
        assertNull(json.getString("understoodAs"));
    }

    @Test
    void aNoDataAnswerSaysHowFarTheWindowHasFilled() {
        Answer a = Answer.newBuilder().setQuestionId("q").setStreamId("cam1").setReplyTo("gw")
                .setStatus(AnswerStatus.NO_DATA).setReason("window filling: 3 of 10 seconds (T=10, s=1); ...")
                .setWindowFill(new WindowFill(3, 10, 1)).build();
        JsonObject fill = ServerMessages.answer("c9", a).getJsonObject("windowFill");
        assertEquals(new JsonObject().put("segments", 3).put("steps", 10).put("strideSeconds", 1), fill);
    }

    @Test
    void otherAnswersCarryANullWindowFill() {
        Answer a = Answer.newBuilder().setQuestionId("q").setStreamId("cam1").setReplyTo("gw")
                .setStatus(AnswerStatus.UNKNOWN_STREAM).setReason("no segment").build();
        JsonObject json = ServerMessages.answer("c10", a);
        assertTrue(json.containsKey("windowFill"));
        assertNull(json.getValue("windowFill"));
    }

    @Test
    void errorNamesItsCode() {
        JsonObject json = ServerMessages.error(new GatewayError(ErrorCode.RATE_LIMITED, "slow down", "x"));
        assertEquals("error", json.getString("type"));
        assertEquals("RATE_LIMITED", json.getString("code"));
        assertEquals("x", json.getString("id"));
        assertEquals("slow down", json.getString("message"));
    }
}
