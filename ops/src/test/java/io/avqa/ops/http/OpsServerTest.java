package io.avqa.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

class OpsServerTest {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void negativePortTurnsTheEndpointOff() {
        assertNull(OpsServer.startUnlessOff("127.0.0.1", -1, true, registry::scrape, Readiness.State::ok));
    }

    @Test
    void takenDefaultPortMovesToAFreeOneButAChosenPortMustBeFree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            try (OpsServer moved = OpsServer.startUnlessOff("127.0.0.1", port, true, registry::scrape, Readiness.State::ok)) {
                assertNotEquals(port, moved.port());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> OpsServer.startUnlessOff("127.0.0.1", port, false, registry::scrape, Readiness.State::ok));
            assertTrue(e.getMessage().contains("--ops-port"), e.getMessage());
        }
    }

    @Test
    void readinessFailureIsA503WithTheReasonAsJson() throws Exception {
        try (OpsServer ops = OpsServer.start("127.0.0.1", 0, registry::scrape,
                () -> Readiness.State.notReady("Kafka Streams is \"REBALANCING\""))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ops.port() + "/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertEquals("{\"ready\":false,\"reason\":\"Kafka Streams is \\\"REBALANCING\\\"\"}", r.body());
            assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        }
    }
}
