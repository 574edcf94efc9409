package io.avqa.reasoner.text;

import java.util.List;

/** What the classifier made of a free-text question: a supported template with its slots, or not supported. */
public sealed interface Classification {

    /**
     * The question means a template of the loaded model.
     *
     * @param template   the matched template (its type is the question type)
     * @param slotValues the slot values read from the question, in canonical spelling (e.g. acoustic_guitar)
     * @param words      the question as the model reads it (template words with slots filled)
     * @param edits      0 when the question is the template's own wording, 1 when it was understood from other
     *                   wording (synonyms, aliases, typos, word order, an opposite rewritten)
     */
    record Supported(QuestionTemplate template, List<String> slotValues, List<String> words, int edits)
            implements Classification {
        public String typeName() {
            return template.typeName();
        }

        /** The canonical question answered, with the user's instruments: "Is the acoustic guitar louder than the piano?". */
        public String understoodAs() {
            return template.filled(slotValues);
        }
    }

    /**
     * The model cannot answer this as asked; it says why and which supported questions come closest.
     *
     * @param reason  why, in words the user can act on
     * @param closest up to three supported questions, best first, filled with the user's own instruments
     */
    record Unsupported(String reason, List<Suggestion> closest) implements Classification {
    }

    /** A supported template with its slots filled: a full question one click can ask. */
    record Suggestion(QuestionTemplate template, List<String> slotValues) {
        /** The question as a user reads it, e.g. "Is the violin louder than the piano?". */
        public String question() {
            return template.filled(slotValues);
        }
    }
}
