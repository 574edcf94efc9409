package io.avqa.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.avqa.schemas.topic.Topics;

/**
 * JUnit 5 extension that starts one real embedded Kafka broker per test JVM (random free port, temporary
 * data directory) on first use and stops it when the whole test run ends.
 *
 * <pre>
 * &#64;ExtendWith(EmbeddedKafkaExtension.class)
 * class SomethingIT {
 *     static final Topics TOPICS = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
 *     &#64;BeforeAll static void topics() { EmbeddedKafkaExtension.createTopics(TOPICS); }
 *     ... EmbeddedKafkaExtension.bootstrapServers() ...
 * }
 * </pre>
 * Test classes share the broker, so each uses its own topic prefix.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback {
    private static final Object LOCK = new Object();
    private static BrokerResource shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LOCK) {
            if (shared == null) {
                // The root store closes the resource after the last test class of this JVM.
                shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .getOrComputeIfAbsent(BrokerResource.class, k -> new BrokerResource(), BrokerResource.class);
            }
        }
    }

    /** Bootstrap servers of the shared broker; valid in and after {@code @BeforeAll}. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The shared broker itself, for tests that restart clients or inspect its data directory. */
    public static EmbeddedKafkaBroker broker() {
        synchronized (LOCK) {
            if (shared == null) {
                throw new IllegalStateException("annotate the test class with @ExtendWith(EmbeddedKafkaExtension.class)");
            }
            return shared.broker;
        }
    }

    /** Creates every topic of {@code topics} on the shared broker. */
    public static void createTopics(Topics topics) {
        try (TopicAdmin admin = new TopicAdmin(bootstrapServers())) {
            admin.createAll(topics);
        }
    }

    /** Every topic under a prefix no other test uses ({@code label-<uuid>.}), created on the shared broker. */
    public static Topics freshTopics(String label) {
        Topics topics = Topics.withPrefix(label + "-" + java.util.UUID.randomUUID() + ".");
        createTopics(topics);
        return topics;
    }

    private static final class BrokerResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path dataDir;
        private final EmbeddedKafkaBroker broker;

        BrokerResource() {
            try {
                dataDir = Files.createTempDirectory("avqa-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = EmbeddedKafkaBroker.start(dataDir, 0, Duration.ofSeconds(60));
        }

        @Override
        public void close() {
            broker.close();
            synchronized (LOCK) {
                shared = null;
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temp directory is harmless; the next run uses a new one.
            }
        }
    }
}
