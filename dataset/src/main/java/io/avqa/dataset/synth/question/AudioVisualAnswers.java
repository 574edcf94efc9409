package io.avqa.dataset.synth.question;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import io.avqa.dataset.synth.scene.Position;
import io.avqa.dataset.synth.scene.Source;

/**
 * Answers of the Audio-Visual existential, counting and comparative templates: what is seen joined with
 * what is heard. ("Voiceover" means a sound from an instrument that is not in the picture.)
 */
final class AudioVisualAnswers {
    private AudioVisualAnswers() {
    }

    static Optional<String> answer(SceneFacts f, String templateId, List<String> v) {
        return switch (templateId) {
            case "av_ext_always" -> always(f, v.get(0));
            case "av_ext_voiceover" -> Optional.of(SceneFacts.yesNo(f.heard.stream().anyMatch(s -> !s.visible())));
            case "av_ext_from_video" -> f.heard.isEmpty() ? Optional.empty()
                    : Optional.of(SceneFacts.yesNo(!f.visibleHeard.isEmpty()));
            case "av_count_sounding" -> Optional.of(Numbers.word(f.visibleHeard.size()));
            case "av_count_silent" -> Optional.of(Numbers.word(f.visible.size() - f.visibleHeard.size()));
            case "av_count_sounding_obj" -> Optional.of(Numbers.word(
                    (int) f.visibleHeard.stream().filter(s -> s.category().equals(v.get(0))).count()));
            case "av_count_types" -> Optional.of(Numbers.word(categories(f.visibleHeard).size()));
            case "av_comp_obj_louder" -> compare(f.soleAt(v.get(0), Position.ofWord(v.get(1))),
                    f.soleAt(v.get(2), Position.ofWord(v.get(3))), Source::loudness);
            case "av_comp_obj_rhythmic" -> compare(f.soleAt(v.get(0), Position.ofWord(v.get(1))),
                    f.soleAt(v.get(2), Position.ofWord(v.get(3))), Source::rhythm);
            case "av_comp_side_louder" -> v.get(0).equals(v.get(1)) ? Optional.empty()
                    : compare(f.soleAt(Position.ofWord(v.get(0))), f.soleAt(Position.ofWord(v.get(1))), Source::loudness);
            case "av_comp_side_rhythmic" -> v.get(0).equals(v.get(1)) ? Optional.empty()
                    : compare(f.soleAt(Position.ofWord(v.get(0))), f.soleAt(Position.ofWord(v.get(1))), Source::rhythm);
            default -> AudioVisualPlacement.answer(f, templateId, v);
        };
    }

    private static Optional<String> always(SceneFacts f, String category) {
        List<Source> of = f.visibleOf(category);
        if (of.isEmpty()) {
            return Optional.empty();
        }
        for (int t = 0; t < f.scene.seconds(); t++) {
            int sec = t;
            if (of.stream().noneMatch(s -> s.activeAt(sec))) {
                return Optional.of("no");
            }
        }
        return Optional.of("yes");
    }

    private static Optional<String> compare(Optional<Source> a, Optional<Source> b, ToIntFunction<Source> level) {
        if (a.isEmpty() || b.isEmpty() || a.get().id() == b.get().id() || !a.get().sounding() || !b.get().sounding()) {
            return Optional.empty();
        }
        int la = level.applyAsInt(a.get());
        int lb = level.applyAsInt(b.get());
        return la == lb ? Optional.empty() : Optional.of(SceneFacts.yesNo(la > lb));
    }

    static java.util.Set<String> categories(Collection<Source> sources) {
        return sources.stream().map(Source::category).collect(Collectors.toSet());
    }
}
