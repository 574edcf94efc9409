package io.avqa.ops.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.avqa.ops.kafka.KafkaSecurityOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class EffectiveConfigTest {

    @Command(name = "svc")
    static final class Svc {
        @Option(names = "--batch-size", defaultValue = "8")
        int batchSize;

        @Option(names = "--topic-prefix", defaultValue = "avqa.")
        String topicPrefix;

        @Secret
        @Option(names = "--api-token")
        String apiToken;

        @Mixin
        KafkaSecurityOptions kafka;
    }

    private static String describe(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new Svc());
        LayeredDefaults.install(cl, args, env::get);
        cl.parseArgs(args);
        return EffectiveConfig.describe(cl.getCommandSpec());
    }

    @Test
    void startupLineNamesEachValueAndItsLayer() {
        String line = describe(Map.of("AVQA_TOPIC_PREFIX", "prod."), "--batch-size", "4");
        assertTrue(line.contains("batch-size=4(flag)"), line);
        assertTrue(line.contains("topic-prefix=prod.(env)"), line);
        assertTrue(line.contains("kafka-security-protocol=-(default)"), line);
    }

    @Test
    void secretsAreRedactedWhateverLayerGaveThem() {
        Map<String, String> env = new HashMap<>();
        env.put("AVQA_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-pw-123");
        String line = describe(env, "--api-token", "tok-456",
                "--kafka-sasl-jaas-config", "ScramLoginModule required username=\"u\" password=\"jaas-pw-789\";",
                "--kafka-property", "ssl.key.password=key-pw-000|client.rack=r1");
        for (String secret : new String[] {"trust-pw-123", "tok-456", "jaas-pw-789", "key-pw-000"}) {
            assertFalse(line.contains(secret), "secret " + secret + " leaked: " + line);
        }
        assertTrue(line.contains("api-token=***(flag)"), line);
        assertTrue(line.contains("kafka-ssl-truststore-password=***(env)"), line);
        assertTrue(line.contains("client.rack=r1"), line);
    }
}
