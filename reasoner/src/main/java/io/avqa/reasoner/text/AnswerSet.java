package io.avqa.reasoner.text;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * The fixed answer classes (42 for MUSIC-AVQA), in order of first appearance over the training questions; the
 * index is the answer head's output unit.
 */
public final class AnswerSet {
    private final List<String> answers;
    private final Map<String, Integer> ids = new HashMap<>();

    private AnswerSet(List<String> answers) {
        this.answers = List.copyOf(answers);
        for (int i = 0; i < this.answers.size(); i++) {
            ids.put(this.answers.get(i), i);
        }
    }

    public static AnswerSet build(Collection<AvqaQuestion> questions) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (AvqaQuestion q : questions) {
            seen.add(q.answer());
        }
        return new AnswerSet(List.copyOf(seen));
    }

    public static AnswerSet of(List<String> answers) {
        return new AnswerSet(answers);
    }

    public List<String> answers() {
        return answers;
    }

    public int size() {
        return answers.size();
    }

    /** Class of an answer, or -1 when the training split never gave it (such a question cannot be right). */
    public int indexOf(String answer) {
        Integer id = ids.get(answer);
        return id == null ? -1 : id;
    }

    public String answer(int index) {
        return answers.get(index);
    }
}
