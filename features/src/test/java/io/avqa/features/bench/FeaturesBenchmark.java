package io.avqa.features.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

import io.avqa.features.audio.LogMelFrontEnd;
import io.avqa.features.audio.VggishNetwork;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.extract.InferenceThreads;
import io.avqa.features.testing.TestMedia;
import io.avqa.features.visual.ResNet18;
import io.avqa.features.weights.Network;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.schemas.Segment;

/**
 * Feature-stage benchmark (not a test). Measures, on this machine:
 * <ol>
 *   <li>the fp32 matmul rate of DJL/PyTorch (4096x4096; the faster of BLAS and oneDNN, each the faster of one
 *       product on all threads and one single-threaded product per core at once): the machine's peak;</li>
 *   <li>{@link FeatureExtractor} throughput and per-segment latency at batch sizes 1, 4, 8, 16, with the
 *       FLOPs per segment counted analytically (2 x multiply-accumulates of every conv and FC layer), and the
 *       ratio of useful GFLOP/s to the matmul rate;</li>
 *   <li>the networks alone (ResNet-18 and VGGish on ready tensors) to show what the rest of the stage costs;</li>
 *   <li>2 extractors x 1 thread each ({@code --workers 2}, and offline extraction's choice) at batch 8, 16, 32,
 *       and batch 16 in alternating pairs, with the medians also set against the networks' fastest convolution
 *       (a stricter yardstick where oneDNN's convolutions outrun its GEMM);</li>
 *   <li>a live-load simulation: N streams at 1 segment/s each, micro-batched (B=16, W=100 ms) as the service
 *       does, by 1 worker of all threads and by 2 workers of 1 thread, reporting p50/p99 segment latency for
 *       increasing N.</li>
 * </ol>
 * On a shared machine wall-clock rates fall with other processes' load, so each row also reports GFLOP per
 * CPU-second of this process (useful work and matmul alike), a ratio less sensitive to the load.
 * Writes {@code bench/results/features.md} and {@code .json}. Run from the repository root:
 * {@code mvn -q -pl features test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.avqa.features.bench.FeaturesBenchmark}.
 */
public final class FeaturesBenchmark {
    private static final int[] BATCHES = {1, 4, 8, 16, 32};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        int cores = Runtime.getRuntime().availableProcessors();
        InferenceThreads.set(cores);
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Feature stage benchmark\n\n");
        String cpu = cpuModel();
        json.put("machine", Map.of("nproc", cores, "cpu", cpu, "java", System.getProperty("java.version"),
                "engine", "PyTorch 2.7.1 CPU via DJL 0.36.0", "intraOpThreads", InferenceThreads.current()));
        md.append("Machine: ").append(cores).append(" cores (`nproc`), ").append(cpu).append(", Java ")
                .append(System.getProperty("java.version")).append(", DJL 0.36.0 + PyTorch 2.7.1 CPU, ")
                .append(InferenceThreads.current()).append(" intra-op threads.\n\n");

