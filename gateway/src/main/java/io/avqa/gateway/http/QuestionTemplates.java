package io.avqa.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.avqa.schemas.ModelTemplates;
import io.avqa.schemas.TemplateSpec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The question templates served at {@code GET /api/questions/templates}: those of the newest model a reasoner
 * published on {@code <prefix>models} (the model is the source of truth for what can be asked), each with its
 * question type, slot names and an example, plus the values each slot took in training. Until a reasoner has
 * published, the list is empty and {@code modelId} null. Confined to the gateway's context.
 */
public final class QuestionTemplates {
    private JsonObject json = json(null, 0, List.of(), Map.of());
    private Buffer encoded = json.toBuffer();
    private long publishedMs = -1;

    /** Takes a published model's templates when they are the newest seen. */
    public void update(ModelTemplates m) {
        if (m.getPublishedMs() < publishedMs) {
            return;
        }
        publishedMs = m.getPublishedMs();
        json = json(m.getModelId(), m.getPublishedMs(), m.getTemplates(), m.getSlotValues());
        encoded = json.toBuffer();
    }

    private static JsonObject json(String modelId, long publishedMs, List<TemplateSpec> templates,
            Map<String, List<String>> slotValues) {
        JsonObject slots = new JsonObject();
        slotValues.forEach((slot, values) -> slots.put(slot, new JsonArray(List.copyOf(values))));
        JsonArray list = new JsonArray();
        for (TemplateSpec t : templates) {
            String text = t.getText().strip().replace('\uFF1F', '?');
            list.add(new JsonObject().put("template", text).put("type", t.getType())
                    .put("slots", new JsonArray(List.copyOf(t.getSlots()))).put("example", example(text, slotValues)));
        }
        return new JsonObject().put("modelId", modelId).put("publishedMs", publishedMs)
                .put("source", modelId == null ? "no reasoner has published its model's templates yet"
                        : "the templates model " + modelId + " was trained on, as its reasoner published them")
                .put("slots", slots).put("templates", list);
    }

    /** The template with each slot taking its values in turn (two Objects become two instruments). */
    private static String example(String text, Map<String, List<String>> slotValues) {
        StringBuilder out = new StringBuilder();
        Map<String, Integer> turns = new java.util.HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('<', i);
            int close = open < 0 ? -1 : text.indexOf('>', open);
            if (close < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            String slot = text.substring(open + 1, close);
            List<String> values = new ArrayList<>(slotValues.getOrDefault(slot, List.of(slot)));
            int n = turns.merge(slot, 1, Integer::sum) - 1;
            out.append(values.isEmpty() ? slot : values.get(n % values.size()).replace('_', ' '));
            i = close + 1;
        }
        return out.toString();
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
