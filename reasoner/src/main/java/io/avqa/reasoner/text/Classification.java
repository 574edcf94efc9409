package io.avqa.reasoner.text;

import java.util.List;

/** What the classifier made of a free-text question: a supported template with its slots, or not supported. */
public sealed interface Classification {

    /**
     * The question matches a training template.
     *
     * @param template   the matched template (its type is the question type)
     * @param slotValues the slot values read from the question, in canonical spelling (e.g. acoustic_guitar)
     * @param words      the question as the model reads it (template words with slots filled)
     * @param edits      word edits between the user's text and the template (0 = exact)
     */
    record Supported(QuestionTemplate template, List<String> slotValues, List<String> words, int edits)
            implements Classification {
        public String typeName() {
            return template.typeName();
        }
    }

    /**
     * The model cannot answer this meaningfully; it says why and which supported questions come closest.
     *
     * @param reason  "no known words" or "no template matches"
     * @param closest up to three closest templates, best first
     */
    record Unsupported(String reason, List<Suggestion> closest) implements Classification {
    }

    /** A supported template and how far the question was from it. */
    record Suggestion(QuestionTemplate template, int edits) {
    }
}
