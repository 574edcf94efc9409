package io.avqa.ops.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session timeout of a service's consumer group: a killed instance's partitions move only once its session
 * has expired, so each service asks for a short one, and the cluster decides how short it may be
 * ({@value #MIN_CONFIG}, 6 s unless the brokers say otherwise; avqa's own brokers, embedded and in compose,
 * allow {@link #OWN_BROKERS_MIN}). A session shorter than the cluster's minimum would not join at all, so the
 * wanted value is raised to the minimum, read from a broker at start.
 */
public final class GroupSessions {
    private static final Logger LOG = LoggerFactory.getLogger(GroupSessions.class);
    public static final String MIN_CONFIG = "group.min.session.timeout.ms";
    /** Kafka's default {@value #MIN_CONFIG}, assumed when the brokers cannot be asked. */
    public static final Duration KAFKA_DEFAULT_MIN = Duration.ofSeconds(6);
    /** The minimum avqa's own brokers allow: a dead reasoner's questions move within a 5-s answer timeout. */
    public static final Duration OWN_BROKERS_MIN = Duration.ofSeconds(2);
    /** What the services ask for: a heartbeat every 500 ms, five of them missed before the session ends. */
    public static final Duration WANTED = Duration.ofMillis(3_000);

    private GroupSessions() {
    }

    /** The heartbeat interval for {@code session}: a sixth of it, at least 250 ms. */
    public static Duration heartbeat(Duration session) {
        return Duration.ofMillis(Math.max(250, session.toMillis() / 6));
    }

    /**
     * {@code wanted}, or the cluster's minimum session timeout when that is longer (Kafka's default minimum when no
     * broker answers within a few seconds: the service then starts with a session that joins everywhere).
     */
    public static Duration atLeastClusterMinimum(Map<String, Object> clientProperties, Duration wanted) {
        Duration minimum = clusterMinimum(clientProperties);
        if (minimum.compareTo(wanted) > 0) {
            LOG.info("session timeout {} ms: the cluster allows none under it ({}), {} ms were wanted",
                    minimum.toMillis(), MIN_CONFIG, wanted.toMillis());
            return minimum;
        }
        return wanted;
    }

    static Duration clusterMinimum(Map<String, Object> clientProperties) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        p.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "avqa-session-probe");
        try (Admin admin = Admin.create(p)) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS));
            if (nodes.isEmpty()) {
                return KAFKA_DEFAULT_MIN;
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.get(0).idString());
            Config config = admin.describeConfigs(List.of(broker)).all().get(5, TimeUnit.SECONDS).get(broker);
            ConfigEntry entry = config.get(MIN_CONFIG);
            return entry == null || entry.value() == null ? KAFKA_DEFAULT_MIN
                    : Duration.ofMillis(Long.parseLong(entry.value()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("could not read {} from the cluster ({}); assuming Kafka's default {} ms", MIN_CONFIG, e.toString(),
                    KAFKA_DEFAULT_MIN.toMillis());
            return KAFKA_DEFAULT_MIN;
        }
    }
}
