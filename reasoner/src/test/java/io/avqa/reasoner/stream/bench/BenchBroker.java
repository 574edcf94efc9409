package io.avqa.reasoner.stream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.avqa.schemas.topic.Topic;
import io.avqa.schemas.topic.Topics;

/**
 * The broker a benchmark runs against: given bootstrap servers (e.g. {@code avqa broker}), or the project's
 * embedded broker started in this JVM when {@code io.avqa.broker.EmbeddedKafkaBroker} is on the classpath.
 */
final class BenchBroker implements AutoCloseable {
    private final String bootstrapServers;
    private final AutoCloseable owned;

    private BenchBroker(String bootstrapServers, AutoCloseable owned) {
        this.bootstrapServers = bootstrapServers;
        this.owned = owned;
    }

    static BenchBroker external(String bootstrapServers) {
        return new BenchBroker(bootstrapServers, () -> { });
    }

    static BenchBroker embedded(Path dataDir) {
        try {
            Class<?> type = Class.forName("io.avqa.broker.EmbeddedKafkaBroker");
            Object broker = type.getMethod("start", Path.class, int.class, Duration.class)
                    .invoke(null, dataDir, 0, Duration.ofSeconds(60));
            return new BenchBroker((String) type.getMethod("bootstrapServers").invoke(broker), (AutoCloseable) broker);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no embedded broker on the classpath (io.avqa:avqa-broker); pass "
                    + "--bootstrap-servers of a running broker, e.g. one started with 'avqa broker'", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the embedded broker: " + e, e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    void createTopics(Topics topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> all = new ArrayList<>();
            for (Topic<?, ?> t : topics.all()) {
                all.add(new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.config()));
            }
            admin.createTopics(all).all().get();
        }
    }

    /**
     * Deletes a run's topics and its Streams application's internal topics (changelogs): a run writes about 1 GB
     * of 200 kB embeddings at 100 streams, and a ladder of runs filled the disk before this.
     */
    void deleteTopics(Topics topics, String applicationId) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> names = new ArrayList<>();
            for (Topic<?, ?> t : topics.all()) {
                names.add(t.name());
            }
            for (String name : admin.listTopics().names().get()) {
                if (name.startsWith(applicationId + "-")) {
                    names.add(name);
                }
            }
            admin.deleteTopics(names).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }
}
