package io.avqa.bench.sasr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import io.avqa.bench.report.ResultWriter;
import io.avqa.reasoner.model.AnswerPrediction;
import io.avqa.reasoner.model.Extension;
import io.avqa.reasoner.model.FlopCount;
import io.avqa.reasoner.model.ModelCard;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.SaSRNet;
import io.avqa.reasoner.model.WindowState;
import io.avqa.reasoner.text.Classification;

/**
 * JMH benchmark of SaSR-Net's two inference parts on one PyTorch thread, both presets, T=10: the per-window part
 * (steps 1-5, one window) and the per-question part (steps 7-9 on a cached window). The networks carry random
 * weights (cost does not depend on their values) and the shipped model's vocabulary and answers, so the question
 * head has its real size. {@link #main} runs JMH and writes {@code bench/results/sasr-jmh.md} and {@code .json}
 * with FLOPs ({@link FlopCount}) and the GFLOP/s they imply.
 *
 * <p>Run from the repository root: {@code bench/run.sh sasr}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
    "-Dai.djl.pytorch.num_interop_threads=1"})
public class SaSRNetJmh {
    static final int T = 10;
    static final String QUESTION = "How many instruments are sounding in the video?";

    @Param({"sasr-small", "sasr-base"})
    public String preset;

    private NDManager manager;
    private SaSRModel model;
    private float[] audio;
    private float[] visual;
    private WindowState cached;
    private Classification.Supported question;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        manager = NDManager.newBaseManager(); // loads the engine, before any JniUtils call
        // as the reasoner's stream threads run (ModelWorker): PyTorch grad mode is per thread and on by default
        JniUtils.setGradMode(false);
        model = randomModel(manager, Preset.fromId(preset));
        audio = new float[T * 128];
        visual = new float[T * 512 * 196];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < visual.length; i++) {
            visual[i] = (float) Math.max(0, random.nextGaussian());
        }
        cached = model.encode(manager, audio, visual);
        question = (Classification.Supported) model.classify(QUESTION);
    }

    /** The shipped model's card with another preset, on a freshly initialised network of that preset. */
    static SaSRModel randomModel(NDManager manager, Preset preset) throws IOException {
        ModelCard shipped;
        try (SaSRModel m = SaSRModel.load(Path.of("models/sasr-synth"), null /* fed random tensors: any backbone */)) {
            shipped = m.card();
        }
        SaSRNet net = SaSRNet.builder().preset(preset).window(T, 1).categories(shipped.categories().size())
                .answers(shipped.answers().size()).vocabulary(shipped.vocabulary().size())
                .optExtensions(Extension.parse(String.join(",", shipped.extensions()))).build().initialize(manager);
        ModelCard card = new ModelCard("bench-" + preset.id(), preset.id(), T, 1, List.of(), shipped.extensions(),
                shipped.categories(),
                shipped.vocabulary(), shipped.answers(), shipped.templates(), shipped.slotValues(),
                shipped.backboneId(), "", "", Map.of());
        return SaSRModel.of(manager, net, card);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** Steps 1-5 on one window. */
    @Benchmark
    public WindowState window() {
        try (NDManager scratch = manager.newSubManager()) {
            WindowState state = model.encode(scratch, audio, visual);
            state.toList().get(0).toFloatArray(); // wait for the result, as a caller does
            return state;
        }
    }

    /** Steps 7-9 for one question on the cached window. */
    @Benchmark
    public AnswerPrediction question() {
        return model.answer(cached, 0, question);
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        java.util.Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(SaSRNetJmh.class.getName()).build()).run();
        ModelCard shipped;
        try (SaSRModel m = SaSRModel.load(Path.of("models/sasr-synth"), null /* fed random tensors: any backbone */)) {
            shipped = m.card();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult r : results) {
            String part = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            Preset p = Preset.fromId(r.getParams().getParam("preset"));
            var config = SaSRNet.builder().preset(p).window(T, 1).categories(shipped.categories().size())
                    .answers(shipped.answers().size()).vocabulary(shipped.vocabulary().size()).config();
            long flops = part.equals("window") ? FlopCount.window(config) : FlopCount.question(config);
            double ms = r.getPrimaryResult().getScore();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("preset", p.id());
            row.put("part", part.equals("window") ? "window (steps 1-5)" : "question (steps 7-9)");
            row.put("ms/op", String.format(Locale.ROOT, "%.3f", ms));
            row.put("error ms (99.9%)", String.format(Locale.ROOT, "%.3f", r.getPrimaryResult().getScoreError()));
            row.put("MFLOP/op", String.format(Locale.ROOT, "%.1f", flops / 1e6));
            row.put("GFLOP/s", String.format(Locale.ROOT, "%.1f", flops / (ms * 1e6)));
            rows.add(row);
        }
        ResultWriter.write(out, "sasr-jmh", "SaSR-Net inference parts (JMH, one PyTorch thread, T=10)",
                "none set; per-window cost bounds eager streams, per-question cost bounds question rate",
                rows, Map.of("mode", "average time per operation, 1 fork, 3 x 2 s warm-up, 5 x 2 s measured",
                        "flops", "analytic, 2 per multiply-add (FlopCount), at the shipped model's vocabulary "
                                + "and answer count"));
    }
}
