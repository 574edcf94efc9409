package io.avqa.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;

/** The start-up check against a real broker, a closed port and an unknown host. */
@ExtendWith(EmbeddedKafkaExtension.class)
class KafkaReachabilityTest {

    @Test
    void aRunningBrokerPasses() {
        assertNull(KafkaReachability.problem(EmbeddedKafkaExtension.bootstrapServers()));
    }

    @Test
    void aClosedPortFailsAtOnceNamingTheAddressAndTheNextStep() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KafkaReachability.require("127.0.0.1:" + closed, "--bootstrap-servers"));
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertEquals("cannot reach Kafka at 127.0.0.1:" + closed + " (connection refused; address from "
                + "--bootstrap-servers): start a broker with `./avqa broker` (or `./avqa demo`), or pass "
                + "--bootstrap-servers HOST:PORT of a running cluster", e.getMessage());
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertEquals("unknown host no-such-host.invalid",
                KafkaReachability.problem("no-such-host.invalid:9092"));
    }

    @Test
    void theFirstAddressThatAcceptsIsEnough() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertNull(KafkaReachability.problem("127.0.0.1:" + closed + "," + EmbeddedKafkaExtension.bootstrapServers()));
        assertEquals("connection refused, connection refused",
                KafkaReachability.problem("127.0.0.1:" + closed + ",127.0.0.1:" + closed));
    }
}
