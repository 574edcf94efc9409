package io.avqa.dataset.synth.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.dataset.musicavqa.Categories;
import io.avqa.dataset.musicavqa.Templates;
import io.avqa.dataset.synth.Split;
import io.avqa.dataset.synth.SynthConfig;
import io.avqa.dataset.synth.SynthPlan;
import io.avqa.dataset.synth.question.QuestionOnlyBaseline;
import io.avqa.dataset.synth.scene.Source;

/**
 * Writes {@code meta.json}: generator version, seed and config; clips and questions per split; question
 * counts per type, per template and answer, and per answer; how often each category is seen and heard;
 * and the question-only baseline (majority answer per template fitted on train) on val and test. Holds
 * no timings or paths, so it is byte-identical for equal configs.
 */
public final class MetaWriter {
    private MetaWriter() {
    }

    public static ObjectNode meta(SynthPlan plan) {
        SynthConfig c = plan.config();
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.put("generator", "avqa-live synthetic concerts");
        root.put("generator_version", SynthConfig.GENERATOR_VERSION);
        root.put("seed", c.seed());
        ObjectNode cfg = root.putObject("config");
        cfg.put("clips", c.clips());
        cfg.put("clip_seconds", c.clipSeconds());
        cfg.put("width", c.width());
        cfg.put("height", c.height());
        cfg.put("fps", c.fps());
        cfg.put("sample_rate", c.sampleRate());
        cfg.put("questions_per_clip", c.questionsPerClip());
        cfg.put("soundfont", c.soundfont() == null ? "jdk-default" : c.soundfont().getFileName().toString());
        cfg.put("video", "mp4 H.264 + AAC mono");
        ObjectNode splits = root.putObject("splits");
        for (Split s : Split.values()) {
            ObjectNode o = splits.putObject(s.name().toLowerCase(java.util.Locale.ROOT));
            o.put("file", s.fileName());
            o.put("clips", plan.splits().values().stream().filter(s::equals).count());
            o.put("questions", plan.questions().get(s).size());
        }
        List<AvqaQuestion> all = plan.allQuestions();
        root.put("questions", all.size());
        Map<String, Integer> perType = new TreeMap<>();
        Map<String, Map<String, Integer>> perTemplate = new TreeMap<>();
        Map<String, Integer> perAnswer = new TreeMap<>();
        for (AvqaQuestion q : all) {
            perType.merge(q.typeName(), 1, Integer::sum);
            String id = Templates.byContent(q.content()).orElseThrow().id();
            perTemplate.computeIfAbsent(id, k -> new TreeMap<>()).merge(q.answer(), 1, Integer::sum);
            perAnswer.merge(q.answer(), 1, Integer::sum);
        }
        root.set("questions_per_type", JsonFiles.MAPPER.valueToTree(perType));
        root.set("answers_per_template", JsonFiles.MAPPER.valueToTree(perTemplate));
        root.set("questions_per_answer", JsonFiles.MAPPER.valueToTree(perAnswer));
        ObjectNode cats = root.putObject("categories");
        for (String cat : Categories.ALL) {
            ObjectNode o = cats.putObject(cat);
            o.put("clips_seen", plan.scenes().stream().filter(s -> has(s.visible(), cat)).count());
            o.put("clips_heard", plan.scenes().stream().filter(s -> has(s.heard(), cat)).count());
        }
        ObjectNode baseline = root.putObject("question_only_baseline");
        baseline.put("predictor", "majority answer per template, fitted on train");
        for (Split s : List.of(Split.VAL, Split.TEST)) {
            QuestionOnlyBaseline b = QuestionOnlyBaseline.evaluate(plan.questions().get(Split.TRAIN),
                    plan.questions().get(s));
            ObjectNode o = baseline.putObject(s.name().toLowerCase(java.util.Locale.ROOT));
            o.put("questions", b.count());
            o.put("accuracy", round(b.overall()));
            ObjectNode t = o.putObject("per_type");
            b.perType().forEach((k, v) -> t.put(k, round(v)));
        }
        return root;
    }

    public static void write(Path file, SynthPlan plan) throws IOException {
        JsonFiles.write(file, meta(plan));
    }

    private static boolean has(List<Source> sources, String category) {
        return sources.stream().anyMatch(s -> s.category().equals(category));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

}
