package io.avqa.ops.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * Answers "can this service reach Kafka?" for readiness checks: one admin client, a cluster description with a
 * short timeout. The last answer is reused for {@code cacheMs} so a busy scraper does not load the brokers.
 * Thread-safe.
 */
public final class BrokerProbe implements AutoCloseable {
    private final Admin admin;
    private final long cacheMs;
    private boolean checked;
    private long checkedAtMs;
    private String lastProblem = "not checked yet";

    /**
     * @param clientProperties bootstrap servers and security settings (anything else is overridden)
     * @param cacheMs          how long an answer is reused
     */
    public BrokerProbe(Map<String, Object> clientProperties, long cacheMs) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        p.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "avqa-ops-probe");
        this.admin = Admin.create(p);
        this.cacheMs = cacheMs;
    }

    /** Null when a broker answered, else what went wrong (e.g. "timed out reaching Kafka at host:9092"). */
    public synchronized String problem() {
        long now = System.currentTimeMillis();
        if (checked && now - checkedAtMs < cacheMs) {
            return lastProblem;
        }
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            lastProblem = nodes > 0 ? null : "Kafka answered with no brokers";
        } catch (java.util.concurrent.TimeoutException e) {
            lastProblem = "timed out reaching Kafka";
        } catch (java.util.concurrent.ExecutionException e) {
            lastProblem = "Kafka unreachable: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastProblem = "interrupted";
        }
        checked = true;
        checkedAtMs = now;
        return lastProblem;
    }

    /** This probe as a readiness check: ready when a broker answered. */
    public io.avqa.ops.http.Readiness readiness() {
        return () -> {
            String problem = problem();
            return problem == null ? io.avqa.ops.http.Readiness.State.ok()
                    : io.avqa.ops.http.Readiness.State.notReady(problem);
        };
    }

    /** Client properties plus bootstrap servers: what a probe (or any client) of a service connects with. */
    public static Map<String, Object> connect(String bootstrapServers, Map<String, Object> security) {
        Map<String, Object> p = new HashMap<>(security);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
