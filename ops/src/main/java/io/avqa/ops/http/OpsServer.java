package io.avqa.ops.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;


/**
 * The operations endpoint of a service that has no web stack of its own (ingest, features, reasoner), on the
 * JDK's HTTP server:
 * <ul>
 * <li>{@code GET /health}: 200 while the process runs (liveness);</li>
 * <li>{@code GET /ready}: 200 {@code {"ready":true}} or 503 {@code {"ready":false,"reason":"..."}} from the
 * service's {@link Readiness} (load balancers and orchestrators route on it);</li>
 * <li>{@code GET /metrics}: the Prometheus text exposition of the service's registry.</li>
 * </ul>
 * Requests run on one daemon thread: probes and scrapes are rare and short.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the endpoint.
     *
     * @param host      interface, e.g. 0.0.0.0 in a container, 127.0.0.1 in the in-process demo
     * @param port      port; 0 picks a free one
     * @param metrics   the Prometheus text of the service's meters ({@code ServiceMetrics::scrape})
     * @param readiness the service's readiness check
     * @throws IllegalStateException when the port cannot be bound, saying which
     */
    public static OpsServer start(String host, int port, Supplier<String> metrics, Readiness readiness) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the ops endpoint to " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another --ops-port, 0 for any free port, or -1 to turn it off", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", ex -> respond(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/ready", ex -> ready(ex, readiness));
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.get()));
        server.start();
        OpsServer ops = new OpsServer(server, executor);
        LOG.info("ops endpoint on http://{}:{}/ (health, ready, metrics)", host, ops.port());
        return ops;
    }

    /**
     * {@link #start}, or null (nothing to close) when {@code port} is negative: the endpoint is turned off. When
     * {@code port} is the service's default (nobody chose it) and already taken, as with two instances on one host,
     * the endpoint moves to a free port with a warning naming it; a port somebody chose must be free.
     */
    public static OpsServer startUnlessOff(String host, int port, boolean defaultPort, Supplier<String> metrics,
            Readiness readiness) {
        if (port < 0) {
            return null;
        }
        try {
            return start(host, port, metrics, readiness);
        } catch (IllegalStateException busy) {
            if (!defaultPort || port == 0) {
                throw busy;
            }
            OpsServer moved = start(host, 0, metrics, readiness);
            LOG.warn("ops endpoint: default port {} is taken (another avqa service on this host?); serving on {} "
                    + "instead; set --ops-port to choose", port, moved.port());
            return moved;
        }
    }

    private static void ready(HttpExchange ex, Readiness readiness) throws IOException {
        Readiness.State state;
        try {
            state = readiness.check();
        } catch (RuntimeException e) {
            state = Readiness.State.notReady("readiness check failed: " + e);
        }
        String body = state.ready() ? "{\"ready\":true}"
                : "{\"ready\":false,\"reason\":\"" + jsonEscape(String.valueOf(state.reason())) + "\"}";
        respond(ex, state.ready() ? 200 : 503, "application/json", body);
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            ex.close();
        }
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The bound port (the chosen one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
