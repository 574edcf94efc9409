package io.avqa.app.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fault run of {@code docker/test/compose-e2e.sh}, against a compose stack that is up and ready: WebSocket
 * clients ask ONCE questions through the balancer's published loopback port (by default 10 clients, one question
 * every 500 ms each: 20 questions/s), and meanwhile each victim container in turn is killed ({@code docker kill},
 * SIGKILL, with its restart policy switched off so it stays down), left down for a while, started again, and
 * watched until every stream answers OK again. Then the load stops, late replies drain, and the summary is printed
 * (and written to {@code OUT/summary.md}).
 *
 * <p>Exit status 0 when every question got exactly one terminal reply and every stream answered OK again after
 * every kill; 1 otherwise (the summary says which). TIMEOUTs are counted and reported, not failed on: a broker's
 * partitions move only after the controller gives up on it.
 *
 * <pre>
 * java -cp app/target/test-classes:app/target/avqa.jar io.avqa.app.scale.ComposeFaults \
 *   --port 18080 --token TOKEN --streams stage,stage-b --model models/sasr-synth --out DIR \
 *   --victim kafka-2=CONTAINER_ID --victim reasoner-1=CONTAINER_ID --victim features-1=CONTAINER_ID
 * </pre>
 */
final class ComposeFaults {
    /** A container to kill: its compose service name (for the report) and the container id docker knows. */
    record Victim(String service, String container) {
    }

    /** One kill: when it happened, when the container ran again, and when every stream answered OK again. */
    record Kill(String service, long killMs, long startedMs, long everyStreamOkMs, Map<String, Integer> outcomes) {
        boolean recovered() {
            return everyStreamOkMs > 0;
        }
    }

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5); // the gateway's default
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);

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
        log("warm-up: until every stream (" + settings.streams + ") answers OK through the balancer");
        WarmUp.untilEveryStreamAnswers(lb, settings.streams, bank);
        long loadStart = System.currentTimeMillis();
        List<String> loadFailures;
        try (QuestionLoad load = QuestionLoad.start(lb, settings.clients, settings.askEvery, settings.streams, bank, ledger)) {
            log(String.format("load: %d clients, one question every %d ms each (%.0f questions/s)", settings.clients,
                    settings.askEvery.toMillis(), settings.clients * 1000.0 / settings.askEvery.toMillis()));
            Waits.untilTime(loadStart + settings.settle.toMillis());
            for (Victim victim : settings.victims) {
                kills.add(killAndRestart(victim));
                Waits.untilTime(System.currentTimeMillis() + settings.settle.toMillis());
            }
            load.stop();
            loadFailures = load.failures();
        }
        long loadEnd = System.currentTimeMillis();
        drain();
        String summary = ComposeFaultsReport.render(ledger, kills, loadStart, loadEnd, loadFailures);
        System.out.println(summary);
        Files.createDirectories(settings.out);
        Files.writeString(settings.out.resolve("summary.md"), summary);
        return ledger.missing().isEmpty() && ledger.duplicated().isEmpty() && kills.stream().allMatch(Kill::recovered);
    }

    private Kill killAndRestart(Victim victim) throws Exception {
        docker("update", "--restart=no", victim.container());
        long killMs = System.currentTimeMillis();
        docker("kill", victim.container());
        log("killed " + victim.service() + "; down for " + settings.down.toSeconds() + " s");
        Waits.untilTime(killMs + settings.down.toMillis());
        docker("start", victim.container());
        docker("update", "--restart=unless-stopped", victim.container());
        long startedMs = System.currentTimeMillis();
        log("started " + victim.service() + " again");
        long okMs = -1;
        try {
            // Every stream answers OK to a question asked after the restart: the stack is whole again.
            Waits.until("an OK answer about every stream after " + victim.service() + " restarted", RECOVERY_LIMIT,
                    Duration.ofMillis(250), () -> settings.streams.stream()
                            .allMatch(s -> ledger.firstOkAfter(s, startedMs) != null));
            okMs = settings.streams.stream().mapToLong(s -> ledger.firstOkAfter(s, killMs).receivedMs()).max().orElse(-1);
        } catch (AssertionError notRecovered) {
            log(notRecovered.getMessage());
        }
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (String s : settings.streams) {
            ledger.outcomesAfter(s, killMs).forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
        }
        log(victim.service() + ": every stream answered OK again " + (okMs < 0 ? "never" : (okMs - killMs) + " ms")
                + " after the kill");
        return new Kill(victim.service(), killMs, startedMs, okMs, outcomes);
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

    private static void docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void log(String line) {
        System.out.printf("compose-e2e %tT %s%n", System.currentTimeMillis(), line);
    }

    /** The command line: where the balancer is, who to ask about, whom to kill. */
    record Settings(int port, String token, List<String> streams, Path model, Path out, List<Victim> victims,
            int clients, Duration askEvery, Duration down, Duration settle) {
        static Settings parse(String[] args) {
            int port = -1;
            String token = null;
            List<String> streams = List.of();
            Path model = Path.of("models/sasr-synth");
            Path out = Path.of("app/target/compose-e2e");
            List<Victim> victims = new ArrayList<>();
            int clients = 10;
            long askEveryMs = 500;
            long downS = 20;
            long settleS = 20;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--token" -> token = value;
                    case "--streams" -> streams = List.of(value.split(","));
                    case "--model" -> model = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--victim" -> victims.add(new Victim(value.substring(0, value.indexOf('=')),
                            value.substring(value.indexOf('=') + 1)));
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--ask-every-ms" -> askEveryMs = Long.parseLong(value);
                    case "--down-s" -> downS = Long.parseLong(value);
                    case "--settle-s" -> settleS = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (port < 0 || token == null || streams.isEmpty()) {
                throw new IllegalArgumentException("--port, --token and --streams are required");
            }
            return new Settings(port, token, streams, model, out, victims, clients, Duration.ofMillis(askEveryMs),
                    Duration.ofSeconds(downS), Duration.ofSeconds(settleS));
        }
    }
}
