package io.avqa.dataset.musicavqa;

import java.util.List;

/**
 * One MUSIC-AVQA question, as the annotation files store it (after parsing the fields that the files
 * keep as JSON-in-a-string). The same record serves the real files and the synthetic benchmark.
 *
 * @param videoId     clip id; features live under {@code <videoId>.npy}
 * @param questionId  unique within a split
 * @param modality    first element of {@code type}: "Audio", "Visual" or "Audio-Visual"
 * @param kind        second element of {@code type}: "Counting", "Comparative", "Location", "Existential", "Temporal"
 * @param content     the template text with slots, e.g. "Is the &lt;Object&gt; louder than the &lt;Object&gt;?"
 * @param templValues the slot values, in order
 * @param answer      the answer (the files spell the field {@code anser})
 */
public record AvqaQuestion(String videoId, long questionId, String modality, String kind, String content,
        List<String> templValues, String answer) {

    public AvqaQuestion {
        templValues = List.copyOf(templValues);
    }

    /** "Audio-Visual/Temporal" style name of the question type (one of the 9). */
    public String typeName() {
        return modality + "/" + kind;
    }

    /** The question with each {@code <...>} slot replaced, in order, by the next template value. */
    public String filledText() {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            int close = c == '<' ? content.indexOf('>', i) : -1;
            if (close > 0 && next < templValues.size()) {
                out.append(templValues.get(next++));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
