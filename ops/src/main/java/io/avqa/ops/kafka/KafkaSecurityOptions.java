package io.avqa.ops.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import io.avqa.ops.config.Secret;
import picocli.CommandLine.Option;

/**
 * Kafka connection security shared by every service (a picocli {@code @Mixin}): TLS and SASL settings plus any
 * other client property, merged into every producer, consumer, admin client and Kafka Streams configuration of
 * the service by {@link #clientProperties()}. Unset options add nothing, so the default is plain PLAINTEXT.
 */
public final class KafkaSecurityOptions {
    @Option(names = "--kafka-security-protocol", paramLabel = "PROTOCOL",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (Kafka's default: PLAINTEXT).")
    String securityProtocol;

    @Option(names = "--kafka-sasl-mechanism", paramLabel = "MECHANISM",
            description = "SASL mechanism, e.g. PLAIN, SCRAM-SHA-512, OAUTHBEARER.")
    String saslMechanism;

    @Secret
    @Option(names = "--kafka-sasl-jaas-config", paramLabel = "JAAS",
            description = "SASL JAAS login line (holds the password), e.g. org.apache.kafka.common.security.scram."
                    + "ScramLoginModule required username=\"u\" password=\"p\";")
    String saslJaasConfig;

    @Option(names = "--kafka-ssl-truststore-location", paramLabel = "FILE",
            description = "Trust store with the brokers' CA (JKS, PKCS12 or PEM).")
    String truststoreLocation;

    @Secret
    @Option(names = "--kafka-ssl-truststore-password", paramLabel = "PASSWORD", description = "Trust store password.")
    String truststorePassword;

    @Option(names = "--kafka-ssl-truststore-type", paramLabel = "TYPE", description = "JKS, PKCS12 or PEM.")
    String truststoreType;

    @Option(names = "--kafka-ssl-keystore-location", paramLabel = "FILE",
            description = "Key store with this client's certificate, for mutual TLS.")
    String keystoreLocation;

    @Secret
    @Option(names = "--kafka-ssl-keystore-password", paramLabel = "PASSWORD", description = "Key store password.")
    String keystorePassword;

    @Secret
    @Option(names = "--kafka-ssl-key-password", paramLabel = "PASSWORD",
            description = "Password of the private key inside the key store.")
    String keyPassword;

    @Option(names = "--kafka-ssl-keystore-type", paramLabel = "TYPE", description = "JKS, PKCS12 or PEM.")
    String keystoreType;

    @Option(names = "--kafka-ssl-endpoint-identification-algorithm", paramLabel = "ALG",
            description = "https (check the broker's host name, Kafka's default) or an empty value to skip the check.")
    String endpointIdentification;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", split = "\\|", splitSynopsisLabel = "|",
            description = "Any other Kafka client property, repeatable or separated by | (applied last, e.g. "
                    + "sasl.login.callback.handler.class=...).")
    Map<String, String> extra = new LinkedHashMap<>();

    /** The client properties these options stand for; empty when none is set. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        put(p, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        put(p, SaslConfigs.SASL_MECHANISM, saslMechanism);
        put(p, SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
        put(p, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststoreLocation);
        put(p, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
        put(p, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType);
        put(p, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystoreLocation);
        put(p, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystorePassword);
        put(p, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
        put(p, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystoreType);
        if (endpointIdentification != null) {
            p.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, endpointIdentification);
        }
        if (extra != null) {
            p.putAll(extra);
        }
        return p;
    }

    private static void put(Map<String, Object> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value);
        }
    }
}
