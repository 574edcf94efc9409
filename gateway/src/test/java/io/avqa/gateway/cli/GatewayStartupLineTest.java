package io.avqa.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.avqa.ops.config.EffectiveConfig;
import io.avqa.ops.config.LayeredDefaults;
import picocli.CommandLine;

/** The configuration line the gateway logs at start: layers named, tokens and Kafka passwords never shown. */
class GatewayStartupLineTest {

    @Test
    void tokensAndKafkaPasswordsAreRedactedAndLayersNamed() {
        Map<String, String> env = Map.of("AVQA_TOKENS", "env-token-123=*", "AVQA_PORT", "9443",
                "AVQA_KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required username=\"gw\" password=\"sasl-pw-456\";");
        GatewayCommand cmd = new GatewayCommand();
        CommandLine cl = new CommandLine(cmd);
        String[] args = {"--kafka-security-protocol", "SASL_SSL"};
        LayeredDefaults.install(cl, args, env::get);
        cl.parseArgs(args);
        assertEquals(9443, cmd.port, "the port came from the environment");
        String line = EffectiveConfig.describe(cl.getCommandSpec());
        assertFalse(line.contains("env-token-123"), line);
        assertFalse(line.contains("sasl-pw-456"), line);
        assertTrue(line.contains("tokens=***(env)"), line);
        assertTrue(line.contains("port=9443(env)"), line);
        assertTrue(line.contains("kafka-security-protocol=SASL_SSL(flag)"), line);
    }
}
