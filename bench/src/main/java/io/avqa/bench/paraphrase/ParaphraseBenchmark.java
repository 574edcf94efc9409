package io.avqa.bench.paraphrase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avqa.bench.paraphrase.ParaphraseSet.Labelled;
import io.avqa.bench.report.Percentiles;
import io.avqa.bench.report.ResultWriter;
import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;
import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.text.Classification;
import io.avqa.reasoner.text.QuestionClassifier;
import io.avqa.reasoner.text.QuestionTemplate;
import io.avqa.reasoner.text.TemplateCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How well questions as people type them are understood by the loaded model's classifier: per question type,
 * correct template and slots, refused, and silently wrong (answered as another question); near misses understood
 * or refused; every real MUSIC-AVQA question text; and the classification time on one thread. Not a test: it
 * reports numbers into {@code bench/results/paraphrase.{md,json}}.
 *
 * <p>Run: {@code bench/run.sh paraphrase [--model models/sasr-synth] [--music-avqa ../shared/music-avqa]}.
 */
@Command(name = "paraphrase", mixinStandardHelpOptions = true,
        description = "Paraphrase benchmark of the question classifier.")
public final class ParaphraseBenchmark implements Callable<Integer> {
    @Option(names = "--model", description = "model directory with model.json (default: ${DEFAULT-VALUE})")
    Path model = Path.of("models/sasr-synth");
    @Option(names = "--set", description = "labelled questions (default: ${DEFAULT-VALUE})")
    Path set = Path.of("bench/paraphrases");
    @Option(names = "--music-avqa", description = "MUSIC-AVQA annotation folder (default: ${DEFAULT-VALUE})")
    Path musicAvqa = Path.of("../shared/music-avqa");
    @Option(names = "--out", description = "results folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");
    @Option(names = "--rounds", description = "timed passes over all questions (default: ${DEFAULT-VALUE})")
    int rounds = 30;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ParaphraseBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ModelCard card = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(model.resolve("model.json").toFile(), ModelCard.class);
        List<QuestionTemplate> templates = card.templates().stream()
                .map(t -> new QuestionTemplate(t.text(), t.modality(), t.kind())).toList();
        TemplateCatalog catalog = TemplateCatalog.of(templates, card.slotValues());
        QuestionClassifier classifier = new QuestionClassifier(catalog);
        Scoring scoring = new Scoring(classifier, catalog);

        List<Labelled> paraphrases = new ArrayList<>();
        paraphrases.addAll(ParaphraseSet.read(set.resolve("dev.txt")));
        paraphrases.addAll(ParaphraseSet.read(set.resolve("heldout.txt")));
        List<Labelled> nearMisses = ParaphraseSet.read(set.resolve("near-misses.txt"));

