package io.avqa.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.avqa.gateway.support.FeedProducer;
import io.vertx.core.json.JsonObject;

class QuestionTemplatesTest {

    @Test
    void isEmptyAndSaysSoUntilAReasonerPublishes() {
        QuestionTemplates templates = new QuestionTemplates();
        assertEquals(0, templates.count());
        assertNull(templates.json().getString("modelId"));
        assertEquals("no reasoner has published its model's templates yet", templates.json().getString("source"));
    }

    @Test
    void servesTheNewestPublishedModelOnly() {
        QuestionTemplates templates = new QuestionTemplates();
        templates.update(FeedProducer.templates("m2", 200, "What is the <TH> instrument that comes in?"));
        templates.update(FeedProducer.templates("m1", 100, "Is there a voiceover?", "Where is the performance?"));
        assertEquals("m2", templates.json().getString("modelId"));
        assertEquals(1, templates.count());
        JsonObject t = templates.json().getJsonArray("templates").getJsonObject(0);
        assertEquals("What is the first instrument that comes in?", t.getString("example"));
        assertEquals(List.of("TH"), t.getJsonArray("slots").getList());
        templates.update(FeedProducer.templates("m3", 300, "How many sounding <Object> in the video\uFF1F"));
        JsonObject count = templates.json().getJsonArray("templates").getJsonObject(0);
        assertEquals("How many sounding <Object> in the video?", count.getString("template"));
        assertEquals("How many sounding cello in the video?", count.getString("example"));
    }
}