        String loadBefore = loadAverage();
        MatmulRate atStart = matmulRate();
        double matmul = atStart.gflops();
        double convAtStart = convolutionGflops();
        json.put("matmulGflops", round(matmul));
        json.put("matmulBlasGflops", round(atStart.blasGflops()));
        json.put("matmulOnednnGflops", round(atStart.onednnGflops()));
        System.out.printf(Locale.ROOT, "matmul %.1f GFLOP/s (BLAS %.1f, oneDNN %.1f)%n", matmul, atStart.blasGflops(),
                atStart.onednnGflops());
        md.append(String.format(Locale.ROOT, "Measured fp32 matmul (4096x4096x4096; everywhere below, the faster "
                + "of BLAS `torch.matmul` and the same GEMM on oneDNN as a 1x1 convolution, each the faster of one "
                + "product on all threads and one single-threaded product per core at once): **%.1f GFLOP/s** (BLAS "
                + "%.1f, oneDNN %.1f).%n%n", matmul, atStart.blasGflops(), atStart.onednnGflops()));

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            segments.add(TestMedia.segment("bench-" + (i % 4), i, true));
        }
        try (FeatureExtractor extractor = FeatureExtractor.create(SeededBackbone.V1, Device.cpu())) {
            double flops = 2.0 * extractor.macsPerSegment();
            json.put("flopsPerSegment", flops);
            md.append(String.format(Locale.ROOT, "FLOPs per segment (counted): ResNet-18 224x224 with stride-1 layer4 "
                    + "%.3f G + VGGish %.3f G = **%.3f GFLOP** (2 x MACs of conv and FC layers).%n%n",
                    2.0 * new ResNet18().macs(224, 224) / 1e9, 2.0 * new VggishNetwork(false).macs() / 1e9, flops / 1e9));
            md.append("| batch | segments/s | latency per segment (batch time) mean ms | p99 ms | useful GFLOP/s "
                    + "| matmul GFLOP/s (faster of just before and just after) | of matmul | useful GFLOP per CPU-s "
                    + "| matmul GFLOP per CPU-s (higher of the two) | of matmul per CPU-s |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int b : BATCHES) {
                // The shared machine's speed varies from minute to minute: compare each row with the faster of two
                // matmuls measured just before and just after it (the stricter of the two denominators).
                MatmulRate before = matmulRate();
                int iterations = Math.max(3, 48 / b);
                double cpu0 = processCpuSeconds();
                double[] ms = timeBatches(extractor, segments, b, iterations);
                double usefulPerCpu = flops * b * (iterations + 1) / 1e9 / (processCpuSeconds() - cpu0); // + warm-up
                MatmulRate after = matmulRate();
                double matmulNow = Math.max(before.gflops(), after.gflops());
                double matmulPerCpu = Math.max(before.perCpuSecond(), after.perCpuSecond());
                double mean = Arrays.stream(ms).average().orElseThrow();
                double perSecond = b * 1000.0 / mean;
                double useful = perSecond * flops / 1e9;
                Map<String, Object> row = rateRow(b, perSecond, useful, matmulNow, usefulPerCpu, matmulPerCpu);
                row.put("batchMsMean", round(mean));
                row.put("batchMsP99", round(percentile(ms, 0.99)));
                row.put("ofBestMatmul", round(useful / matmul));
                rows.add(row);
                md.append(String.format(Locale.ROOT, "| %d | %.2f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.1f | %.1f | %.0f%% |%n",
                        b, perSecond, mean, percentile(ms, 0.99), useful, matmulNow, 100 * useful / matmulNow, usefulPerCpu,
                        matmulPerCpu, 100 * usefulPerCpu / matmulPerCpu));
                System.out.printf(Locale.ROOT, "batch %d: %.2f segments/s%n", b, perSecond);
            }
            json.put("batches", rows);

            Map<String, Object> parts = networksAlone(8);
            json.put("networksAloneBatch8", parts);
            md.append(String.format(Locale.ROOT, "%nNetworks alone at batch 8 (ready tensors): ResNet-18 %.1f ms/image "
                    + "(%.1f GFLOP/s), VGGish incl. log-mel %.1f ms/segment (%.1f GFLOP/s); JPEG decode + normalise "
                    + "%.2f ms/frame (Java, one thread).%n",
                    parts.get("resnetMsPerImage"), parts.get("resnetGflops"), parts.get("vggishMsPerSegment"),
                    parts.get("vggishGflops"), parts.get("jpegDecodeNormaliseMsPerFrame")));
            Map<String, Object> parts16 = networksAlone(16);
            double matmul16 = matmulGflops();
            json.put("networksAloneBatch16", parts16);
            json.put("matmulGflopsAfterBatch16", round(matmul16));
            md.append(String.format(Locale.ROOT, "%nNetworks alone at batch 16: ResNet-18 %.1f ms/image (%.1f GFLOP/s "
                    + "= %.0f%% of a matmul measured right after, %.1f GFLOP/s), VGGish incl. log-mel %.1f ms/segment "
                    + "(%.1f GFLOP/s = %.0f%%).%n",
                    parts16.get("resnetMsPerImage"), parts16.get("resnetGflops"),
                    100 * (double) parts16.get("resnetGflops") / matmul16, matmul16, parts16.get("vggishMsPerSegment"),
                    parts16.get("vggishGflops"), 100 * (double) parts16.get("vggishGflops") / matmul16));

            try (FeatureExtractor second = FeatureExtractor.create(SeededBackbone.V1, Device.cpu())) {
                List<FeatureExtractor> two = List.of(extractor, second);
                md.append(String.format(Locale.ROOT, "%n2 workers x 1 thread (`avqa features --workers 2`): two "
                        + "extractors of one PyTorch thread each, each on its own batches, started together; "
                        + "segments/s by wall clock over both, against the matmul as above:%n%n"));
                md.append("| batch | segments/s | useful GFLOP/s | matmul GFLOP/s (faster of just before and just after) "
                        + "| of matmul | useful GFLOP per CPU-s | matmul GFLOP per CPU-s (higher of the two) "
                        + "| of matmul per CPU-s |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                List<Map<String, Object>> workerRows = new ArrayList<>();
                for (int b : new int[] {8, 16, 32}) {
                    MatmulRate before = matmulRate();
                    double[] rate = workersRate(two, segments, b, Math.max(3, 48 / b));
                    MatmulRate after = matmulRate();
                    double matmulNow = Math.max(before.gflops(), after.gflops());
                    double matmulPerCpu = Math.max(before.perCpuSecond(), after.perCpuSecond());
                    double useful = rate[0] * flops / 1e9;
                    double usefulPerCpu = rate[1] * flops / 1e9;
                    workerRows.add(rateRow(b, rate[0], useful, matmulNow, usefulPerCpu, matmulPerCpu));
                    md.append(String.format(Locale.ROOT, "| %d | %.2f | %.1f | %.1f | %.0f%% | %.1f | %.1f | %.0f%% |%n",
                            b, rate[0], useful, matmulNow, 100 * useful / matmulNow, usefulPerCpu, matmulPerCpu,
                            100 * usefulPerCpu / matmulPerCpu));
                    System.out.printf(Locale.ROOT, "2 workers, batch %d: %.2f segments/s%n", b, rate[0]);
                }
                json.put("twoWorkersOneThread", workerRows);

                Map<String, Object> pairs = alternatingPairs(extractor, two, segments, flops, 6);
                json.put("alternatingPairsBatch16", pairs);
                md.append(String.format(Locale.ROOT, "%nBatch 16 in %d alternating pairs (this host's speed changes "
                        + "from minute to minute, so single rows like those above can disagree by 20 %%): each pair "
                        + "runs 1 worker x %d threads, then 2 workers x 1 thread, each over 3 batches, against the "
                        + "faster of the matmuls just before and just after the pair.%n%n"
                        + "| pair | matmul GFLOP/s | 1 worker segments/s | of matmul | 2 workers segments/s | of matmul "
                        + "|%n|---:|---:|---:|---:|---:|---:|%n", 6, cores));
                for (Object o : (List<?>) pairs.get("pairs")) {
                    Map<?, ?> r = (Map<?, ?>) o;
                    md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.0f%% | %.2f | %.0f%% |%n", r.get("pair"),
                            r.get("matmulGflops"), r.get("oneWorkerSegmentsPerSecond"),
                            100 * (double) r.get("oneWorkerOfMatmul"), r.get("twoWorkersSegmentsPerSecond"),
                            100 * (double) r.get("twoWorkersOfMatmul")));
                }
                md.append(String.format(Locale.ROOT, "%nMedian of matmul at batch 16: **%.0f %%** (1 worker x %d "
                        + "threads), **%.0f %%** (2 workers x 1 thread); median 2 workers / 1 worker: %.2f.%n",
                        100 * (double) pairs.get("medianOfMatmulOneWorker"), cores,
                        100 * (double) pairs.get("medianOfMatmulTwoWorkers"), pairs.get("medianTwoOverOne")));
                // A stricter yardstick than any GEMM: oneDNN's own convolutions can outrun its 1x1 GEMM (less
                // memory traffic per FLOP), so the networks' best layer says what the cores do on this work.
                double conv = Math.max(convAtStart, convolutionGflops());
                json.put("bestConvolutionGflops", round(conv));
                md.append(String.format(Locale.ROOT, "%nStricter: the fastest convolution of the networks (VGGish's "
                        + "512->512 3x3 layer, batch 16, all threads, best of 4; the faster of a run at the start "
                        + "and one here) ran at %.1f GFLOP/s; the batch-16 medians above are %.0f %% (1 worker) and "
                        + "%.0f %% (2 workers) of it.%n", conv,
                        100 * (double) pairs.get("medianUsefulGflopsOneWorker") / conv,
                        100 * (double) pairs.get("medianUsefulGflopsTwoWorkers") / conv));

                md.append("\nLive load (in-process simulation of the service's batching, B=16, W=100 ms; each stream "
                        + "sends 1 segment/s, latency = batch done - segment arrival; growth = mean latency of the last "
                        + "quarter of the run minus that of the second quarter; kept up = p99 <= 1.5 s and growth "
                        + "<= 250 ms). The workers take segments from one queue, as the service's workers take "
                        + "partitions.\n");
                InferenceThreads.set(cores);
                double best = liveLadder("1 worker x " + cores + " threads", List.of(extractor), segments, md, json,
                        "liveLoad", "liveStreamsSustainedP99Under1500ms");
                InferenceThreads.set(1);
                double bestTwo = liveLadder("2 workers x 1 thread", two, segments, md, json, "liveLoadTwoWorkers",
                        "liveStreamsSustainedTwoWorkers");
                InferenceThreads.set(cores);
                md.append(String.format(Locale.ROOT, "%nLive 1-segment/s streams sustained with p99 <= 1.5 s: **%.0f** "
                        + "(1 worker x %d threads), **%.0f** (2 workers x 1 thread).%n", best, cores, bestTwo));
            }
        }
        String loadAfter = loadAverage();
        json.put("loadAverage", Map.of("before", loadBefore, "after", loadAfter));
        md.append("\nLoad average (/proc/loadavg) before: ").append(loadBefore).append("; after: ").append(loadAfter)
                .append(". The machine is shared: other processes running during the benchmark lower every rate above.\n");
        Files.createDirectories(out);
        Files.writeString(out.resolve("features.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("features.json"), toJson(json) + "\n", StandardCharsets.UTF_8);
        System.out.println(md);
    }

    /** The figures every throughput row has: rates, and the ratios to the matmul measured around it. */
    private static Map<String, Object> rateRow(int batch, double segmentsPerSecond, double useful, double matmul,
            double usefulPerCpu, double matmulPerCpu) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", batch);
        row.put("segmentsPerSecond", round(segmentsPerSecond));
        row.put("usefulGflops", round(useful));
        row.put("matmulGflopsAround", round(matmul));
        row.put("ofMatmul", round(useful / matmul));
        row.put("usefulGflopPerCpuSecond", round(usefulPerCpu));
        row.put("matmulGflopPerCpuSecond", round(matmulPerCpu));
        row.put("ofMatmulPerCpuSecond", round(usefulPerCpu / matmulPerCpu));
        return row;
    }

    /**
     * One {@link #matmulRate()} measurement: the machine's rate (the faster kind), each kind's GFLOP/s, and GFLOP per
     * CPU-second (the higher kind's; comparable across load levels).
     */
    record MatmulRate(double gflops, double blasGflops, double onednnGflops, double perCpuSecond) {
    }

    /** The rate alone of a fresh {@link #matmulRate()}. */
    private static double matmulGflops() {
        return matmulRate().gflops();
    }

    /**
     * The machine's fp32 matmul rate: one 4096^3 product done two ways, BLAS ({@code torch.matmul}: MKL's sgemm
     * in this PyTorch build) and oneDNN (a 1x1 convolution of a 16 x 4096 x 16 x 16 input, the same GEMM; PyTorch
     * sends 1x1 convolutions of batch 16 to oneDNN, like the networks' convolutions), the faster of the two. On
     * AMD CPUs MKL runs its AVX2 code only: on a 2-core AVX-512 EPYC (Zen 5) it reached 188-202 GFLOP/s where
     * oneDNN reached 358-371, and a BLAS-only figure put the stage at 147 % of "the machine's rate". Each way is
     * timed as the faster of one product on all cores' intra-op threads (best of 3) and one product per core on
     * one thread each, started together (on a shared host the second can be the faster: a multi-threaded product
     * waits for its slowest thread at every step; it is also how {@code --workers} runs). Restores the intra-op
     * thread count.
     */
    private static MatmulRate matmulRate() {
        int threads = InferenceThreads.current();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.randomUniform(-1, 1, new Shape(MATMUL_N, MATMUL_N));
            NDArray b = m.randomUniform(-1, 1, new Shape(MATMUL_N, MATMUL_N));
            NDArray image = m.randomUniform(-1, 1, new Shape(16, MATMUL_N, 16, 16));
            NDArray kernel = b.reshape(MATMUL_N, MATMUL_N, 1, 1);
            Shape one = new Shape(1, 1);
            double[] blas = productRate(() -> a.matMul(b));
            double[] onednn = productRate(() -> Conv2d.conv2d(image, kernel, null, one, new Shape(0, 0), one, 1)
                    .head());
            return new MatmulRate(Math.max(blas[0], onednn[0]), blas[0], onednn[0], Math.max(blas[1], onednn[1]));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            InferenceThreads.set(threads);
        }
    }

    /** One 4096^3 product kind: {GFLOP/s (the faster thread layout), GFLOP per CPU-second (the higher)}. */
    private static double[] productRate(java.util.function.Supplier<NDArray> product) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        double flops = 2.0 * MATMUL_N * MATMUL_N * MATMUL_N;
        InferenceThreads.set(cores);
        product.get().close();
        double best = 0;
        double cpu0 = processCpuSeconds();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            NDArray c = product.get();
            c.flatten().getFloat(0); // forces completion
            double s = (System.nanoTime() - t) / 1e9;
            c.close();
            best = Math.max(best, flops / s / 1e9);
        }
        double perCpu = 3 * flops / 1e9 / (processCpuSeconds() - cpu0);

        InferenceThreads.set(1);
        double[] spent = together(cores, w -> product.get().close(), w -> {
            for (int i = 0; i < 2; i++) {
                NDArray c = product.get();
                c.flatten().getFloat(0); // forces completion
                c.close();
            }
        });
        double independent = cores * 2 * flops / spent[0] / 1e9;
        return new double[] {Math.max(best, independent), Math.max(perCpu, cores * 2 * flops / 1e9 / spent[1])};
    }

    private static final int MATMUL_N = 4096;

    /** VGGish's 512->512 3x3 convolution on a batch of 16 12x8 maps, all cores' threads: GFLOP/s, best of 4. */
    private static double convolutionGflops() {
        int threads = InferenceThreads.current();
        InferenceThreads.set(Runtime.getRuntime().availableProcessors());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomUniform(-1, 1, new Shape(16, 512, 12, 8));
            NDArray w = m.randomUniform(-0.05f, 0.05f, new Shape(512, 512, 3, 3));
            Shape one = new Shape(1, 1);
            double ms = timeMs(() -> {
                try (NDManager s = m.newSubManager()) {
                    Conv2d.conv2d(inScratch(x, s), w, null, one, one, one, 1).head().flatten().getFloat(0);
                }
            });
            return 2.0 * 16 * 512 * 512 * 9 * 12 * 8 / ms / 1e6;
        } finally {
            InferenceThreads.set(threads);
        }
    }

    private static double[] timeBatches(FeatureExtractor extractor, List<Segment> segments, int b, int iterations) {
        extractor.extract(segments.subList(0, b)); // warm-up
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            int from = (i * b) % (segments.size() - b + 1);
            long t = System.nanoTime();
            extractor.extract(segments.subList(from, from + b));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static Map<String, Object> networksAlone(int b) throws Exception {
        ResNet18 resnet = new ResNet18();
        VggishNetwork vggish = new VggishNetwork(false);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
                LogMelFrontEnd frontEnd = new LogMelFrontEnd(m)) {
            SeededBackbone.V1.bind(Network.RESNET18, resnet.torchParameters(), m);
            SeededBackbone.V1.bind(Network.VGGISH, vggish.torchParameters(), m);
            resnet.fuseBatchNorm(); // as FeatureExtractor runs it
            ParameterStore ps = new ParameterStore(m, false);
            NDArray images = m.randomNormal(new Shape(b, 3, 224, 224));
            NDArray waves = m.randomUniform(-0.5f, 0.5f, new Shape(b, 16000));
            double resnetMs = timeMs(() -> {
                try (NDManager s = m.newSubManager()) {
                    // a copy in s, so that every array of the pass lands in s and is freed with it (outputs go to
                    // their input's manager; on m they piled up and later passes page-faulted fresh memory)
                    NDList out = resnet.forward(ps, new NDList(inScratch(images, s)), false);
                    out.get(1).toFloatArray();
                }
            }) / b;
            double vggishMs = timeMs(() -> {
                try (NDManager s = m.newSubManager()) {
                    vggish.forward(ps, new NDList(frontEnd.examples(inScratch(waves, s))), false).singletonOrThrow()
                            .toFloatArray();
                }
            }) / b;
            float[] pixels = new float[io.avqa.features.visual.FramePreprocessor.VALUES];
            java.nio.ByteBuffer jpeg = TestMedia.jpeg(3, 224);
            double decodeMs = timeMs(() -> {
                try {
                    for (int i = 0; i < b; i++) {
                        io.avqa.features.visual.FramePreprocessor.normalise(jpeg, pixels, 0);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }) / b;
            return Map.of("jpegDecodeNormaliseMsPerFrame", round(decodeMs), "resnetMsPerImage", round(resnetMs),
                    "resnetGflops", round(2.0 * resnet.macs(224, 224) / resnetMs / 1e6),
                    "vggishMsPerSegment", round(vggishMs), "vggishGflops", round(2.0 * vggish.macs() / vggishMs / 1e6));
        }
    }

    private static NDArray inScratch(NDArray a, NDManager scratch) {
        NDArray copy = a.duplicate();
        copy.attach(scratch);
        return copy;
    }

    private static double timeMs(Runnable r) {
        r.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    /**
     * The extractors, one thread each, on their own batches of {@code b}, released together after a warm-up batch:
     * {segments per second by wall clock, segments per CPU-second of this process}. Restores the intra-op thread
     * count it found.
     */
    private static double[] workersRate(List<FeatureExtractor> extractors, List<Segment> segments, int b,
            int iterations) throws Exception {
        int threads = InferenceThreads.current();
        InferenceThreads.set(1);
        double[] spent;
        try {
            spent = together(extractors.size(), w -> extractors.get(w).extract(segments.subList(0, b)), w -> {
                for (int i = 0; i < iterations; i++) {
                    int from = ((i + w) * b) % (segments.size() - b + 1);
                    extractors.get(w).extract(segments.subList(from, from + b));
                }
            });
        } finally {
            InferenceThreads.set(threads);
        }
        double total = (double) extractors.size() * iterations * b;
        return new double[] {total / spent[0], total / spent[1]};
    }

    /**
     * Batch 16, {@code n} times: 1 worker of all threads, then the workers of 1 thread each, between two matmuls;
     * each rate is compared with the faster matmul of its pair. Returns the pairs and the medians.
     */
    private static Map<String, Object> alternatingPairs(FeatureExtractor one, List<FeatureExtractor> workers,
            List<Segment> segments, double flops, int n) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] oneOf = new double[n];
        double[] twoOf = new double[n];
        double[] gain = new double[n];
        for (int p = 0; p < n; p++) {
            double before = matmulGflops();
            double oneRate = 16 * 1000.0 / Arrays.stream(timeBatches(one, segments, 16, 3)).average().orElseThrow();
            double twoRate = workersRate(workers, segments, 16, 3)[0];
            double matmul = Math.max(before, matmulGflops());
            oneOf[p] = oneRate * flops / 1e9 / matmul;
            twoOf[p] = twoRate * flops / 1e9 / matmul;
            gain[p] = twoRate / oneRate;
            rows.add(Map.of("pair", p + 1, "matmulGflops", round(matmul), "oneWorkerSegmentsPerSecond", round(oneRate),
                    "oneWorkerOfMatmul", round(oneOf[p]), "twoWorkersSegmentsPerSecond", round(twoRate),
                    "twoWorkersOfMatmul", round(twoOf[p])));
            System.out.printf(Locale.ROOT, "pair %d: %.0f%% / %.0f%% of matmul%n", p + 1, 100 * oneOf[p], 100 * twoOf[p]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", rows);
        out.put("medianOfMatmulOneWorker", round(median(oneOf)));
        out.put("medianOfMatmulTwoWorkers", round(median(twoOf)));
        out.put("medianTwoOverOne", round(median(gain)));
        out.put("medianUsefulGflopsOneWorker", round(medianUseful(rows, "oneWorkerSegmentsPerSecond", flops)));
        out.put("medianUsefulGflopsTwoWorkers", round(medianUseful(rows, "twoWorkersSegmentsPerSecond", flops)));
        return out;
    }

    /** Median useful GFLOP/s of the pairs' {@code key} rates. */
    private static double medianUseful(List<Map<String, Object>> rows, String key, double flops) {
        return median(rows.stream().mapToDouble(r -> (double) r.get(key) * flops / 1e9).toArray());
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Runs {@code threads} threads, each its warm-up and then, once all are warm, its measured part. Returns the
     * measured parts' wall seconds (release to the last one's end) and this process's CPU seconds over them.
     */
    private static double[] together(int threads, java.util.function.IntConsumer warmUp,
            java.util.function.IntConsumer measured) throws InterruptedException {
        java.util.concurrent.CyclicBarrier warm = new java.util.concurrent.CyclicBarrier(threads + 1);
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try {
                    warmUp.accept(worker);
                    warm.await();
                } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                    throw new IllegalStateException(e);
                }
                measured.accept(worker);
            });
            started.add(t);
            t.start();
        }
        try {
            warm.await();
        } catch (java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException("a warm-up failed", e);
        }
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        for (Thread t : started) {
            t.join();
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, processCpuSeconds() - cpu0};
    }

    /** Live load at 4, 8, 12, ... streams up to the first count that falls behind; returns the last that kept up. */
    private static double liveLadder(String title, List<FeatureExtractor> extractors, List<Segment> segments,
            StringBuilder md, Map<String, Object> json, String rowsKey, String bestKey) throws InterruptedException {
        md.append("\n").append(title).append(":\n\n| streams | p50 ms | p99 ms | growth ms | kept up |\n")
                .append("|---:|---:|---:|---:|---|\n");
        List<Map<String, Object>> live = new ArrayList<>();
        double best = 0;
        for (int streams = 4; streams <= 64; streams += 4) {
            double[] lat = liveLoad(extractors, segments, streams, 20);
            double p99 = percentile(lat, 0.99);
            // kept up: p99 within 1.5 s and no growing backlog (a 20-s run can hide a slow overload)
            double growth = mean(lat, 0.75, 1.0) - mean(lat, 0.25, 0.5);
            boolean ok = p99 <= 1500 && growth <= 250;
            if (ok) {
                best = streams;
            }
            live.add(Map.of("streams", streams, "p50Ms", round(percentile(lat, 0.5)), "p99Ms", round(p99),
                    "latencyGrowthMs", round(growth), "keptUp", ok));
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %s |%n", streams,
                    percentile(lat, 0.5), p99, growth, ok ? "yes" : "no"));
            System.out.printf(Locale.ROOT, "%s, %d streams: p99 %.0f ms%n", title, streams, p99);
            if (!ok) {
                break;
            }
        }
        json.put(rowsKey, live);
        json.put(bestKey, best);
        return best;
    }

    /** Mean of the values between fractions {@code from} and {@code to} of the array (arrival order). */
    private static double mean(double[] values, double from, double to) {
        int a = (int) (values.length * from);
        int b = Math.max(a + 1, (int) (values.length * to));
        return java.util.Arrays.stream(values, a, Math.min(b, values.length)).average().orElse(0);
    }

    /**
     * N streams at 1 segment/s for {@code seconds}; each extractor is one consumer (a service worker) taking up to
     * 16 segments or what arrived within 100 ms of the first; latencies in ms, in arrival order per worker.
     */
    private static double[] liveLoad(List<FeatureExtractor> extractors, List<Segment> segments, int streams,
            int seconds) throws InterruptedException {
        BlockingQueue<long[]> queue = new ArrayBlockingQueue<>(100_000);
        long start = System.nanoTime();
        Thread producer = new Thread(() -> {
            long total = (long) streams * seconds;
            for (long k = 0; k < total; k++) {
                long due = start + k * 1_000_000_000L / streams;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                queue.add(new long[] {System.nanoTime(), k});
            }
        });
        producer.start();
        long expected = (long) streams * seconds;
        java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
        List<double[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> consumers = new ArrayList<>();
        for (FeatureExtractor extractor : extractors) {
            Thread consumer = new Thread(() -> {
                try {
                    while (taken.get() < expected) {
                        List<long[]> batch = new ArrayList<>();
                        long[] first = queue.poll(2, TimeUnit.SECONDS);
                        if (first == null) {
                            return;
                        }
                        batch.add(first);
                        long deadline = first[0] + 100_000_000L;
                        while (batch.size() < 16) {
                            long[] next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                            if (next == null) {
                                break;
                            }
                            batch.add(next);
                        }
                        taken.addAndGet(batch.size());
                        List<Segment> input = new ArrayList<>();
                        for (long[] item : batch) {
                            input.add(segments.get((int) (item[1] % segments.size())));
                        }
                        extractor.extract(input);
                        long done = System.nanoTime();
                        for (long[] item : batch) {
                            latencies.add(new double[] {item[0], (done - item[0]) / 1e6});
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumers.add(consumer);
            consumer.start();
        }
        for (Thread c : consumers) {
            c.join();
        }
        producer.interrupt();
        producer.join();
        // arrival order, so that the growth measure compares early and late segments
        return latencies.stream().sorted(java.util.Comparator.comparingDouble(l -> l[0])).mapToDouble(l -> l[1])
                .toArray();
    }

    private static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** CPU time of this whole process, in seconds (all threads, including PyTorch's). */
    private static double processCpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @SuppressWarnings("unchecked")
    private static String toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add("\"" + k + "\": " + toJson(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(toJson(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(v);
    }
}
