package io.avqa.reasoner.stream.bench;

import static io.avqa.reasoner.stream.TestEmbeddings.embedding;
import static io.avqa.reasoner.stream.TestEmbeddings.question;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.djl.ndarray.NDManager;
import io.avqa.reasoner.engine.MatmulPrecision;
import io.avqa.reasoner.model.FlopCount;
import io.avqa.reasoner.model.Preset;
import io.avqa.reasoner.model.SaSRConfig;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.model.WindowState;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.reasoner.stream.ReasonerConfig.EagerPolicy;
import io.avqa.reasoner.stream.ReasonerService;
import io.avqa.reasoner.stream.TestEmbeddings;
import io.avqa.reasoner.stream.TestModels;
import io.avqa.reasoner.stream.answer.QuestionTimers;
import io.avqa.reasoner.stream.runtime.ModelSource;
import io.avqa.reasoner.text.Classification;
import io.avqa.schemas.Answer;
import io.avqa.schemas.AnswerStatus;
import io.avqa.schemas.Embedding;
import io.avqa.schemas.Insight;
import io.avqa.schemas.QuestionMode;
import io.avqa.schemas.codec.Contracts;
import io.avqa.schemas.topic.Topics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Reasoner benchmark. Part 1 times the model alone (steps 1-5 per window, steps 7-9 per question) for both
 * presets at the live window T=10, s=1. Part 2 runs the real service against an embedded broker in this JVM:
 * N live streams at 1 segment/s each plus questions, eager (every stream encoded per segment, insights) and lazy
 * (encoded on a window's first question), and measures whether it keeps up (insight lag) and the question round
 * trip through Kafka (produce question to consume answer). Weights are untrained: the cost does not depend on
 * their values. Writes {@code bench/results/reasoner.md} and {@code .json}.
 *
 * <p>Run: {@code java -Dai.djl.pytorch.num_threads=1 -cp <test classpath> io.avqa.reasoner.stream.bench.ReasonerBenchmark
 * [outDir] [seconds] [bootstrapServers]}; without bootstrap servers it starts the embedded broker (needs
 * io.avqa:avqa-broker on the classpath). {@code bench/run.sh reasoner} does this; {@code BENCH_JAVA_OPTS} passes
 * the properties below (presets, modes, precision, encoder threads and batch, first eager count, JIT warm-up).
 */
public final class ReasonerBenchmark {
    static final int T = 10;
    static final int QUESTIONS_PER_SECOND = 10;
    /** -Davqa.bench.presets=sasr-base,sasr-small (default both): the presets to run. */
    static final List<Preset> PRESETS = java.util.Arrays.stream(System.getProperty("avqa.bench.presets",
            "sasr-base,sasr-small").split(",")).map(Preset::fromId).toList();
    /** -Davqa.bench.modes=eager,lazy (default both). */
    static final List<String> MODES = List.of(System.getProperty("avqa.bench.modes", "eager,lazy").split(","));
    /** Eager streams are encoded by the pool: -Davqa.bench.eagerThreads (default: the service's, 2) threads,
     *  batches of up to -Davqa.bench.eagerBatch (default: the service's, 16), at nice -Davqa.bench.eagerNice
     *  (default: the service's, 10), lingering -Davqa.bench.eagerLingerMs (default: the service's) for a fuller
     *  batch. */
    static final EagerPolicy EAGER = new EagerPolicy(true, java.util.Set.of(),
            Integer.getInteger("avqa.bench.eagerBatch", EagerPolicy.DEFAULT_BATCH),
            EagerPolicy.DEFAULT_FLUSH_MS, Integer.getInteger("avqa.bench.eagerThreads",
                    EagerPolicy.DEFAULT_ENCODER_THREADS), Integer.getInteger("avqa.bench.eagerNice",
                    EagerPolicy.DEFAULT_ENCODER_NICE), Long.getLong("avqa.bench.eagerLingerMs",
                    EagerPolicy.DEFAULT_LINGER_MS));

    /** -Davqa.bench.parallelBranches=false: lazy windows on the stream thread alone (default: the service's, on). */
    static final boolean PARALLEL_BRANCHES = Boolean.parseBoolean(System.getProperty("avqa.bench.parallelBranches",
            "true"));

    /**
     * -Davqa.bench.branchPairs=50,75: instead of the ladders, lazy runs of the first preset at these stream counts,
     * without and then with parallel branches, twice over, into reasoner-parallel-branches.md/.json: paired runs
     * minutes apart, since a shared host's speed drifts between whole benchmark runs.
     */
    static final List<Integer> BRANCH_PAIRS = System.getProperty("avqa.bench.branchPairs", "").isBlank() ? List.of()
            : java.util.Arrays.stream(System.getProperty("avqa.bench.branchPairs").split(",")).map(String::trim)
                    .map(Integer::valueOf).toList();

    /** -Davqa.bench.precision=bf16 runs everything at bf16 matmul precision, into reasoner-bf16.md/.json. */
    static final MatmulPrecision PRECISION = MatmulPrecision.parse(System.getProperty("avqa.bench.precision", "fp32"));

    /** -Davqa.bench.jvmWarmupSeconds (default 90): one discarded run before the measured ones. */
    static final int JVM_WARMUP_SECONDS = Integer.getInteger("avqa.bench.jvmWarmupSeconds", 90);

    private final Path work;
    private final int seconds;

    ReasonerBenchmark(Path work, int seconds) {
        this.work = work;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        // As `avqa reasoner` does (cli.Threads): one PyTorch thread per stream thread. Left at PyTorch's default
        // (all cores per op) the two stream threads oversubscribe the cores and every figure collapses.
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path work = Files.createTempDirectory("avqa-reasoner-bench-");
        Map<String, Object> results = new LinkedHashMap<>();
        System.out.println(PRECISION.applyAndDescribe());
        results.put("machine", machine());
        // measured before anything else runs, so that the one thread has a core to itself
        results.put("matmulGflopsPerSecondOneThread", MatmulRate.measure());
        System.out.println("matmul GFLOP/s, one thread: " + results.get("matmulGflopsPerSecondOneThread"));
        results.put("window", "T=" + T + ", s=1");
        ReasonerBenchmark bench = new ReasonerBenchmark(work, seconds);
        Map<String, Object> model = new LinkedHashMap<>();
        for (Preset p : PRESETS) {
            model.put(p.id(), bench.modelCosts(p));
            System.out.println("model " + p.id() + ": " + model.get(p.id()));
        }
        results.put("model", model);
        List<Map<String, Object>> runs = new ArrayList<>();
        try (BenchBroker broker = args.length > 2 ? BenchBroker.external(args[2])
                : BenchBroker.embedded(work.resolve("kafka"))) {
            results.put("jvmWarmupSeconds", JVM_WARMUP_SECONDS);
            if (JVM_WARMUP_SECONDS > 0) {
                // The JIT compiles the Kafka, broker and model paths for minutes: without this, C2 compiler
                // threads took 0.46 of the 2 cores during the first measured run and 0.2 during the second.
                System.out.println("JVM warm-up: " + JVM_WARMUP_SECONDS + " s at 20 eager streams, not measured");
                new ReasonerBenchmark(work, JVM_WARMUP_SECONDS).sustain(broker, PRESETS.get(0), true, 20);
            }
            if (!BRANCH_PAIRS.isEmpty()) {
                List<Map<String, Object>> pairs = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (int n : BRANCH_PAIRS) {
                        pairs.add(bench.sustain(broker, PRESETS.get(0), false, n, false));
                        pairs.add(bench.sustain(broker, PRESETS.get(0), false, n, true));
                    }
                }
                results.put("kafka", pairs);
                results.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                write(out, "reasoner-parallel-branches", results, branchPairsMarkdown(results));
                return;
            }
            for (Preset p : PRESETS) {
                @SuppressWarnings("unchecked")
                double batchMs = (double) ((Map<String, Object>) model.get(p.id())).get("encodeCpuMsPerWindowBatch8");
                System.out.println("eager estimate from " + batchMs + " CPU ms per window in batches of 8");
                // The encoder threads, minus room for Kafka, the broker and the load generator; at most 90, since
                // beyond that the broker and generator in this JVM limit before a cheap model does (sasr-small).
                int eager = Integer.getInteger("avqa.bench.eagerStart",
                        (int) Math.min(90, Math.max(5, Math.floor(0.6 * EAGER.encoderThreads() * 1000 / batchMs))));
                if (MODES.contains("eager")) {
                    runs.addAll(bench.ladder(broker, p, true, eager));
                }
                if (MODES.contains("lazy")) {
                    runs.addAll(bench.ladder(broker, p, false, 50));
                }
            }
        }
        results.put("kafka", runs);
        results.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String name = PRECISION == MatmulPrecision.FP32 ? "reasoner" : "reasoner-" + PRECISION;
        write(out, name, results, markdown(results));
    }

    /** Writes {@code name}.json and {@code name}.md under {@code out} and prints the markdown. */
    private static void write(Path out, String name, Map<String, Object> results, String markdown) throws IOException {
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(name + ".json").toFile(),
                results);
        Files.writeString(out.resolve(name + ".md"), markdown);
        System.out.println(markdown);
    }

    /**
     * Runs at {@code first} streams, then steps up by 1.5x while the reasoner keeps up, or down until it does
     * (three runs at most): the largest count that kept up brackets the sustainable load.
     */
    List<Map<String, Object>> ladder(BenchBroker broker, Preset preset, boolean eager, int first) throws Exception {
        List<Map<String, Object>> runs = new ArrayList<>();
        Map<String, Object> run = sustain(broker, preset, eager, first);
        runs.add(run);
        boolean up = (boolean) run.get("keptUp");
        int n = first;
        for (int i = 0; i < 2; i++) {
            n = up ? (int) Math.ceil(n * 1.5) : Math.max(1, (int) (n / 1.5));
            run = sustain(broker, preset, eager, n);
            runs.add(run);
            if ((boolean) run.get("keptUp") != up || n == 1) {
                break;
            }
        }
        return runs;
    }

    /** Steps 1-5 and 7-9 alone, one thread, as a stream thread runs them. */
    Map<String, Object> modelCosts(Preset preset) {
        Path dir = TestModels.save(work.resolve("model-" + preset.id()), preset, T, 1);
        List<Embedding> window = new ArrayList<>();
        for (int i = 0; i < T; i++) {
            window.add(embedding("bench", i, 1));
        }
        float[] audio = new float[T * 128];
        float[] visual = new float[T * 512 * 196];
        LatencyRecorder decode = new LatencyRecorder();
        LatencyRecorder encode = new LatencyRecorder();
        LatencyRecorder answer = new LatencyRecorder();
        // CPU time of this thread too: on a shared, oversubscribed machine wall time mostly measures waiting.
        LatencyRecorder encodeCpu = new LatencyRecorder();
        LatencyRecorder answerCpu = new LatencyRecorder();
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        SaSRConfig config;
        try (SaSRModel model = ModelSource.of(dir).open(); NDManager m = NDManager.newBaseManager()) {
            config = model.net().config();
            Classification.Supported q = (Classification.Supported) model.classify(TestModels.COUNT);
            for (int it = 0; it < 60; it++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < T; i++) {
                    Embedding e = window.get(i);
                    for (int j = 0; j < 128; j++) {
                        audio[i * 128 + j] = e.getAudio().get(j);
                    }
                    io.avqa.reasoner.stream.window.HalfFloats.decode(e.getVisualMap().getFp16(), visual,
                            i * 512 * 196, 512 * 196);
                }
                long t1 = System.nanoTime();
                try (NDManager s = m.newSubManager()) {
                    long c1 = cpu.getCurrentThreadCpuTime();
                    WindowState state = model.encode(s, audio, visual);
                    long t2 = System.nanoTime();
                    long c2 = cpu.getCurrentThreadCpuTime();
                    for (int k = 0; k < 5; k++) {
                        long a0 = System.nanoTime();
                        long ac0 = cpu.getCurrentThreadCpuTime();
                        model.answer(state, 0, q);
                        if (it >= 10) {
                            answer.add((System.nanoTime() - a0) / 1e6);
                            answerCpu.add((cpu.getCurrentThreadCpuTime() - ac0) / 1e6);
                        }
                    }
                    if (it >= 10) {
                        decode.add((t1 - t0) / 1e6);
                        encode.add((t2 - t1) / 1e6);
                        encodeCpu.add((c2 - c1) / 1e6);
                    }
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fp16DecodeMsP50", round(decode.percentile(50)));
        r.put("encodeCpuMsPerWindowBatch8", round(batchedCpuMs(dir, 8)));
        double gflop = FlopCount.window(config) / 1e9;
        r.put("windowGflop", Math.round(gflop * 1000) / 1000.0);
        r.put("encodeGflopsPerSecondBatch8", round(gflop * 1000 / (double) r.get("encodeCpuMsPerWindowBatch8")));
        r.put("encodeMsP50", round(encode.percentile(50)));
        r.put("encodeMsP99", round(encode.percentile(99)));
        r.put("answerMsP50", round(answer.percentile(50)));
        r.put("answerMsP99", round(answer.percentile(99)));
        r.put("encodeCpuMsP50", round(encodeCpu.percentile(50)));
        r.put("answerCpuMsP50", round(answerCpu.percentile(50)));
        // What two otherwise idle cores could encode per second, one window per segment per stream.
        r.put("eagerStreamsOn2CoresFromCpuTime", (int) Math.floor(2 * 1000 / (encodeCpu.percentile(50)
                + decode.percentile(50) * encodeCpu.percentile(50) / encode.percentile(50))));
        r.put("eagerStreamsOn2CoresFromCpuTimeBatch8", (int) Math.floor(2 * 1000
                / ((double) r.get("encodeCpuMsPerWindowBatch8")
                + decode.percentile(50) * encodeCpu.percentile(50) / encode.percentile(50))));
        r.put("lazyFirstQuestionMsP50", round(decode.percentile(50) + encode.percentile(50) + answer.percentile(50)));
        return r;
    }

    /** CPU ms per window when {@code b} windows are encoded in one forward pass (the eager path's batches). */
    static double batchedCpuMs(Path dir, int b) {
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LatencyRecorder perWindow = new LatencyRecorder();
        try (SaSRModel model = ModelSource.of(dir).open(); NDManager m = NDManager.newBaseManager()) {
            for (int it = 0; it < 12; it++) {
                try (NDManager s = m.newSubManager()) {
                    ai.djl.ndarray.NDArray audio = s.randomNormal(new ai.djl.ndarray.types.Shape(b, T, 128));
                    ai.djl.ndarray.NDArray visual = s.randomUniform(0, 1,
                            new ai.djl.ndarray.types.Shape(b, T, 512, 14, 14));
                    long c0 = cpu.getCurrentThreadCpuTime();
                    model.encode(audio, visual);
                    if (it >= 2) {
                        perWindow.add((cpu.getCurrentThreadCpuTime() - c0) / 1e6 / b);
                    }
                }
            }
        }
        return perWindow.percentile(50);
    }

    /** Windows the eager encoder pool has skipped so far (it fell behind). */
    private static long skippedWindows(SimpleMeterRegistry registry) {
        return (long) poolCount(registry, "skipped");
    }

    /** One of the eager encoder pool's counters (skipped, passes, encoded); 0 before the pool starts. */
    private static double poolCount(SimpleMeterRegistry registry, String name) {
        var c = registry.find("avqa.reasoner.eager." + name).functionCounter();
        return c == null ? 0 : c.count();
    }

    /**
     * CPU nanoseconds of this JVM's stream threads so far, and the model's inference nanoseconds (the reasoner's
     * avqa.reasoner.inference timers, wall time inside DJL on those threads).
     */
    private static long[] streamThreadCpu(SimpleMeterRegistry registry) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && (t.getThreadName().contains("StreamThread")
                    || t.getThreadName().startsWith("avqa-eager-encoder"))) {
                cpu += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        double model = registry.find("avqa.reasoner.inference").timers().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS)).sum();
        return new long[] {cpu, (long) model};
    }

    Map<String, Object> sustain(BenchBroker broker, Preset preset, boolean eager, int streams)
            throws Exception {
        return sustain(broker, preset, eager, streams, PARALLEL_BRANCHES);
    }

    /** N streams at 1 segment/s plus questions for {@code seconds}, after the windows have filled. */
    Map<String, Object> sustain(BenchBroker broker, Preset preset, boolean eager, int streams,
            boolean parallelBranches) throws Exception {
        String prefix = "bench-" + UUID.randomUUID() + ".";
        Topics topics = Topics.withPrefix(prefix);
        broker.createTopics(topics);
        Path dir = work.resolve("model-" + preset.id());
        ReasonerConfig config = ReasonerConfig.defaults(broker.bootstrapServers(), work.resolve("state-" + prefix))
                .withModelDir(dir).withTopicPrefix(prefix).withApplicationId("bench-" + UUID.randomUUID())
                .withThreads(2).withEager(eager ? EAGER : EagerPolicy.standingOnly())
                .withParallelBranches(parallelBranches);
        Recorders rec = new Recorders();
        AtomicBoolean running = new AtomicBoolean(true);
        long segments = 0;
        long questions = 0;
        long behindMs = 0;
        System.out.printf("%s %s: %d streams%n", preset.id(), eager ? "eager" : "lazy", streams);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long[] cpuAtStart = null;
        CpuBreakdown coresAtStart = null;
        Map<String, Double> cores;
        long wallAtStart = 0;
        long skippedAtStart = 0;
        long skippedAtEnd;
        double passesAtStart = 0;
        double encodedAtStart = 0;
        double meanBatch;
        double threadShare;
        double modelShare;
        try (ReasonerService reasoner = ReasonerService.create(config, registry);
                KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            reasoner.start();
            reasoner.awaitRunning(Duration.ofSeconds(60));
            Thread consumer = new Thread(() -> consume(broker, topics, running, rec), "bench-consumer");
            consumer.start();
            SplittableRandom random = new SplittableRandom(1);
            // One embedding per stream, re-stamped in place: the generator must not be the bottleneck.
            List<Embedding> live = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                live.add(TestEmbeddings.embedding("s" + s, 0, s % 7));
            }
            int warmup = T + 2;
            int total = warmup + seconds;
            long start = System.currentTimeMillis() + 500;
            long questionInterval = 1000 / QUESTIONS_PER_SECOND;
            long nextQuestion = start + warmup * 1000L;
            for (int second = 0; second < total; second++) {
                long tick = start + second * 1000L;
                if (second == warmup) {
                    // before measuring turns on: the consumer files each insight by the second since then
                    rec.measuringSinceMs = System.currentTimeMillis();
                    cpuAtStart = streamThreadCpu(registry);
                    coresAtStart = CpuBreakdown.now();
                    wallAtStart = System.nanoTime();
                    skippedAtStart = skippedWindows(registry);
                    passesAtStart = poolCount(registry, "passes");
                    encodedAtStart = poolCount(registry, "encoded");
                }
                rec.measuring = second >= warmup;
                if (second == total - 5) {
                    rec.lastSeconds = true;
                }
                for (int s = 0; s < streams; s++) {
                    // Spread the streams over the second, as independent live sources would be.
                    long due = tick + (long) s * 1000 / streams;
                    behindMs = Math.max(behindMs, System.currentTimeMillis() - due);
                    waitUntil(due);
                    Embedding e = live.get(s);
                    long now = System.currentTimeMillis();
                    e.setSeq(second);
                    e.setStartMs(tick);
                    e.setIngestMs(now);
                    e.setFeaturesMs(now);
                    producer.send(new ProducerRecord<>(topics.embeddings().name(), key("s" + s),
                            Contracts.EMBEDDING.encode(e)));
                    segments++;
                    while (System.currentTimeMillis() >= nextQuestion && second >= warmup) {
                        String stream = "s" + random.nextInt(streams);
                        producer.send(new ProducerRecord<>(topics.questions().name(), key(stream),
                                Contracts.QUESTION.encode(question(UUID.randomUUID().toString(), stream,
                                        TestModels.COUNT, QuestionMode.ONCE, "bench"))));
                        questions++;
                        nextQuestion += questionInterval;
                    }
                }
            }
            long[] cpuAtEnd = streamThreadCpu(registry);
            cores = CpuBreakdown.now().coresSince(coresAtStart);
            skippedAtEnd = skippedWindows(registry);
            meanBatch = (poolCount(registry, "encoded") - encodedAtStart)
                    / Math.max(1, poolCount(registry, "passes") - passesAtStart);
            double wallNanos = System.nanoTime() - wallAtStart;
            int threads = config.threads() + (eager ? config.eager().encoderThreads() : 0);
            threadShare = (cpuAtEnd[0] - cpuAtStart[0]) / (wallNanos * threads);
            modelShare = (cpuAtEnd[1] - cpuAtStart[1]) / Math.max(1.0, cpuAtEnd[0] - cpuAtStart[0]);
            long drain = System.currentTimeMillis() + 5000;
            while (rec.roundTrip.count() < questions && System.currentTimeMillis() < drain) {
                Thread.sleep(50);
            }
            running.set(false);
            consumer.join();
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("preset", preset.id());
        r.put("mode", eager ? "eager" : "lazy");
        r.put("parallelBranches", parallelBranches);
        r.put("streams", streams);
        r.put("seconds", seconds);
        r.put("segmentsSent", segments);
        r.put("generatorBehindMsMax", behindMs);
        r.put("questionsSent", questions);
        r.put("answers", rec.roundTrip.count());
        r.put("answersOk", rec.ok);
        r.put("roundTripMsP50", round(rec.roundTrip.percentile(50)));
        r.put("roundTripMsP99", round(rec.roundTrip.percentile(99)));
        r.put("roundTripMsP50Last5s", round(rec.roundTripLast.percentile(50)));
        r.put("askedToAnsweredMsP50", round(rec.inReasoner.percentile(50)));
        r.put("askedToAnsweredMsP99", round(rec.inReasoner.percentile(99)));
        // the reasoner's own split of that time (QuestionTimers; Micrometer's percentile estimates)
        r.put("questionWaitedMsP50", round(questionPercentile(registry, "waited", 0.5)));
        r.put("questionWaitedMsP99", round(questionPercentile(registry, "waited", 0.99)));
        r.put("questionWorkedMsP50", round(questionPercentile(registry, "worked", 0.5)));
        r.put("questionWorkedMsP99", round(questionPercentile(registry, "worked", 0.99)));
        boolean answered = rec.roundTrip.count() >= 0.95 * questions && rec.roundTripLast.percentile(50) < 1000;
        boolean keptUp = answered;
        // Over the measured seconds, like every other figure here: not the 2 s after the windows first fill, when
        // every stream becomes encodable at once.
        long skippedWindows = skippedAtEnd - skippedAtStart;
        if (eager) {
            r.put("insights", rec.insightLag.count());
            r.put("insightLagMsP50", round(rec.insightLag.percentile(50)));
            r.put("insightLagMsP99", round(rec.insightLag.percentile(99)));
            r.put("insightLagMsP50Last5s", round(rec.insightLagLast.percentile(50)));
            // when the lag passed 1 s: a stall (a few seconds) reads differently from falling behind (to the end)
            r.put("secondsWithInsightLagOver1s", rec.worstLagBySecond.entrySet().stream()
                    .filter(e -> e.getValue() > 1000).map(Map.Entry::getKey).toList());
            // the pool skips a window only when it has fallen behind: more than 1% skipped is not keeping up
            keptUp &= rec.insightLagLast.percentile(50) < 1000 && rec.insightLag.count() >= 0.9 * streams * seconds
                    && skippedWindows <= 0.01 * streams * seconds;
        }
        // where the stream threads' time went: busy share of their wall time, and the model's share of that
        r.put("streamThreadBusy", round(threadShare));
        r.put("eagerWindowsSkipped", skippedWindows);
        r.put("eagerWindowsSkippedBeforeMeasuring", skippedAtStart);
        r.put("eagerMeanBatch", round(meanBatch));
        r.put("modelShareOfBusy", round(modelShare));
        r.put("coresByPart", cores);
        r.put("keptUp", keptUp);
        System.out.println(r);
        broker.deleteTopics(topics, config.applicationId());
        deleteRecursively(config.stateDir());
        return r;
    }

    /** A percentile of the reasoner's {@link QuestionTimers} phase, ms; NaN when no question reached it. */
    private static double questionPercentile(SimpleMeterRegistry registry, String phase, double percentile) {
        Timer t = registry.find(QuestionTimers.NAME).tag("phase", phase).timer();
        if (t == null) {
            return Double.NaN;
        }
        for (var v : t.takeSnapshot().percentileValues()) {
            if (v.percentile() == percentile) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    /** What the consumer measured; written by the consumer thread, read after it joined. */
    static final class Recorders {
        final LatencyRecorder roundTrip = new LatencyRecorder();
        final LatencyRecorder roundTripLast = new LatencyRecorder();
        final LatencyRecorder inReasoner = new LatencyRecorder();
        final LatencyRecorder insightLag = new LatencyRecorder();
        final LatencyRecorder insightLagLast = new LatencyRecorder();
        /** Per second since the measuring began: the largest insight lag seen, ms (where a stall happened). */
        final Map<Integer, Long> worstLagBySecond = new java.util.TreeMap<>();
        volatile long measuringSinceMs;
        volatile boolean measuring;
        volatile boolean lastSeconds;
        int ok;
    }

    private static void consume(BenchBroker broker, Topics topics, AtomicBoolean running, Recorders rec) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topics.answers().name(), topics.insights().name()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    try {
                        if (r.topic().equals(topics.answers().name())) {
                            Answer a = Contracts.ANSWER.decode(r.value());
                            rec.ok += a.getStatus() == AnswerStatus.OK ? 1 : 0;
                            rec.roundTrip.add(now - a.getAskedMs());
                            rec.inReasoner.add(a.getAnsweredMs() - a.getAskedMs());
                            if (rec.lastSeconds) {
                                rec.roundTripLast.add(now - a.getAskedMs());
                            }
                        } else if (rec.measuring) {
                            Insight i = Contracts.INSIGHT.decode(r.value());
                            rec.insightLag.add(now - i.getFeaturesMs());
                            rec.worstLagBySecond.merge((int) ((now - rec.measuringSinceMs) / 1000),
                                    now - i.getFeaturesMs(), Math::max);
                            if (rec.lastSeconds) {
                                rec.insightLagLast.add(now - i.getFeaturesMs());
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(BenchBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void waitUntil(long epochMs) throws InterruptedException {
        long wait = epochMs - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** The paired runs: one row per stream count and round, without / with parallel branches side by side. */
    @SuppressWarnings("unchecked")
    static String branchPairsMarkdown(Map<String, Object> r) {
        StringBuilder md = new StringBuilder("# Reasoner: lazy questions with and without parallel branches\n\n");
        md.append("Machine: ").append(r.get("machine")).append("; load average at end ").append(r.get("loadAverageAtEnd"))
                .append(".\n\n`-Davqa.bench.branchPairs`: lazy streams only, each stream count run without and "
                        + "then with `--parallel-branches` (a stream thread encoding a lazy question's window runs the "
                        + "visual semantic block on a helper thread), twice over; each run as in `reasoner.md` (2 "
                        + "stream threads, 1 segment/s per stream, 10 questions/s, embedded broker in the same JVM, "
                        + "after a 90-s JIT warm-up). Runs of one pair are about a minute apart. Threads busy is the "
                        + "stream threads' CPU share; the helper threads' is not in it.\n\n"
                        + "| round | streams | round trip p50 / p99 ms, without | with | asked-to-answered p50 / p99 ms, "
                        + "without | with | threads busy, without / with |\n|---:|---:|---|---|---|---|---|\n");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) r.get("kafka");
        for (int i = 0; i + 1 < runs.size(); i += 2) {
            Map<String, Object> off = runs.get(i);
            Map<String, Object> on = runs.get(i + 1);
            md.append(String.format(java.util.Locale.ROOT, "| %d | %s | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f "
                    + "| %.0f / %.0f | %.2f / %.2f |%n", i / (2 * BRANCH_PAIRS.size()) + 1, off.get("streams"),
                    off.get("roundTripMsP50"), off.get("roundTripMsP99"), on.get("roundTripMsP50"),
                    on.get("roundTripMsP99"), off.get("askedToAnsweredMsP50"), off.get("askedToAnsweredMsP99"),
                    on.get("askedToAnsweredMsP50"), on.get("askedToAnsweredMsP99"), off.get("streamThreadBusy"),
                    on.get("streamThreadBusy")));
        }
        return md.toString();
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0; // NaN stays NaN ("no value"), not 0
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", cpuModel());
        m.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("pytorchThreads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        m.put("parallelBranches", PARALLEL_BRANCHES);
        m.put("eagerEncoderNice", EAGER.encoderNice());
        m.put("eagerLingerMs", EAGER.lingerMs());
        m.put("matmulPrecision", MatmulPrecision.current().toString()
                + (PRECISION == MatmulPrecision.BF16 && !MatmulPrecision.cpuHasBf16() ? " (no bf16 units: fp32)" : ""));
        m.put("date", Instant.now().toString());
        m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("note", "broker, load generator and reasoner share this machine (see loadAverageAtStart for anything else running)");
        m.put("jvm", ManagementFactory.getRuntimeMXBean().getVmName());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> r) {
        StringBuilder md = new StringBuilder("# Reasoner benchmark\n\n");
        md.append("Machine: ").append(r.get("machine")).append("; load average at end ")
                .append(r.get("loadAverageAtEnd")).append("\n\nWindow ").append(r.get("window"))
                .append("; untrained weights of each preset (cost does not depend on weight values).\n\n");
        md.append("## Model alone (one thread)\n\nWall time, and the thread's CPU time (what the work costs when a "
                + "core is free; the machine was oversubscribed). Eager streams on 2 cores = 2000 ms / CPU ms per "
                + "window (decode + encode), a ceiling that ignores Kafka and RocksDB.\n\n| preset | fp16 decode ms | "
                + "encode (steps 1-5) p50/p99 ms | encode CPU ms p50 | answer (steps 7-9; a repeated question, its step 7 "
                + "cached) p50/p99 ms | answer CPU ms "
                + "p50 | lazy first question p50 ms | encode CPU ms per window, batches of 8 | eager streams on 2 "
                + "cores from CPU time (one by one / batches of 8) | window GFLOP | encode GFLOP/s, batches of 8 "
                + "(share of the best matmul rate) |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        @SuppressWarnings("unchecked")
        Map<String, Double> matmul = (Map<String, Double>) r.get("matmulGflopsPerSecondOneThread");
        double bestMatmul = matmul == null ? Double.NaN
                : matmul.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        for (Map.Entry<String, Object> e : ((Map<String, Object>) r.get("model")).entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            Object rate = m.get("encodeGflopsPerSecondBatch8");
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %s / %s | %s | %s / %s | %s | %s | %s | %s / %s | %s | %s (%s) |%n",
                    e.getKey(), m.get("fp16DecodeMsP50"), m.get("encodeMsP50"), m.get("encodeMsP99"),
                    m.get("encodeCpuMsP50"), m.get("answerMsP50"), m.get("answerMsP99"), m.get("answerCpuMsP50"),
                    m.get("lazyFirstQuestionMsP50"), m.get("encodeCpuMsPerWindowBatch8"),
                    m.get("eagerStreamsOn2CoresFromCpuTime"), m.get("eagerStreamsOn2CoresFromCpuTimeBatch8"),
                    m.getOrDefault("windowGflop", "-"), rate == null ? "-" : rate,
                    rate instanceof Number n && !Double.isNaN(bestMatmul)
                            ? String.format(Locale.ROOT, "%.0f%%", 100 * n.doubleValue() / bestMatmul) : "-"));
        }
        if (matmul != null) {
            md.append("\nOne thread's fp32 matrix products through PyTorch on this machine (M x K x N, GFLOP/s, best "
                    + "of three 1-s runs, before anything else ran): ").append(matmul)
                    .append(". Window FLOPs are analytic (FlopCount, 2 per multiply-add). An encoder near the best "
                            + "rate gets faster only by doing less arithmetic: at that rate 2 otherwise idle cores "
                            + "encode at most 2 x rate / window GFLOP windows per second.\n");
        }
        md.append("\n## Through Kafka (2 stream threads, " + EAGER.encoderThreads() + " eager encoder thread(s) in "
                + "batches of up to " + EAGER.batch() + " lingering up to " + EAGER.lingerMs() + " ms for 8, at nice "
                + EAGER.encoderNice() + ", embedded broker in the same JVM)\n\n"
                + "Before the measured runs, a discarded " + r.get("jvmWarmupSeconds") + "-s run at 20 eager streams "
                + "lets the JIT compile the hot paths (a service runs for hours). "
                + "Streams send 1 segment/s each; " + QUESTIONS_PER_SECOND + " questions/s to random streams. "
                + "Round trip = answer consumed - question produced; asked-to-answered = the reasoner's answeredMs - "
                + "askedMs (the question's hop into the reasoner plus its work), split by the reasoner's own timers "
                + "(avqa.reasoner.question, Micrometer's percentile estimates) into waited (asked until a stream "
                + "thread took it up) and worked (taken up until answered, including a lazy window's encode). "
                + "Insight lag = insight consumed - "
                + "embedding produced. Kept up: 95% of questions answered, last-5-s round trip p50 < 1 s, and (eager) "
                + "90% of insights with last-5-s lag p50 < 1 s and at most 1% of the measured seconds' windows skipped "
                + "by the encoder pool (it skips a stream's waiting window only when a newer one arrives before it is "
                + "encoded; skips in the 2 s before measuring, when every stream's window first fills, are shown "
                + "after a +). Threads busy = the CPU time of the stream threads and "
                + "(eager) the encoder threads / (wall time x those threads) over the measured seconds; model share = "
                + "the model's inference time (wall, so above 1 when the threads wait for a core) / that CPU time; "
                + "cores by part = CPU time of each part of this JVM (and the machine's idle time) / wall time, over "
                + "the measured seconds.\n\n"
                + "| preset | mode | streams | kept up | questions | "
                + "answers (OK) | round trip p50/p99 ms | asked-to-answered p50/p99 ms | waited p50/p99 ms "
                + "| worked p50/p99 ms | insight lag p50/p99 ms (last 5 s p50; windows skipped; mean batch) "
                + "| threads busy "
                + "| model share | cores by part |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> run : (List<Map<String, Object>>) r.get("kafka")) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s (%s) | %s / %s | %s / %s | %s / %s | %s / %s | %s | %s | %s "
                            + "| %s |%n",
                    run.get("preset"), run.get("mode"), run.get("streams"), run.get("keptUp"),
                    run.get("questionsSent"), run.get("answers"), run.get("answersOk"), run.get("roundTripMsP50"),
                    run.get("roundTripMsP99"), run.get("askedToAnsweredMsP50"), run.get("askedToAnsweredMsP99"),
                    run.get("questionWaitedMsP50"), run.get("questionWaitedMsP99"), run.get("questionWorkedMsP50"),
                    run.get("questionWorkedMsP99"), run.containsKey("insightLagMsP50") ? run.get("insightLagMsP50")
                            + " / " + run.get("insightLagMsP99") + " (" + run.get("insightLagMsP50Last5s") + "; "
                            + run.get("eagerWindowsSkipped") + " skipped"
                            + (((Number) run.getOrDefault("eagerWindowsSkippedBeforeMeasuring", 0)).longValue() > 0
                                    ? " + " + run.get("eagerWindowsSkippedBeforeMeasuring") : "")
                            + (run.containsKey("eagerMeanBatch") ? "; mean batch " + run.get("eagerMeanBatch") : "")
                            + ")"
                            : "-", run.get("streamThreadBusy"), run.get("modelShareOfBusy"),
                    run.get("coresByPart") instanceof Map<?, ?> c
                            ? CpuBreakdown.describe((Map<String, Double>) c) : "-"));
        }
        return md.toString();
    }
}
