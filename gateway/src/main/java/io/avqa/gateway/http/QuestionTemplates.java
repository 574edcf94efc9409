package io.avqa.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The question templates served at {@code GET /api/questions/templates}: the 33 MUSIC-AVQA templates with
 * their question type, slot names and an example, plus the values each slot takes. Read once from the
 * classpath resource {@value #RESOURCE} (derived from MUSIC-AVQA's {@code avqa-val.json}; see
 * {@code PROTOCOL.md}). The reasoner will publish the list its model really supports; until then this
 * fixed list is what the dashboard suggests.
 */
public final class QuestionTemplates {
    public static final String RESOURCE = "/question-templates.json";

    private final JsonObject json;
    private final Buffer encoded;

    private QuestionTemplates(JsonObject json) {
        this.json = json;
        this.encoded = json.toBuffer();
    }

    public static QuestionTemplates load() {
        try (InputStream in = QuestionTemplates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the gateway jar");
            }
            return new QuestionTemplates(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public JsonObject json() {
        return json;
    }

    public int count() {
        return json.getJsonArray("templates").size();
    }

    Buffer encoded() {
        return encoded;
    }
}
