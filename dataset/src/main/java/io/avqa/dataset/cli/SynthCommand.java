package io.avqa.dataset.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.avqa.dataset.synth.ConcertGenerator;
import io.avqa.dataset.synth.Split;
import io.avqa.dataset.synth.SynthConfig;
import io.avqa.dataset.synth.SynthPlan;
import io.avqa.dataset.synth.question.QuestionOnlyBaseline;
import io.avqa.ops.log.ProgressBars;

/** {@code avqa dataset synth}: generates the synthetic concert benchmark. */
@Command(name = "synth", mixinStandardHelpOptions = true, version = "generator " + SynthConfig.GENERATOR_VERSION,
        description = {
            "Generate synthetic concert clips with MUSIC-AVQA questions.",
            "",
            "Writes into DIR:",
            "  videos/<id>.mp4          H.264 + AAC, 448x252 at 8 fps, 16 kHz mono",
            "  avqa-{train,val,test}.json  questions in MUSIC-AVQA fields (70/10/20 by clip)",
            "  labels/<id>.json         per-second ground truth (who sounds, where, boxes)",
            "  meta.json                seed, config, counts, question-only baseline",
            "The same seed and options give byte-identical JSON and identical audio.",
            "Prints the question-only baseline (majority answer per template) on test.",
            ""},
        footer = {"", "Example: avqa dataset synth --out data/synth --clips 2000 --seed 1"})
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output dataset directory.")
    Path out;

    @Option(names = "--clips", defaultValue = "2000", paramLabel = "N", description = "Number of clips (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clip-seconds", defaultValue = "10", paramLabel = "L",
            description = "Clip length in seconds, one segment per second (default: ${DEFAULT-VALUE}).")
    int clipSeconds;

    @Option(names = "--soundfont", paramLabel = "FILE",
            description = "SF2 or DLS sound bank for the MIDI synthesiser (default: the JDK's built-in bank), "
                    + "e.g. /usr/share/sounds/sf2/TimGM6mb.sf2.")
    Path soundfont;

    @Option(names = "--questions-per-clip", defaultValue = "12", paramLabel = "Q",
            description = "At most this many questions per clip, one per template (default: ${DEFAULT-VALUE}).")
    int questionsPerClip;

    @Option(names = "--threads", paramLabel = "T", description = "Clips rendered in parallel (default: all cores). "
            + "Does not change the output.")
    Integer threads;

    @Option(names = "--plan-only", description = "Write the JSON files (questions, labels, meta) but no videos.")
    boolean planOnly;

    @Override
    public Integer call() throws Exception {
        if (soundfont != null && !Files.isRegularFile(soundfont)) {
            System.err.println("sound font " + soundfont + " does not exist");
            return 2;
        }
        SynthConfig config = SynthConfig.defaults(clips, seed).withClipSeconds(clipSeconds).withSoundfont(soundfont)
                .withQuestionsPerClip(questionsPerClip);
        if (threads != null) {
            config = config.withThreads(threads);
        }
        ConcertGenerator generator = new ConcertGenerator(config);
        SynthPlan plan;
        if (planOnly) {
            plan = generator.writePlan(out);
        } else {
            ConcertGenerator.Result r;
            try (ProgressBar bar = ProgressBars.builder("clips", clips, 1000).showSpeed().build()) {
                r = generator.generate(out, bar::stepTo); // the bar shows elapsed time and ETA
            }
            plan = r.plan();
            System.out.printf("rendered %d clips in %.1f s (%.2f clips/s on %d threads; plan %.1f s)%n",
                    clips, r.renderSeconds(), r.clipsPerSecond(), config.threads(), r.planSeconds());
        }
        QuestionOnlyBaseline b = QuestionOnlyBaseline.evaluate(plan.questions().get(Split.TRAIN),
                plan.questions().get(Split.TEST));
        System.out.printf("%d questions (train %d, val %d, test %d) in %s%n", plan.allQuestions().size(),
                plan.questions().get(Split.TRAIN).size(), plan.questions().get(Split.VAL).size(),
                plan.questions().get(Split.TEST).size(), out);
        System.out.printf("question-only baseline on test: %.1f%% overall%n", 100 * b.overall());
        b.perType().forEach((t, a) -> System.out.printf("  %-26s %5.1f%%%n", t, 100 * a));
        return 0;
    }
}
