package io.avqa.app.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code avqa} services of the run, each a separate JVM started from the shaded jar exactly as an operator
 * would on several machines: two {@code ingest --managed} (one consumer group sharing the streams an operator adds
 * through a gateway's API), two {@code features} (one consumer group), two {@code reasoner} (one Streams
 * application, own state directories), two {@code gateway} (own ports and instance ids, one static token with the
 * admin grant). Heaps are small and inference single-threaded: the machine has two cores.
 */
final class Services {
    private static final Pattern GATEWAY_PORT = Pattern.compile("dashboard: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern REASONER_RUNNING = Pattern.compile("reasoner \\w+ -> RUNNING");
    /**
     * The features processes' session, longer than the 3 s the service asks for: the streams that lose both
     * stages then get no new embeddings until well after the reasoner survivor took over, so a full window in its
     * first answer can only come from the changelog (check 3), and the survivor has a backlog to skip (check 4).
     */
    static final long FEATURES_SESSION_MS = 10_000;
    private static final Pattern FEATURES_READING = Pattern.compile("features service reading");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Shared by every service. */
    record Settings(String bootstrap, String topicPrefix, String featuresGroup, String applicationId, Path model,
            String token, Path stateRoot, String ingestGroup) {
    }

    final List<ChildProcess> features = new ArrayList<>();
    final List<ChildProcess> reasoners = new ArrayList<>();
    final List<ChildProcess> gateways = new ArrayList<>();
    final List<Integer> gatewayPorts = new ArrayList<>();
    final List<Path> reasonerStateDirs = new ArrayList<>();
    final List<ChildProcess> ingests = new ArrayList<>();
    private final Settings settings;

    private Services(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts every service at once (startup is mostly waiting on the JIT and native libraries). No stream runs yet:
     * {@link #addStreams} adds them through a gateway once it is up.
     */
    static Services start(Fleet fleet, Settings s, int instances) {
        Services services = new Services(s);
        List<String> kafka = List.of("--bootstrap-servers", s.bootstrap(), "--topic-prefix", s.topicPrefix());
        for (int i = 1; i <= instances; i++) {
            services.features.add(fleet.avqa("features-" + i, "768m", concat(List.of("features"), kafka,
                    List.of("--group", s.featuresGroup(), "--threads", "1", "--batch-size", "4", "--max-wait-ms", "100",
                            "--kafka-property", "session.timeout.ms=" + FEATURES_SESSION_MS))));
            Path state = s.stateRoot().resolve("reasoner-" + i + "-state");
            services.reasonerStateDirs.add(state);
            services.reasoners.add(fleet.avqa("reasoner-" + i, "768m", concat(List.of("reasoner"), kafka,
                    List.of("--application-id", s.applicationId(), "--model", s.model().toString(), "--threads", "1",
                            "--state-dir", state.toString()))));
            services.gateways.add(fleet.avqa("gateway-" + i, "384m", concat(List.of("gateway"), kafka,
                    List.of("--port", "0", "--instance-id", "scale-gw-" + i, "--tokens", s.token() + "=*,+admin"))));
            // A live source that cannot be opened yet (ffmpeg still starting) is retried; keep the retries short.
            services.ingests.add(fleet.avqa("ingest-" + i, "512m", concat(List.of("ingest", "--managed"), kafka,
                    List.of("--group-id", s.ingestGroup(), "--ops-port", "0", "--reconnect-initial-ms", "500",
                            "--reconnect-max-ms", "2000"))));
        }
        return services;
    }

    /** Adds every stream through the first gateway's API, as an operator would ({@code POST /api/streams}). */
    void addStreams(List<LiveStreams.LiveStream> streams) throws Exception {
        StreamAdmin admin = admin(0);
        for (LiveStreams.LiveStream stream : streams) {
            admin.add(stream.id(), stream.url(), false);
        }
    }

    /** The stream API of gateway {@code index}, with the run's admin token. */
    StreamAdmin admin(int index) {
        return new StreamAdmin(gatewayPorts.get(index), settings.token());
    }

    /** Waits for every service's startup line; reads the gateways' ports from theirs. */
    void awaitStarted(Duration timeout) throws InterruptedException {
        for (ChildProcess g : gateways) {
            Matcher m = g.awaitLine(GATEWAY_PORT, timeout);
            gatewayPorts.add(Integer.parseInt(m.group(1)));
        }
        for (ChildProcess r : reasoners) {
            r.awaitLine(REASONER_RUNNING, timeout);
        }
        for (ChildProcess f : features) {
            f.awaitLine(FEATURES_READING, timeout);
        }
    }

    /**
     * The Kafka Streams process id of reasoner {@code index}, from the metadata file Streams keeps in its state
     * directory; it is part of the instance's consumer client id. Null when the file is not there.
     */
    String reasonerProcessId(int index) throws Exception {
        Path file = reasonerStateDirs.get(index).resolve(settings.applicationId()).resolve("kafka-streams-process-metadata");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Matcher m = UUID.matcher(Files.readString(file));
        return m.find() ? m.group() : null;
    }

    /** The features consumer's client id contains its pid ({@code avqa-features-<pid>}). */
    static String featuresClientMarker(ChildProcess features) {
        return "avqa-features-" + features.pid();
    }

    List<QuestionLoad.Gateway> gatewayEndpoints() {
        List<QuestionLoad.Gateway> out = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            out.add(new QuestionLoad.Gateway(gateways.get(i).name(), gatewayPorts.get(i), settings.token()));
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
