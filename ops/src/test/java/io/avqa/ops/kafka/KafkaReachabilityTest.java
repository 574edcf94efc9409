package io.avqa.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;

/** The start-up check against a real broker, a closed port, an unknown host and an open port that is not Kafka. */
@ExtendWith(EmbeddedKafkaExtension.class)
class KafkaReachabilityTest {

    @Test
    void aRunningBrokerPasses() {
        assertEquals(new KafkaReachability.Verdict(null, null),
                KafkaReachability.check(EmbeddedKafkaExtension.bootstrapServers(), Map.of()));
    }

    @Test
    void aClosedPortFailsAtOnceNamingTheAddressAndTheNextStep() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KafkaReachability.require("127.0.0.1:" + closed, Map.of(), "--bootstrap-servers"));
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertEquals("cannot reach Kafka at 127.0.0.1:" + closed + " (connection refused; address from "
                + "--bootstrap-servers): start a broker with `./avqa broker` (or `./avqa demo`), or pass "
                + "--bootstrap-servers HOST:PORT of a running cluster", e.getMessage());
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertEquals("unknown host no-such-host.invalid",
                KafkaReachability.check("no-such-host.invalid:9092", Map.of()).fatal());
    }

    @Test
    void anOpenPortThatNeverAnswersIsAWarningWithinTenSecondsNotAFailure() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(20_000); // holds the connection open and answers nothing, like a broker under load
                } catch (Exception closedByTheTest) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            KafkaReachability.Verdict v = KafkaReachability.check("127.0.0.1:" + silent.getLocalPort(), Map.of());
            long ms = (System.nanoTime() - start) / 1_000_000;

            assertNull(v.fatal(), "a slow broker must not stop the service");
            assertTrue(v.warning().startsWith("a connection was accepted but no broker answered within 5 s"),
                    v.warning());
            assertTrue(ms < 10_000, "took " + ms + " ms");
        }
    }
}
