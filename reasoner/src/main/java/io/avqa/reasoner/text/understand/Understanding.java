package io.avqa.reasoner.text.understand;

import java.util.List;

/** What {@link IntentReader} made of a question's tags: a template with its slot values, or a reasoned refusal. */
public sealed interface Understanding {

    /**
     * The question means this template with these slot values (in template order, canonical spelling, e.g.
     * acoustic_guitar, left, first).
     */
    record Understood(Intent intent, List<String> values) implements Understanding {
        public Understood {
            values = List.copyOf(values);
        }
    }

    /**
     * The question cannot be answered as asked.
     *
     * @param reason  why, in words a user can act on ("'not' changes the question; ...")
     * @param nearest supported readings closest to what was asked, best first (may be empty)
     */
    record Refused(String reason, List<Understood> nearest) implements Understanding {
        public Refused {
            nearest = List.copyOf(nearest);
        }
    }
}
