package io.avqa.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.avqa.broker.EmbeddedKafkaExtension;

/** The session timeout the services ask for, against a real broker's minimum and against none. */
@ExtendWith(EmbeddedKafkaExtension.class)
class GroupSessionsTest {
    private static Map<String, Object> broker() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaExtension.bootstrapServers());
    }

    @Test
    void theWantedSessionStandsWhereTheClusterAllowsItAndIsRaisedToTheMinimumWhereNot() {
        assertEquals(GroupSessions.OWN_BROKERS_MIN, GroupSessions.clusterMinimum(broker()), "read from the broker");
        assertEquals(Duration.ofSeconds(3), GroupSessions.atLeastClusterMinimum(broker(), Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(2), GroupSessions.atLeastClusterMinimum(broker(), Duration.ofMillis(500)));
    }

    @Test
    void withoutAnAnswerKafkasDefaultMinimumIsAssumedSoTheGroupStillJoinsEverywhere() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> nowhere = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort);
        assertEquals(GroupSessions.KAFKA_DEFAULT_MIN, GroupSessions.atLeastClusterMinimum(nowhere, Duration.ofSeconds(3)));
    }

    @Test
    void heartbeatsComeSixTimesASessionAndNotFasterThanEveryQuarterSecond() {
        assertEquals(Duration.ofMillis(500), GroupSessions.heartbeat(Duration.ofSeconds(3)));
        assertEquals(Duration.ofMillis(250), GroupSessions.heartbeat(Duration.ofMillis(600)));
    }
}
