package io.avqa.app.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.avqa.features.service.FeaturesConfig;
import io.avqa.reasoner.stream.ReasonerConfig;
import io.avqa.schemas.topic.Topic;
import io.avqa.schemas.topic.Topics;

/**
 * The fault run of {@code docker/test/compose-e2e.sh}, against a compose stack that is up and ready: WebSocket
 * clients ask ONCE questions through the balancer's published loopback port (by default 10 clients, one question
 * every 500 ms each: 20 questions/s), and meanwhile, one after another, a Kafka broker, a reasoner and a features
 * container are killed ({@code docker kill}, SIGKILL, with the restart policy switched off so each stays down),
 * left down for a while, started again, and watched until every stream answers OK again from a window that ends
 * after the kill. Each victim is the container that matters to the first stream at that moment, asked of the
 * cluster: the broker leading most of its partitions, the reasoner and the features instance owning its partition
 * (group members are told apart by their container address: every instance runs as pid 1). The segments topic is
 * read all run ({@link SegmentWatch}); at the end every segment must have its committed embedding
 * ({@link EmbeddingAudit}). Then the summary is printed (and written to {@code OUT/summary.md}).
 *
 * <p>Exit status 0 when every question got exactly one terminal reply, every stream answered OK again after
 * every kill, no second was published twice and no segment lost its embedding; 1 otherwise (the summary says
 * which). TIMEOUTs are counted and reported, not failed on.
 *
 * <pre>
 * java -cp app/target/test-classes:broker/target/test-classes:app/target/avqa.jar io.avqa.app.scale.ComposeFaults \
 *   --port 18080 --token TOKEN --streams stage --bootstrap 127.0.0.1:19091,127.0.0.1:19092,127.0.0.1:19093 \
 *   --container kafka-1=ID --container kafka-2=ID ... --container features-2=ID --out DIR
 * </pre>
 */
final class ComposeFaults {
    /** What to kill, in order: one kind at a time, the victim picked when its turn comes. */
    enum Kind { KAFKA, REASONER, FEATURES }

    /** A chosen victim: its compose service name, container id, and why it was chosen. */
    record Victim(String service, String container, String why) {
    }

