package io.avqa.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A lost broker is reported once per change of state, however often the watch looks. */
class KafkaWatchTest {

    @Test
    void reportsTheLossOnceAndTheReturnOnce() {
        Iterator<String> answers = Arrays.asList(null, "timed out reaching Kafka", "timed out reaching Kafka",
                "Kafka unreachable: disconnected", null, null).iterator();
        KafkaWatch watch = new KafkaWatch("k1:9092", answers::next, null, null);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String line = watch.check();
            if (line != null) {
                lines.add(line);
            }
        }

        assertEquals(2, lines.size(), lines.toString());
        assertEquals("lost Kafka at k1:9092 (timed out reaching Kafka); the Kafka clients keep retrying, this log "
                + "says when it is back", lines.get(0));
        assertTrue(lines.get(1).startsWith("Kafka at k1:9092 reachable again after "), lines.get(1));
    }

    @Test
    void aRealProbeOfAClosedPortIsReportedOnce() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String address = "127.0.0.1:" + closed;
        try (BrokerProbe probe = new BrokerProbe(BrokerProbe.connect(address, Map.of()), 0)) {
            KafkaWatch watch = new KafkaWatch(address, probe::problem, null, null);
            String first = watch.check();
            String second = watch.check();

            assertTrue(first.startsWith("lost Kafka at " + address), first);
            assertNull(second, "no second line while the state is unchanged");
        }
    }
}
