package io.avqa.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import io.avqa.schemas.topic.Topic;
import io.avqa.schemas.topic.Topics;

/** Creates and describes the avqa topics on any cluster (embedded or external). */
public final class TopicAdmin implements AutoCloseable {
    /** One line of {@code avqa topics list}. */
    public record TopicInfo(String name, int partitions, long records) {
    }

    private final Admin admin;
    private final short replicationFactor;

    public TopicAdmin(String bootstrapServers, short replicationFactor, Map<String, Object> clientOverrides) {
        Properties props = new Properties();
        props.putAll(clientOverrides);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.replicationFactor = replicationFactor;
    }

    public TopicAdmin(String bootstrapServers) {
        this(bootstrapServers, (short) 1, Map.of());
    }

    /**
     * Creates every topic of {@code topics} that does not exist yet.
     *
     * @return the names created now (existing topics are left as they are)
     */
    public List<String> createAll(Topics topics) {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            wanted.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.config()));
        }
        List<String> created = new ArrayList<>();
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
                created.add(name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + name + " (is the broker up?)", e);
            }
        });
        awaitLeaders(topics.all().stream().map(Topic::name).toList());
        return created;
    }

    /**
     * Waits until every partition of the topics has a leader: producing into a partition created a moment
     * ago otherwise meets NOT_LEADER errors and retries that an idempotent producer can trip over.
     */
    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                boolean ready = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                // UnknownTopicOrPartition while metadata propagates: ask again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic leaders", e);
            } catch (TimeoutException e) {
                // fall through to the deadline check
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leader after 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic leaders", e);
            }
        }
    }

    /** Every topic on the cluster with its partition count and record count (end minus start offsets). */
    public List<TopicInfo> list() {
        try {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            List<TopicInfo> infos = new ArrayList<>();
            descriptions.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(d -> {
                long records = 0;
                for (var p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    records += end.get(tp).offset() - start.get(tp).offset();
                }
                infos.add(new TopicInfo(d.name(), d.partitions().size(), records));
            });
            return infos;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    public Collection<String> names() {
        return list().stream().map(TopicInfo::name).toList();
    }

    @Override
    public void close() {
        admin.close();
    }
}
