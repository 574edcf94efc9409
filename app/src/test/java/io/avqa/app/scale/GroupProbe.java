package io.avqa.app.scale;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Who owns which partitions of a topic in a consumer group, as the group coordinator sees it: how the test
 * learns which streams a killed instance held, and when its partitions have moved to the survivor.
 */
final class GroupProbe implements AutoCloseable {
    private final Admin admin;

    GroupProbe(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /**
     * The partitions of {@code topic} each member holds, by member client id (sorted); members without
     * any partition of the topic are listed with an empty set.
     */
    Map<String, Set<Integer>> owners(String group, String topic) throws Exception {
        return ownersBy(group, topic, MemberDescription::clientId);
    }

    /**
     * The partitions of {@code topic} each member holds, by the address the member connected from (e.g.
     * {@code 172.18.0.7}): in a container deployment every instance runs as pid 1, so the address, not the client
     * id, tells the instances apart.
     */
    Map<String, Set<Integer>> ownersByAddress(String group, String topic) throws Exception {
        return ownersBy(group, topic, m -> m.host().replaceFirst("^/", ""));
    }

    private Map<String, Set<Integer>> ownersBy(String group, String topic,
            java.util.function.Function<MemberDescription, String> key) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                .get(15, TimeUnit.SECONDS).get(group);
        Map<String, Set<Integer>> owners = new TreeMap<>();
        for (MemberDescription m : description.members()) {
            Set<Integer> partitions = owners.computeIfAbsent(key.apply(m), k -> new TreeSet<>());
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                if (tp.topic().equals(topic)) {
                    partitions.add(tp.partition());
                }
            }
        }
        return owners;
    }

    /** The broker id leading each partition of {@code topic} (-1 while a partition has no leader). */
    Map<Integer, Integer> leaders(String topic) throws Exception {
        Map<Integer, Integer> leaders = new TreeMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> leaders.put(p.partition(), p.leader() == null ? -1 : p.leader().id()));
        return leaders;
    }

    /**
     * The partitions of the member whose client id contains {@code marker} (a pid, a Streams process id); empty
     * when no member has it.
     */
    static Set<Integer> partitionsOf(Map<String, Set<Integer>> owners, String marker) {
        return owners.entrySet().stream().filter(e -> e.getKey().contains(marker)).map(Map.Entry::getValue)
                .findFirst().orElse(Set.of());
    }

    @Override
    public void close() {
        admin.close();
    }
}
