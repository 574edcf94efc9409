package io.avqa.dataset.synth.question;

import java.util.List;
import java.util.Optional;

import io.avqa.dataset.synth.scene.Source;

/** Answers of the Visual templates (counting, location): only what is drawn matters, not what sounds. */
final class VisualAnswers {
    private VisualAnswers() {
    }

    static Optional<String> answer(SceneFacts f, String templateId, List<String> v) {
        return switch (templateId) {
            case "v_count_is_there" -> Optional.of(SceneFacts.yesNo(!f.visibleOf(v.get(0)).isEmpty()));
            case "v_count_are_there" -> v.get(0).equals(v.get(1)) ? Optional.empty()
                    : Optional.of(SceneFacts.yesNo(!f.visibleOf(v.get(0)).isEmpty() && !f.visibleOf(v.get(1)).isEmpty()));
            case "v_count_how_many" -> Optional.of(Numbers.word(f.visibleOf(v.get(0)).size()));
            case "v_count_types" -> Optional.of(Numbers.word(
                    (int) f.visible.stream().map(Source::category).distinct().count()));
            case "v_loc_side_of" -> v.get(0).equals("middle") ? Optional.empty()
                    : f.soleVisible(v.get(1)).flatMap(s -> f.neighbour(s, v.get(0))).map(Source::category);
            case "v_loc_extreme" -> f.visible.size() < 2 ? Optional.empty()
                    : Optional.of((v.get(0).equals("leftest") ? f.visible.get(0)
                            : f.visible.get(f.visible.size() - 1)).category());
            case "v_loc_what" -> f.visible.size() == 1 ? Optional.of(f.visible.get(0).category()) : Optional.empty();
            case "v_loc_where" -> Optional.of(f.scene.setting().word());
            default -> throw new IllegalArgumentException("not a Visual template: " + templateId);
        };
    }
}
