package io.avqa.app.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class AnswerLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOkAnswerShowsConfidenceUnderstandingAndASparklineOfTheWindow() throws Exception {
        var answer = JSON.readTree("""
                {"type":"answer","stream":"concert-1","status":"OK","final":true,"revision":0,"answer":"three",
                 "confidence":0.815,"understoodAs":"How many instruments are sounding in the video?",
                 "window":{"fromSeq":120,"toSeq":129},
                 "temporal":{"audio":[0.0,0.1,0.2,0.7],"visual":[0.0,0.1,0.2,0.7]}}""");
        assertEquals(List.of("concert-1: three  (confidence 82 %)",
                "  understood as: How many instruments are sounding in the video?",
                "  attention:     ▁▂▃█  seconds 120..129 of the stream"), AnswerLines.of(answer));
    }

    @Test
    void aStandingUpdateSaysWhichUpdateItIs() throws Exception {
        var answer = JSON.readTree("""
                {"type":"answer","stream":"s","status":"OK","final":false,"revision":3,"answer":"yes","confidence":0.5,
                 "understoodAs":"Is there a voiceover?","window":{"fromSeq":0,"toSeq":9},"temporal":{"audio":[],"visual":[]}}""");
        assertEquals("s: yes  (confidence 50 %)  (update 3)", AnswerLines.of(answer).get(0));
    }

    @Test
    void aRefusalShowsTheReasonAndTheQuestionsToAskInstead() throws Exception {
        var answer = JSON.readTree("""
                {"type":"answer","stream":"concert-1","status":"UNSUPPORTED_QUESTION",
                 "reason":"unsupported question: 'lower' is not a comparison the model makes",
                 "suggestions":["Is the violin louder than the piano?","Is the violin more rhythmic than the piano?"]}""");
        assertEquals(List.of("concert-1: UNSUPPORTED_QUESTION - unsupported question: 'lower' is not a comparison the model makes",
                "  try one of:", "    Is the violin louder than the piano?", "    Is the violin more rhythmic than the piano?"),
                AnswerLines.of(answer));
    }
}