    /**
     * One kill: when the container was gone, when it ran again, and when every stream answered OK again from a
     * window that ends after the kill (-1: not within the limit).
     */
    record Kill(Victim victim, long killMs, long startedMs, long everyStreamOkMs) {
        boolean recovered() {
            return everyStreamOkMs > 0;
        }
    }

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5); // the gateway's default
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);
    private static final Topics TOPICS = Topics.defaults();

    private final Settings settings;
    private final QuestionLedger ledger = new QuestionLedger();
    private final List<Kill> kills = new ArrayList<>();

    private ComposeFaults(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        System.exit(new ComposeFaults(settings).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        QuestionBank bank = QuestionBank.of(settings.model, 3, 7);
        List<QuestionLoad.Gateway> lb = List.of(new QuestionLoad.Gateway("lb", settings.port, settings.token));
        try (GroupProbe probe = new GroupProbe(settings.bootstrap);
                SegmentWatch segments = new SegmentWatch(settings.bootstrap, TOPICS.segments())) {
            log("warm-up: until every stream (" + settings.streams + ") answers OK through the balancer");
            WarmUp.untilEveryStreamAnswers(lb, settings.streams, bank);
            long loadStart = System.currentTimeMillis();
            long loadEnd;
            List<String> loadFailures;
            try (QuestionLoad load = QuestionLoad.start(lb, settings.clients, settings.askEvery, settings.streams, bank,
                    ledger)) {
                log(String.format("load: %d clients, one question every %d ms each (%.0f questions/s)", settings.clients,
                        settings.askEvery.toMillis(), settings.clients * 1000.0 / settings.askEvery.toMillis()));
                Waits.untilTime(loadStart + settings.settle.toMillis());
                for (Kind kind : settings.kills) {
                    kills.add(killAndRestart(pick(kind, probe, segments)));
                    Waits.untilTime(System.currentTimeMillis() + settings.settle.toMillis());
                }
                load.stop();
                loadEnd = System.currentTimeMillis();
                drain(); // before the clients close: the last questions' replies are still on their way
                loadFailures = load.failures();
            }
            log("audit: every segment sent before the load ended has its committed embedding");
            List<EmbeddingAudit.StreamAudit> audit = EmbeddingAudit.of(settings.bootstrap, TOPICS.embeddings(),
                    segments.timelines(), loadEnd, Duration.ofSeconds(120));
            List<String> twice = segments.timelines().neverTwice();
            String summary = ComposeFaultsReport.render(ledger, kills, loadStart, loadEnd, loadFailures,
                    segments.timelines(), audit, twice);
            System.out.println(summary);
            Files.createDirectories(settings.out);
            Files.writeString(settings.out.resolve("summary.md"), summary);
            return ledger.missing().isEmpty() && ledger.duplicated().isEmpty() && kills.stream().allMatch(Kill::recovered)
                    && twice.isEmpty() && audit.stream().allMatch(a -> a.missing().isEmpty() && a.twice().isEmpty());
        }
    }

    /** The container of {@code kind} that matters most to the first stream now, asked of the cluster. */
    private Victim pick(Kind kind, GroupProbe probe, SegmentWatch segments) throws Exception {
        String stream = settings.streams.get(0);
        int partition = segments.timelines().partitionOf(stream);
        return switch (kind) {
            case KAFKA -> {
                Map<Integer, Integer> led = new TreeMap<>();
                for (Topic<?, ?> t : List.of(TOPICS.segments(), TOPICS.embeddings(), TOPICS.questions(), TOPICS.answers())) {
                    led.merge(probe.leaders(t.name()).getOrDefault(partition, -1), 1, Integer::sum);
                }
                int broker = led.entrySet().stream().filter(e -> e.getKey() >= 0).max(Map.Entry.comparingByValue())
                        .orElseThrow(() -> new IllegalStateException("no leader for partition " + partition)).getKey();
                yield victim("kafka-" + broker, "leads " + led.get(broker) + " of the 4 partitions of " + stream
                        + " (segments, embeddings, questions, answers #" + partition + ")");
            }
            case REASONER -> owner("reasoner-", probe.ownersByAddress(ReasonerConfig.DEFAULT_APPLICATION_ID,
                    TOPICS.questions().name()), partition, "owns the reasoner task of " + stream);
            case FEATURES -> owner("features-", probe.ownersByAddress(FeaturesConfig.DEFAULT_GROUP,
                    TOPICS.segments().name()), partition, "embeds " + stream);
        };
    }

    private Victim owner(String servicePrefix, Map<String, Set<Integer>> byAddress, int partition, String why)
            throws Exception {
        for (Map.Entry<String, String> c : settings.containers.entrySet()) {
            if (c.getKey().startsWith(servicePrefix)) {
                String address = docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                        c.getValue());
                for (String a : address.split("\\s+")) {
                    if (byAddress.getOrDefault(a, Set.of()).contains(partition)) {
                        return new Victim(c.getKey(), c.getValue(), why + " (partition " + partition + ")");
                    }
                }
            }
        }
        throw new IllegalStateException("no " + servicePrefix + "* container owns partition " + partition + ": "
                + byAddress);
    }

    private Victim victim(String service, String why) {
        String container = settings.containers.get(service);
        if (container == null) {
            throw new IllegalStateException("no --container " + service + "=ID given");
        }
        return new Victim(service, container, why);
    }

    private Kill killAndRestart(Victim victim) throws Exception {
        Map<String, Long> lastWindowBefore = new TreeMap<>();
        docker("update", "--restart=no", victim.container());
        docker("kill", victim.container());
        // "after the kill" starts once docker says it is gone (the call takes a while on a busy host): a question
        // sent before that may still be answered by the victim
        long killMs = System.currentTimeMillis();
        settings.streams.forEach(s -> lastWindowBefore.put(s, ledger.lastToSeqBefore(s, killMs)));
        log("killed " + victim.service() + " (" + victim.why() + "); down for " + settings.down.toSeconds() + " s");
        Waits.untilTime(killMs + settings.down.toMillis());
        docker("start", victim.container());
        docker("update", "--restart=unless-stopped", victim.container());
        long startedMs = System.currentTimeMillis();
        log("started " + victim.service() + " again");
        long okMs = -1;
        try {
            // Every stream answers OK, from a window ending after the last one answered before the kill, to a
            // question asked after the kill: the pipeline moved on, not only the survivor's cached windows.
            Waits.until("an OK answer about every stream from a window newer than the kill after " + victim.service()
                    + " was killed", RECOVERY_LIMIT, Duration.ofMillis(250), () -> settings.streams.stream()
                            .allMatch(s -> ledger.firstOkBeyond(s, killMs, lastWindowBefore.get(s)) != null));
            okMs = settings.streams.stream()
                    .mapToLong(s -> ledger.firstOkBeyond(s, killMs, lastWindowBefore.get(s)).receivedMs()).max()
                    .orElse(-1);
        } catch (AssertionError notRecovered) {
            log(notRecovered.getMessage());
        }
        log(victim.service() + ": every stream answered OK again " + (okMs < 0 ? "never" : (okMs - killMs) + " ms")
                + " after the kill");
        return new Kill(victim, killMs, startedMs, okMs);
    }

    /** Waits for the replies still on their way (at most the answer timeout plus slack), then for stray duplicates. */
    private void drain() throws Exception {
        try {
            Waits.until("a terminal reply to every question", ANSWER_TIMEOUT.plusSeconds(15), Duration.ofMillis(250),
                    () -> ledger.missing().isEmpty());
        } catch (AssertionError stillMissing) {
            // counted as missing and reported
        }
        Waits.untilTime(System.currentTimeMillis() + 2_000);
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void log(String line) {
        System.out.printf("compose-e2e %tT %s%n", System.currentTimeMillis(), line);
    }

    /** The command line: where the balancer and the brokers are, who to ask about, what to kill. */
    record Settings(int port, String token, String bootstrap, List<String> streams, Path model, Path out,
            Map<String, String> containers, List<Kind> kills, int clients, Duration askEvery, Duration down,
            Duration settle) {
        static Settings parse(String[] args) {
            int port = -1;
            String token = null;
            String bootstrap = null;
            List<String> streams = List.of();
            Path model = Path.of("models/sasr-synth");
            Path out = Path.of("app/target/compose-e2e");
            Map<String, String> containers = new TreeMap<>();
            List<Kind> kills = List.of(Kind.KAFKA, Kind.REASONER, Kind.FEATURES);
            int clients = 10;
            long askEveryMs = 500;
            long downS = 20;
            long settleS = 20;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--token" -> token = value;
                    case "--bootstrap" -> bootstrap = value;
                    case "--streams" -> streams = List.of(value.split(","));
                    case "--model" -> model = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--container" -> containers.put(value.substring(0, value.indexOf('=')),
                            value.substring(value.indexOf('=') + 1));
                    case "--kill" -> kills = Arrays.stream(value.split(",")).map(k -> Kind.valueOf(k.toUpperCase()))
                            .toList();
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--ask-every-ms" -> askEveryMs = Long.parseLong(value);
                    case "--down-s" -> downS = Long.parseLong(value);
                    case "--settle-s" -> settleS = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (port < 0 || token == null || bootstrap == null || streams.isEmpty()) {
                throw new IllegalArgumentException("--port, --token, --bootstrap and --streams are required");
            }
            return new Settings(port, token, bootstrap, streams, model, out, containers, kills, clients,
                    Duration.ofMillis(askEveryMs), Duration.ofSeconds(downS), Duration.ofSeconds(settleS));
        }
    }
}
