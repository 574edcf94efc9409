package io.avqa.app.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.avqa.broker.EmbeddedKafkaBroker;
import io.avqa.broker.TopicAdmin;
import io.avqa.schemas.topic.KafkaEndpoint;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa broker}: a real single-node KRaft Kafka broker for one machine. Other {@code avqa}
 * commands find it through {@link KafkaEndpoint#demoFile()} while it runs.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run an embedded single-node Kafka broker (KRaft, broker and controller in one process).",
                "Formats the data directory on first start and reuses it afterwards. Ctrl-C stops it cleanly."})
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where the broker keeps its logs (default: ~/.avqa/broker-data).")
    Path dataDir = defaultDataDir();

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create the avqa topics if missing (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".avqa", "broker-data");
    }

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port, Duration.ofSeconds(60));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            advertise(null);
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        if (createTopics) {
            try (TopicAdmin admin = new TopicAdmin(broker.bootstrapServers())) {
                admin.createAll(Topics.withPrefix(topicPrefix));
            }
        }
        advertise(broker.bootstrapServers());
        System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (data in " + dataDir + "); Ctrl-C stops it.");
        stopped.await();
        return 0;
    }

    /** Writes (or with null, removes) the address other commands look for. */
    public static void advertise(String bootstrapServers) {
        Path file = KafkaEndpoint.demoFile();
        try {
            if (bootstrapServers == null) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, bootstrapServers + "\n");
            }
        } catch (java.io.IOException e) {
            System.err.println("warning: cannot write " + file + ": " + e.getMessage());
        }
    }
}
