package io.avqa.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class QuestionTemplatesTest {

    @Test
    void listsThe33MusicAvqaTemplatesOfNineTypes() {
        QuestionTemplates templates = QuestionTemplates.load();
        assertEquals(33, templates.count());
        Set<String> types = new HashSet<>();
        for (Object o : templates.json().getJsonArray("templates")) {
            JsonObject t = (JsonObject) o;
            types.add(t.getString("type"));
            String template = t.getString("template");
            assertTrue(template.endsWith("?"), template);
            for (Object slot : t.getJsonArray("slots")) {
                assertTrue(templates.json().getJsonObject("slots").containsKey((String) slot), "slot " + slot);
            }
        }
        assertEquals(9, types.size(), types.toString());
        assertEquals(22, templates.json().getJsonObject("slots").getJsonArray("Object").size());
    }

    @Test
    void matchesTheTemplatesOfTheRealValidationSplit() throws Exception {
        Path val = Path.of(System.getProperty("avqa.shared.dir", "../../shared"), "music-avqa", "json", "avqa-val.json");
        assumeTrue(Files.isReadable(val), "MUSIC-AVQA annotations not found at " + val + "; skipping the cross-check");
        Set<String> real = new HashSet<>();
        for (Object o : new JsonArray(Files.readString(val))) {
            JsonObject q = (JsonObject) o;
            String type = String.join("/", new JsonArray(q.getString("type")).stream().map(String::valueOf).toList());
            real.add(q.getString("question_content").strip().replace('\uFF1F', '?') + " | " + type);
        }
        Set<String> ours = new HashSet<>();
        for (Object o : QuestionTemplates.load().json().getJsonArray("templates")) {
            JsonObject t = (JsonObject) o;
            ours.add(t.getString("template") + " | " + t.getString("type"));
        }
        assertEquals(real, ours);
    }
}
