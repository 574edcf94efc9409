package io.avqa.ops.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.avqa.schemas.topic.KafkaEndpoint;

/**
 * The start-up check of every command that needs Kafka: a service given an address where no broker listens
 * exits within seconds with one line naming the address and what to do, instead of waiting a minute per
 * metadata request (a Kafka client retries an unreachable bootstrap server until its timeouts run out).
 *
 * <p>A TCP connection to each bootstrap address, at most {@value #CONNECT_MS} ms each: "connection refused",
 * "unknown host" and no answer are fatal when no address accepts. Nothing Kafka-level is asked: a first request
 * to a live broker on a loaded machine took over 5 s (the scale-out test, six JVMs starting on two cores), and a
 * service that gave up on a live broker would be worse than one that waits; once running, {@link KafkaWatch}
 * says when Kafka does not answer.
 */
public final class KafkaReachability {
    static final int CONNECT_MS = 3_000;

    private KafkaReachability() {
    }

    /**
     * {@link KafkaEndpoint#resolve} followed by {@link #require}: what a command calls first.
     *
     * @param flag the value of {@code --bootstrap-servers}, or null
     * @return the bootstrap servers
     * @throws IllegalStateException one line: no address configured, or the address and why it failed
     */
    public static String resolveReachable(String flag) {
        String servers = KafkaEndpoint.resolve(flag);
        require(servers, KafkaEndpoint.origin(flag));
        return servers;
    }

    /**
     * @param bootstrapServers comma-separated {@code host:port} list
     * @param origin           where the address came from, e.g. {@code --bootstrap-servers}
     * @throws IllegalStateException one line: the address, what failed, what to do
     */
    public static void require(String bootstrapServers, String origin) {
        String problem = problem(bootstrapServers);
        if (problem != null) {
            String stale = origin.equals(KafkaEndpoint.demoFile().toString())
                    ? ", written by an avqa broker or demo that is no longer running" : "";
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " (" + problem + "; address "
                    + "from " + origin + stale + "): start a broker with `./avqa broker` (or `./avqa demo`), or pass "
                    + "--bootstrap-servers HOST:PORT of a running cluster");
        }
    }

    /** Null when one of the addresses accepts a connection, else why none did (e.g. {@code connection refused}). */
    static String problem(String bootstrapServers) {
        List<String> failures = new ArrayList<>();
        for (String address : bootstrapServers.split(",")) {
            String failure = connect(address.trim());
            if (failure == null) {
                return null;
            }
            failures.add(failure);
        }
        return String.join(", ", failures);
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
