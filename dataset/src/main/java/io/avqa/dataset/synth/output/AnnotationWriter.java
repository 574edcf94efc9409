package io.avqa.dataset.synth.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * Writes questions as a MUSIC-AVQA annotation file: a JSON array of objects with {@code video_id},
 * {@code question_id}, {@code type} and {@code templ_values} (JSON lists stored as strings, spelled as
 * Python prints them: {@code ["Audio", "Counting"]}), {@code question_content}, {@code question_deleted}
 * and the answer in {@code anser}. {@link io.avqa.dataset.musicavqa.AnnotationReader} reads it back.
 */
public final class AnnotationWriter {
    private AnnotationWriter() {
    }

    public static void write(Path file, List<AvqaQuestion> questions) throws IOException {
        ArrayNode root = JsonFiles.MAPPER.createArrayNode();
        for (AvqaQuestion q : questions) {
            ObjectNode o = root.addObject();
            o.put("video_id", q.videoId());
            o.put("question_id", q.questionId());
            o.put("type", pythonList(List.of(q.modality(), q.kind())));
            o.put("question_content", q.content());
            o.put("templ_values", pythonList(q.templValues()));
            o.put("question_deleted", 0);
            o.put("anser", q.answer());
        }
        JsonFiles.write(file, root);
    }

    /** {@code ["a", "b"]}: a JSON list of strings with Python's ", " separator. */
    static String pythonList(List<String> values) throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(JsonFiles.MAPPER.writeValueAsString(values.get(i)));
        }
        return sb.append(']').toString();
    }
}