        List<Scoring.Scored> scored = paraphrases.stream().map(scoring::score).toList();
        List<Scoring.Scored> near = nearMisses.stream().map(scoring::score).toList();
        List<Map<String, Object>> rows = Scoring.perType(scored);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", card.modelId() + " (" + card.templates().size() + " templates)");
        for (String file : List.of("dev", "heldout")) {
            summary.put("paraphrases, " + file, Scoring.line(scored.stream().filter(s -> s.item().file().equals(file)).toList()));
        }
        summary.put("paraphrases, all", Scoring.line(scored));
        List<Scoring.Scored> late = ParaphraseSet.read(set.resolve("late.txt")).stream().map(scoring::score).toList();
        List<Scoring.Scored> lateParaphrases = late.stream().filter(s -> !s.item().mustRefuse()).toList();
        long lateRefusedRight = late.stream().filter(s -> s.item().mustRefuse()).filter(Scoring.Scored::acceptableNearMiss)
                .count();
        summary.put("written after the classifier, scored once (late.txt)", Scoring.line(lateParaphrases)
                + "; must-refuse: " + lateRefusedRight + " of " + (late.size() - lateParaphrases.size()) + " refused");
        long nearOk = near.stream().filter(Scoring.Scored::acceptableNearMiss).count();
        summary.put("near misses understood or refused with a reason", nearOk + " of " + near.size());
        summary.put("real MUSIC-AVQA question texts with their labelled template and slots", realQuestions(classifier));
        Timing timing = time(classifier, Stream.concat(paraphrases.stream(), nearMisses.stream())
                .map(Labelled::question).toList());
        summary.put("classification time, one thread (µs)", timing.describe());
        ResultWriter.write(out, "paraphrase", "Questions as people type them: paraphrase benchmark",
                "DESIGN.md section 7: >= 95 % of questions as people type them mapped to the right template and slots,"
                        + " <= 0.5 % silently misread; every near miss understood or refused; classification p99 <= 1 ms",
                rows, summary);
        List<Scoring.Scored> listed = new java.util.ArrayList<>(scored);
        listed.addAll(lateParaphrases);
        List<Scoring.Scored> nearListed = new java.util.ArrayList<>(near);
        nearListed.addAll(late.stream().filter(s -> s.item().mustRefuse()).toList());
        Files.writeString(out.resolve("paraphrase.md"), Scoring.details(listed, nearListed),
                java.nio.file.StandardOpenOption.APPEND);
        System.out.println(Files.readString(out.resolve("paraphrase.md")));
        return 0;
    }

    private String realQuestions(QuestionClassifier classifier) throws java.io.IOException {
        int total = 0;
        int right = 0;
        List<String> misses = new ArrayList<>();
        for (String f : List.of("json/avqa-train_fake.json", "json/avqa-val.json", "json/avqa-val_fake.json",
                "json/avqa-val_real.json", "json_update/avqa-val.json")) {
            Path file = musicAvqa.resolve(f);
            if (!Files.exists(file)) {
                return "not measured: " + file + " is missing";
            }
            for (AvqaQuestion q : AnnotationReader.read(file)) {
                total++;
                Classification c = classifier.classify(q.filledText().replace('_', ' '));
                if (c instanceof Classification.Supported s && s.template().text().trim().equals(q.content().trim())
                        && s.slotValues().equals(q.templValues())) {
                    right++;
                } else if (misses.size() < 5) {
                    misses.add(q.filledText());
                }
            }
        }
        return right + " of " + total + (misses.isEmpty() ? "" : " (missed e.g. " + misses + ")");
    }

    /**
     * Wall and CPU time of each classification over {@code rounds} passes after 20 warm-up passes. CPU time is
     * the thread's own (ThreadMXBean), so a busy machine's preemptions show only in the wall time.
     */
    private Timing time(QuestionClassifier classifier, List<String> questions) {
        for (int r = 0; r < 20; r++) {
            questions.forEach(classifier::classify);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] wall = new double[questions.size() * rounds];
        double[] cpu = new double[questions.size() * rounds];
        double[][] perQuestion = new double[questions.size()][rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < questions.size(); q++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                classifier.classify(questions.get(q));
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                wall[k] = (t1 - t0) / 1000.0;
                cpu[k++] = (c1 - c0) / 1000.0;
                perQuestion[q][r] = (t1 - t0) / 1000.0;
            }
        }
        List<String> slowest = new ArrayList<>();
        Integer[] order = new Integer[questions.size()];
        double[] medians = new double[questions.size()];
        for (int q = 0; q < questions.size(); q++) {
            order[q] = q;
            medians[q] = new Percentiles(perQuestion[q]).at(50);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(medians[b], medians[a]));
        for (int i = 0; i < Math.min(5, order.length); i++) {
            slowest.add(String.format("%.0f µs: %s", medians[order[i]], questions.get(order[i])));
        }
        return new Timing(new Percentiles(wall), new Percentiles(cpu), slowest);
    }

    /** Classification times in microseconds; the slowest questions by median wall time. */
    private record Timing(Percentiles wall, Percentiles cpu, List<String> slowest) {
        String describe() {
            return String.format("wall p50 %.1f, p99 %.1f, p99.9 %.1f; CPU p50 %.1f, p99 %.1f (%d classifications)."
                    + " Slowest by median: %s", wall.at(50), wall.at(99), wall.at(99.9), cpu.at(50), cpu.at(99),
                    wall.count(), slowest);
        }
    }
}
