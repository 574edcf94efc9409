package io.avqa.dataset.synth.question;

import java.util.List;
import java.util.Optional;

import io.avqa.dataset.musicavqa.Template;
import io.avqa.dataset.synth.scene.Scene;

/**
 * The generator's answer to a filled template about a scene, or empty when the question has no single
 * right answer in that scene (then it is never asked). The rules per template are documented on
 * {@link AudioAnswers}, {@link VisualAnswers}, {@link AudioVisualAnswers} and {@link AudioVisualPlacement}.
 */
public final class AnswerRules {
    private final SceneFacts facts;

    public AnswerRules(Scene scene) {
        this.facts = new SceneFacts(scene);
    }

    public Optional<String> answer(Template t, List<String> values) {
        if (values.size() != t.slots().size()) {
            throw new IllegalArgumentException(t.id() + " takes " + t.slots().size() + " values, got " + values);
        }
        return switch (t.modality()) {
            case "Audio" -> AudioAnswers.answer(facts, t.id(), values);
            case "Visual" -> VisualAnswers.answer(facts, t.id(), values);
            default -> AudioVisualAnswers.answer(facts, t.id(), values);
        };
    }
}
