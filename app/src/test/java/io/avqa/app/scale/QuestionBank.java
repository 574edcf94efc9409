package io.avqa.app.scale;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Questions the served model supports: its own templates ({@code templates} in {@code model.json}) with
 * every slot filled from its {@code slotValues}, so the load never measures UNSUPPORTED_QUESTION replies.
 */
final class QuestionBank {
    private static final Pattern SLOT = Pattern.compile("<[A-Za-z]+>");

    private final List<String> questions;

    private QuestionBank(List<String> questions) {
        this.questions = List.copyOf(questions);
    }

    /** {@code perTemplate} filled variants of each template of the model in {@code modelDir}, seeded. */
    static QuestionBank of(Path modelDir, int perTemplate, long seed) throws IOException {
        JsonNode model = new ObjectMapper().readTree(modelDir.resolve("model.json").toFile());
        JsonNode slots = model.path("slotValues");
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (JsonNode template : model.path("templates")) {
            for (int i = 0; i < perTemplate; i++) {
                out.add(fill(template.path("text").asText(), slots, random));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(modelDir + "/model.json lists no question templates");
        }
        return new QuestionBank(out);
    }

    private static String fill(String template, JsonNode slots, Random random) {
        Matcher m = SLOT.matcher(template);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            JsonNode values = slots.path(m.group());
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalStateException("model.json has no slotValues for " + m.group() + " in '" + template + "'");
            }
            m.appendReplacement(text, Matcher.quoteReplacement(values.get(random.nextInt(values.size())).asText()));
        }
        m.appendTail(text);
        return text.toString().strip();
    }

    /** The {@code n}-th question, cycling. */
    String get(int n) {
        return questions.get(Math.floorMod(n, questions.size()));
    }

    int size() {
        return questions.size();
    }
}
