package io.avqa.ops.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.avqa.schemas.topic.KafkaEndpoint;

/**
 * The start-up check of every command that needs Kafka: a service given an address where no broker listens
 * exits within seconds with one line naming the address and what to do, instead of waiting a minute per
 * metadata request (a Kafka client retries an unreachable bootstrap server until its timeouts run out).
 *
 * <p>First a TCP connection to each bootstrap address (at most {@value #CONNECT_MS} ms each): "connection
 * refused", "unknown host" and no answer are fatal. When one accepts, a cluster description (at most
 * {@value #DESCRIBE_MS} ms): a broker that refuses the client (TLS or SASL settings) is fatal too, but one that
 * only answers slowly is not. A loaded machine can take longer than that for a first request (the scale-out
 * test's gateway did, with six JVMs starting on two cores), and a service that gave up on a live broker would be
 * worse than one that waits: it logs a warning and goes on, its clients retrying. Worst case about 9 s.
 */
public final class KafkaReachability {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);
    static final int CONNECT_MS = 3_000;
    static final int DESCRIBE_MS = 5_000;

    /** What the check found: a fatal problem, a warning, or neither (both null: a broker answered). */
    record Verdict(String fatal, String warning) {
    }

    private KafkaReachability() {
    }

    /**
     * {@link KafkaEndpoint#resolve} followed by {@link #require}: what a command calls first.
     *
     * @param flag the value of {@code --bootstrap-servers}, or null
     * @return the bootstrap servers
     * @throws IllegalStateException one line: no address configured, or the address and why it failed
     */
    public static String resolveReachable(String flag, Map<String, Object> security) {
        String servers = KafkaEndpoint.resolve(flag);
        require(servers, security, KafkaEndpoint.origin(flag));
        return servers;
    }

    /**
     * @param bootstrapServers comma-separated {@code host:port} list
     * @param security         the client security properties (TLS/SASL) the service will use
     * @param origin           where the address came from, e.g. {@code --bootstrap-servers}
     * @throws IllegalStateException one line: the address, what failed, what to do
     */
    public static void require(String bootstrapServers, Map<String, Object> security, String origin) {
        Verdict v = check(bootstrapServers, security);
        if (v.fatal() != null) {
            String stale = origin.equals(KafkaEndpoint.demoFile().toString())
                    ? ", written by an avqa broker or demo that is no longer running" : "";
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " (" + v.fatal() + "; address "
                    + "from " + origin + stale + "): start a broker with `./avqa broker` (or `./avqa demo`), or pass "
                    + "--bootstrap-servers HOST:PORT of a running cluster");
        }
        if (v.warning() != null) {
            LOG.warn("Kafka at {}: {}", bootstrapServers, v.warning());
        }
    }

    static Verdict check(String bootstrapServers, Map<String, Object> security) {
        List<String> failures = new ArrayList<>();
        for (String address : bootstrapServers.split(",")) {
            String failure = connect(address.trim());
            if (failure == null) {
                return describe(bootstrapServers, security);
            }
            failures.add(failure);
        }
        return new Verdict(String.join(", ", failures), null);
    }

    private static Verdict describe(String bootstrapServers, Map<String, Object> security) {
        Map<String, Object> p = new HashMap<>(BrokerProbe.connect(bootstrapServers, security));
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, DESCRIBE_MS);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, DESCRIBE_MS);
        p.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "avqa-start-check");
        String slow = "a connection was accepted but no broker answered within " + DESCRIBE_MS / 1000
                + " s; going on, the Kafka clients keep trying";
        try (Admin admin = Admin.create(p)) {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(DESCRIBE_MS)).nodes()
                        .get(DESCRIBE_MS + 1_000, TimeUnit.MILLISECONDS);
                return new Verdict(null, null);
            } catch (ExecutionException e) {
                return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                        ? new Verdict(null, slow) : new Verdict("the broker refused the client: " + e.getCause().getMessage()
                                + " (TLS/SASL settings?)", null);
            } catch (TimeoutException e) {
                return new Verdict(null, slow);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Verdict("interrupted", null);
            } finally {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    private static String connect(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            return address + " is not HOST:PORT";
        }
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return address + " has no port number";
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            return "unknown host " + host;
        }
        try (Socket socket = new Socket()) {
            socket.connect(target, CONNECT_MS);
            return null;
        } catch (ConnectException e) {
            return "connection refused";
        } catch (SocketTimeoutException e) {
            return "no answer within " + CONNECT_MS / 1000 + " s";
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
