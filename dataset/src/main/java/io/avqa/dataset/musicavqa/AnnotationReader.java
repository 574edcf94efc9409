package io.avqa.dataset.musicavqa;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads MUSIC-AVQA annotation files ({@code avqa-train.json}, ...): a JSON array of objects whose
 * {@code type} and {@code templ_values} are JSON lists stored as strings, with the answer in {@code anser}.
 * Questions marked {@code question_deleted: 1} are skipped.
 */
public final class AnnotationReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private AnnotationReader() {
    }

    public static List<AvqaQuestion> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + " is not a MUSIC-AVQA annotation file (expected a JSON array)");
        }
        List<AvqaQuestion> questions = new ArrayList<>(root.size());
        for (JsonNode q : root) {
            if (q.path("question_deleted").asInt(0) == 1) {
                continue;
            }
            List<String> type = stringList(q, "type", file);
            if (type.size() != 2) {
                throw new IOException(file + ": question " + q.path("question_id") + " has type " + type
                        + " (expected [modality, kind])");
            }
            questions.add(new AvqaQuestion(
                    q.path("video_id").asText(),
                    q.path("question_id").asLong(),
                    type.get(0),
                    type.get(1),
                    q.path("question_content").asText(),
                    stringList(q, "templ_values", file),
                    q.path("anser").asText()));
        }
        return questions;
    }

    private static List<String> stringList(JsonNode q, String field, Path file) throws IOException {
        JsonNode node = q.path(field);
        if (node.isArray()) {
            return JSON.convertValue(node, STRINGS);
        }
        try {
            return JSON.readValue(node.asText("[]"), STRINGS);
        } catch (IOException e) {
            throw new IOException(file + ": field " + field + " of question " + q.path("question_id")
                    + " is not a JSON list: " + node, e);
        }
    }
}
