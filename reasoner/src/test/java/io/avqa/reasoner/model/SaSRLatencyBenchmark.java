package io.avqa.reasoner.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.avqa.reasoner.train.SaSRLoss;

/**
 * Micro benchmark (JMH-free) of SaSR-Net on CPU, both presets, T=10: per-window latency (steps 1-5, B=1),
 * per-question latency on a cached window (steps 7-9, Q=1 and Q=12), and the training step per clip (B=8
 * clips, 12 questions each, forward + backward + Adam), with analytic FLOPs. Writes
 * {@code bench/results/sasr.md} and {@code sasr.json}.
 *
 * <p>Run: {@code mvn -q test-compile -pl reasoner} then
 * {@code java -cp reasoner/target/classes:reasoner/target/test-classes:<deps> -Dai.djl.offline=true
 * -Dai.djl.pytorch.num_threads=1 io.avqa.reasoner.model.SaSRLatencyBenchmark [outDir]}.
 */
public final class SaSRLatencyBenchmark {
    private static final int T = 10;

    private SaSRLatencyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Preset preset : Preset.values()) {
            rows.add(measure(preset));
        }
        results.put("presets", rows);
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("sasr.json").toFile(), results);
        Files.writeString(out.resolve("sasr.md"), markdown(results, rows), StandardCharsets.UTF_8);
        System.out.println(Files.readString(out.resolve("sasr.md")));
    }

    private static Map<String, Object> measure(Preset preset) {
        SaSRConfig config = SaSRNet.builder().preset(preset).window(T, 1).categories(22).answers(42).vocabulary(95)
                .config();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("preset", preset.id());
        try (NDManager m = NDManager.newBaseManager()) {
            SaSRNet net = new SaSRNet(config).initialize(m);
            long params = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                params += p.getValue().getArray().size();
            }
            row.put("parameters", params);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray audio = m.randomNormal(new Shape(1, T, 128));
            NDArray visual = m.randomUniform(0f, 1f, new Shape(1, T, 512, 14, 14));
            double[] window = time(20, 5, () -> {
                try (NDManager s = m.newSubManager()) {
                    net.windowEncoder().forward(new ParameterStore(s, false), new NDList(audio, visual), false)
                            .head().toFloatArray();
                }
            });
            NDList state = net.windowEncoder().forward(ps, new NDList(audio, visual), false);
            double[] one = questions(m, net, state, 1);
            double[] twelve = questions(m, net, state, 12);
            row.put("windowMs", stats(window));
            row.put("questionMs", stats(one));
            row.put("twelveQuestionsMs", stats(twelve));
            row.put("windowGflops", FlopCount.window(config) / 1e9);
            row.put("questionMflops", FlopCount.question(config) / 1e6);
            row.put("trainMsPerClip", stats(trainStep(m, net)));
        }
        return row;
    }

    private static double[] questions(NDManager m, SaSRNet net, NDList state, int q) {
        return time(100, 10, () -> {
            try (NDManager s = m.newSubManager()) {
                NDArray ids = s.randomInteger(1, 90, new Shape(q, 14), DataType.INT64);
                NDArray index = s.zeros(new Shape(q), DataType.INT64);
                net.questionHead().forward(new ParameterStore(s, false), new NDList(state.get(0), state.get(1), ids,
                        index), false).head().toFloatArray();
            }
        });
    }

    /** Milliseconds per clip of a training step on 8 clips with 12 questions each. */
    private static double[] trainStep(NDManager m, SaSRNet net) {
        int b = 8;
        int q = b * 12;
        for (Pair<String, Parameter> p : net.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
        return time(4, 1, () -> {
            try (NDManager s = m.newSubManager()) {
                long[] wi = new long[q];
                for (int i = 0; i < q; i++) {
                    wi[i] = i % b;
                }
                long[] neg = new long[b * T];
                for (int i = 0; i < neg.length; i++) {
                    neg[i] = (i + T) % neg.length;
                }
                NDArray sources = s.zeros(new Shape(b, 22));
                ParameterStore ps = new ParameterStore(s, false);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    SaSRNet.TrainingOutputs o = net.forwardTraining(ps, s.randomNormal(new Shape(b, T, 128)),
                            s.randomUniform(0f, 1f, new Shape(b, T, 512, 14, 14)),
                            s.randomInteger(1, 90, new Shape(q, 14), DataType.INT64), s.create(wi), s.create(neg), true);
                    gc.backward(SaSRLoss.compute(o, s.randomInteger(0, 42, new Shape(q), DataType.INT64), sources,
                            sources).total());
                }
                for (Pair<String, Parameter> p : net.getParameters()) {
                    NDArray w = p.getValue().getArray();
                    NDArray g = w.getGradient();
                    g.attach(s);
                    adam.update(p.getValue().getId(), w, g);
                }
            }
        }, b);
    }

    private static double[] time(int runs, int warmup, Runnable r) {
        return time(runs, warmup, r, 1);
    }

    private static double[] time(int runs, int warmup, Runnable r, int per) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6 / per;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static Map<String, Double> stats(double[] sorted) {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("median", sorted[sorted.length / 2]);
        s.put("min", sorted[0]);
        s.put("p90", sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * 0.9))]);
        return s;
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        }
        Path load = Path.of("/proc/loadavg");
        if (Files.exists(load)) {
            m.put("loadAverageAtStart", Files.readString(load).trim());
        }
        m.put("pytorchThreads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        m.put("java", System.getProperty("java.version"));
        m.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> results, List<Map<String, Object>> rows) {
        StringBuilder s = new StringBuilder("# SaSR-Net CPU latency (T = 10)\n\n");
        s.append("Machine: ").append(results.get("machine")).append("\n\n");
        s.append("| preset | parameters | window (steps 1-5) ms | window GFLOPs | question (steps 7-9) ms | "
                + "12 questions ms | question MFLOPs | training ms/clip (B=8, 12 q/clip) |\n");
        s.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map<String, Object> r : rows) {
            s.append(String.format("| %s | %,d | %.1f | %.3f | %.2f | %.2f | %.1f | %.0f |%n", r.get("preset"),
                    (Long) r.get("parameters"), ((Map<String, Double>) r.get("windowMs")).get("median"),
                    (Double) r.get("windowGflops"), ((Map<String, Double>) r.get("questionMs")).get("median"),
                    ((Map<String, Double>) r.get("twelveQuestionsMs")).get("median"), (Double) r.get("questionMflops"),
                    ((Map<String, Double>) r.get("trainMsPerClip")).get("median")));
        }
        s.append("\nMedians; FLOPs are analytic (2 per multiply-add, FlopCount). One PyTorch thread; the load average "
                + "above says what else ran on the machine (a load above 1 slows these numbers).\n");
        return s.toString();
    }
}
