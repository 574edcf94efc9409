package io.avqa.dataset.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.synth.question.Candidate;
import io.avqa.dataset.synth.question.QuestionPlanner;
import io.avqa.dataset.synth.scene.Scene;
import io.avqa.dataset.synth.scene.SceneSampler;

/**
 * The whole dataset decided before any pixel or sample is rendered: scenes, questions with answers, and
 * the split of each clip. Built single-threaded from the seed (it takes milliseconds per clip), so it is
 * deterministic however many threads render the clips afterwards.
 *
 * @param config    the configuration it was built from
 * @param scenes    one per clip, in id order
 * @param splits    split of each clip, by video id
 * @param questions questions per split, ids unique across the dataset
 */
public record SynthPlan(SynthConfig config, List<Scene> scenes, Map<String, Split> splits,
        Map<Split, List<AvqaQuestion>> questions) {

    private static final double TRAIN_FRACTION = 0.7;
    private static final double VAL_FRACTION = 0.1;

    public static SynthPlan build(SynthConfig config) {
        SplittableRandom master = new SplittableRandom(config.seed());
        SplittableRandom sceneRnd = master.split();
        SplittableRandom questionRnd = master.split();
        SplittableRandom splitRnd = master.split();
        SceneSampler sampler = new SceneSampler(config.clipSeconds(), config.width(), config.height());
        QuestionPlanner planner = new QuestionPlanner(config.questionsPerClip());

        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < config.clips(); i++) {
            scenes.add(sampler.sample(videoId(config.seed(), i), sceneRnd));
        }
        Map<String, Split> splits = assignSplits(scenes, splitRnd);
        Map<Split, List<AvqaQuestion>> questions = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            questions.put(s, new ArrayList<>());
        }
        long nextId = 0;
        for (Scene scene : scenes) {
            for (Candidate c : planner.plan(scene, questionRnd)) {
                questions.get(splits.get(scene.videoId())).add(new AvqaQuestion(scene.videoId(), nextId++,
                        c.template().modality(), c.template().kind(), c.template().content(), c.values(), c.answer()));
            }
        }
        questions.replaceAll((s, l) -> List.copyOf(l));
        return new SynthPlan(config, List.copyOf(scenes), Map.copyOf(splits), Map.copyOf(questions));
    }

    /** Ids name the seed so that clips of different benchmarks never collide: {@code s1-000042}. */
    static String videoId(long seed, int index) {
        return "s" + Long.toUnsignedString(seed) + "-" + String.format("%06d", index);
    }

    private static Map<String, Split> assignSplits(List<Scene> scenes, SplittableRandom rnd) {
        List<String> ids = new ArrayList<>(scenes.stream().map(Scene::videoId).toList());
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, t);
        }
        int nTrain = (int) Math.round(ids.size() * TRAIN_FRACTION);
        int nVal = (int) Math.round(ids.size() * VAL_FRACTION);
        Map<String, Split> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), i < nTrain ? Split.TRAIN : i < nTrain + nVal ? Split.VAL : Split.TEST);
        }
        return out;
    }

    public List<AvqaQuestion> allQuestions() {
        List<AvqaQuestion> all = new ArrayList<>();
        for (Split s : Split.values()) {
            all.addAll(questions.get(s));
        }
        return all;
    }
}
