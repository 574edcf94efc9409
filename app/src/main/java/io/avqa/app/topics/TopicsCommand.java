package io.avqa.app.topics;

import java.util.concurrent.Callable;

import io.avqa.broker.TopicAdmin;
import io.avqa.ops.config.LayeredDefaults;
import io.avqa.ops.kafka.KafkaReachability;
import io.avqa.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avqa topics create|list}. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create or list the avqa topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class})
public final class TopicsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static class Connection {
        @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: $AVQA_BOOTSTRAP_SERVERS or the running demo's broker).")
        String bootstrapServers;

        @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
        String topicPrefix;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, defaultValueProvider = LayeredDefaults.class,
            description = "Create every avqa topic that does not exist (embeddings and questions co-partitioned).")
    static final class Create extends Connection implements Callable<Integer> {
        @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas per partition (default: ${DEFAULT-VALUE}; 3 on a real cluster).")
        short replicationFactor;

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each per-stream topic: the "
                + "most instances of one service that can share the work (default: " + Topics.STREAM_PARTITIONS
                + "). Existing topics keep theirs.")
        Integer partitions;

        @Override
        public Integer call() {
            Topics topics = Topics.withPrefix(topicPrefix, partitions == null ? Topics.STREAM_PARTITIONS : partitions);
            try (TopicAdmin admin = new TopicAdmin(KafkaReachability.resolveReachable(bootstrapServers), replicationFactor, java.util.Map.of())) {
                var created = admin.createAll(topics);
                topics.all().forEach(t -> System.out.printf("%-28s %2d partitions  %s%n", t.name(), t.partitions(),
                        created.contains(t.name()) ? "created" : "exists"));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, defaultValueProvider = LayeredDefaults.class,
            description = "One line per topic: name, partitions, records.")
    static final class ListTopics extends Connection implements Callable<Integer> {
        @Override
        public Integer call() {
            try (TopicAdmin admin = new TopicAdmin(KafkaReachability.resolveReachable(bootstrapServers))) {
                System.out.printf("%-32s %10s %10s%n", "TOPIC", "PARTITIONS", "RECORDS");
                admin.list().forEach(t -> System.out.printf("%-32s %10d %10d%n", t.name(), t.partitions(), t.records()));
            }
            return 0;
        }
    }
}
