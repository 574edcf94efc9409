package io.avqa.dataset.synth.question;

import java.util.List;
import java.util.Optional;

import io.avqa.dataset.synth.scene.Source;

/**
 * Answers of the Audio templates (counting, comparative). Heard sources include off-screen ones.
 * Comparisons need exactly one heard source per named category and a real difference (loudness or
 * rhythm level differs; playing time differs by at least two seconds), otherwise no question is asked.
 */
final class AudioAnswers {
    private AudioAnswers() {
    }

    static Optional<String> answer(SceneFacts f, String templateId, List<String> v) {
        return switch (templateId) {
            case "a_count_is_there" -> Optional.of(SceneFacts.yesNo(f.isHeard(v.get(0))));
            case "a_count_are_there" -> v.get(0).equals(v.get(1)) ? Optional.empty()
                    : Optional.of(SceneFacts.yesNo(f.isHeard(v.get(0)) && f.isHeard(v.get(1))));
            case "a_count_heard" -> Optional.of(Numbers.word(f.heard.size()));
            case "a_comp_louder" -> compare(f, v, Source::loudness);
            case "a_comp_rhythmic" -> compare(f, v, Source::rhythm);
            case "a_comp_longer" -> longer(f, v);
            default -> throw new IllegalArgumentException("not an Audio template: " + templateId);
        };
    }

    private static Optional<String> compare(SceneFacts f, List<String> v,
            java.util.function.ToIntFunction<Source> level) {
        if (v.get(0).equals(v.get(1))) {
            return Optional.empty();
        }
        Optional<Source> a = f.soleHeard(v.get(0));
        Optional<Source> b = f.soleHeard(v.get(1));
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        int la = level.applyAsInt(a.get());
        int lb = level.applyAsInt(b.get());
        return la == lb ? Optional.empty() : Optional.of(SceneFacts.yesNo(la > lb));
    }

    private static Optional<String> longer(SceneFacts f, List<String> v) {
        if (v.get(0).equals(v.get(1)) || !f.isHeard(v.get(0)) || !f.isHeard(v.get(1))) {
            return Optional.empty();
        }
        int a = f.secondsPlayed(v.get(0));
        int b = f.secondsPlayed(v.get(1));
        return Math.abs(a - b) < 2 ? Optional.empty() : Optional.of(SceneFacts.yesNo(a > b));
    }
}
