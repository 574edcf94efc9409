package io.avqa.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaSecurityOptionsTest {

    @Command(name = "svc")
    static final class Svc {
        @Mixin
        KafkaSecurityOptions kafka;
    }

    static Map<String, Object> propertiesFor(String... args) {
        Svc svc = new Svc();
        new CommandLine(svc).parseArgs(args);
        return svc.kafka.clientProperties();
    }

    @Test
    void noOptionsAddNothingSoClientsStayPlaintext() {
        assertTrue(propertiesFor().isEmpty());
    }

    @Test
    void saslSslOptionsBecomeKafkaClientProperties() {
        Map<String, Object> p = propertiesFor("--kafka-security-protocol", "SASL_SSL",
                "--kafka-sasl-mechanism", "SCRAM-SHA-512",
                "--kafka-sasl-jaas-config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "--kafka-ssl-truststore-location", "/certs/ca.p12", "--kafka-ssl-truststore-password", "pw",
                "--kafka-ssl-truststore-type", "PKCS12");
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/certs/ca.p12", "ssl.truststore.password", "pw",
                "ssl.truststore.type", "PKCS12"), p);
    }

    @Test
    void mutualTlsKeyStoreAndHostCheck() {
        Map<String, Object> p = propertiesFor("--kafka-security-protocol", "SSL",
                "--kafka-ssl-keystore-location", "/certs/me.p12", "--kafka-ssl-keystore-password", "ks",
                "--kafka-ssl-key-password", "kp", "--kafka-ssl-endpoint-identification-algorithm", "");
        assertEquals("/certs/me.p12", p.get("ssl.keystore.location"));
        assertEquals("ks", p.get("ssl.keystore.password"));
        assertEquals("kp", p.get("ssl.key.password"));
        assertEquals("", p.get("ssl.endpoint.identification.algorithm"), "an empty value turns the host check off");
    }

    @Test
    void genericPropertiesAreAppliedLastAndSplitOnBars() {
        Map<String, Object> p = propertiesFor("--kafka-security-protocol", "SSL",
                "--kafka-property", "security.protocol=SASL_SSL|ssl.enabled.protocols=TLSv1.2,TLSv1.3",
                "--kafka-property", "client.rack=eu-1a");
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("TLSv1.2,TLSv1.3", p.get("ssl.enabled.protocols"), "commas stay inside one value");
        assertEquals("eu-1a", p.get("client.rack"));
    }
}
