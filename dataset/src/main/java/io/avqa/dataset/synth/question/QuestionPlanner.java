package io.avqa.dataset.synth.question;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.avqa.dataset.musicavqa.Template;
import io.avqa.dataset.synth.scene.Scene;

/**
 * Picks the questions asked about each clip: templates in random order, at most one question per
 * template and clip, each the first of the template's shuffled candidates that the {@link AnswerBalancer}
 * accepts. Clips must be planned in a fixed order because the balancer's state carries across clips.
 */
public final class QuestionPlanner {
    private final AnswerBalancer balancer = new AnswerBalancer();
    private final int perClip;

    public QuestionPlanner(int questionsPerClip) {
        if (questionsPerClip < 1) {
            throw new IllegalArgumentException("questions per clip must be at least 1, got " + questionsPerClip);
        }
        this.perClip = questionsPerClip;
    }

    public List<Candidate> plan(Scene scene, SplittableRandom rnd) {
        Map<Template, List<Candidate>> byTemplate = QuestionFactory.candidates(scene, rnd);
        List<Template> templates = new ArrayList<>(byTemplate.keySet());
        shuffle(templates, rnd);
        List<Candidate> chosen = new ArrayList<>();
        for (Template t : templates) {
            if (chosen.size() == perClip) {
                break;
            }
            List<Candidate> options = new ArrayList<>(byTemplate.get(t));
            shuffle(options, rnd);
            for (Candidate c : options) {
                if (balancer.accepts(c)) {
                    balancer.record(c);
                    chosen.add(c);
                    break;
                }
            }
        }
        return chosen;
    }

    static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
