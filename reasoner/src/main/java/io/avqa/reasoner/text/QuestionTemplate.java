package io.avqa.reasoner.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One MUSIC-AVQA question template as seen in training, e.g. "Is the &lt;Object&gt; louder than the
 * &lt;Object&gt;?" of type Audio/Comparative.
 *
 * @param text     the template as the annotation files write it (slots in angle brackets)
 * @param modality "Audio", "Visual" or "Audio-Visual"
 * @param kind     "Counting", "Comparative", "Location", "Existential" or "Temporal"
 */
public record QuestionTemplate(String text, String modality, String kind) {

    /** "Audio-Visual/Temporal" style type name. */
    public String typeName() {
        return modality + "/" + kind;
    }

    /** The template's words as the tokenizer sees them, slots kept as {@code <Name>}. */
    public List<String> elements() {
        return QuestionTokenizer.words(text);
    }

    /** Slot names in order, e.g. [&lt;Object&gt;, &lt;LR&gt;]. */
    public List<String> slots() {
        List<String> out = new ArrayList<>();
        for (String e : elements()) {
            if (isSlot(e)) {
                out.add(e);
            }
        }
        return out;
    }

    static boolean isSlot(String element) {
        return element.startsWith("<") && element.endsWith(">");
    }

    /**
     * The question with its slots filled in order, as a user reads it: underscores as spaces ("acoustic
     * guitar"), trimmed, an ASCII question mark.
     */
    public String filled(List<String> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('<', i);
            int close = open < 0 ? -1 : text.indexOf('>', open);
            if (open < 0 || close < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            out.append(next < values.size() ? values.get(next++).replace('_', ' ') : text.substring(open, close + 1));
            i = close + 1;
        }
        return out.toString().trim().replace('\uff1f', '?');
    }

    /** The template as a user reads it: trimmed, slots kept. */
    public String display() {
        return text.trim();
    }
}
