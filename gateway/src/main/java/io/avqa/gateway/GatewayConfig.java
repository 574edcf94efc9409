package io.avqa.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.avqa.gateway.auth.StaticTokens;
import io.avqa.gateway.limits.Limits;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * Everything one gateway instance needs, built once (flags &gt; env &gt; defaults, by the CLI) and passed in.
 *
 * @param host             interface to bind; 127.0.0.1 keeps the gateway local
 * @param port             HTTP/WebSocket port; 0 picks a free one (tests)
 * @param instanceId       this instance's id: the {@code replyTo} of its questions and the key of its answers;
 *                         must differ between instances sharing a Kafka cluster
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics           topic names (prefix)
 * @param answerTimeout    how long a question waits for its first answer before its TIMEOUT reply
 * @param limits           frame, question, rate, standing, connection and write-queue limits
 * @param tokens           static API keys and their streams
 * @param jwtSecret        HS256 secret for JWT tokens, or null to accept static keys only
 * @param tls              certificate and key to serve HTTPS/WSS with, or null for plain HTTP
 * @param kafkaClient      extra properties of every Kafka client (TLS, SASL, tuning); empty for a local broker
 */
public record GatewayConfig(String host, int port, String instanceId, String bootstrapServers, Topics topics,
        Duration answerTimeout, Limits limits, StaticTokens tokens, String jwtSecret, Tls tls,
        Map<String, Object> kafkaClient) {

    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(5);

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tokens, "tokens");
        kafkaClient = Map.copyOf(kafkaClient);
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instanceId must be a non-empty string");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (answerTimeout == null || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answerTimeout must be positive, got " + answerTimeout);
        }
        if (tokens.isEmpty() && (jwtSecret == null || jwtSecret.isBlank())) {
            throw new IllegalArgumentException("no way to authenticate: give static tokens or a JWT secret");
        }
    }

    /** Plain HTTP, no extra Kafka client properties. */
    public GatewayConfig(String host, int port, String instanceId, String bootstrapServers, Topics topics,
            Duration answerTimeout, Limits limits, StaticTokens tokens, String jwtSecret) {
        this(host, port, instanceId, bootstrapServers, topics, answerTimeout, limits, tokens, jwtSecret, null, Map.of());
    }

    /**
     * The PEM certificate chain and private key (PKCS#8 or PKCS#1) the gateway serves TLS with.
     *
     * @throws IllegalArgumentException at construction when a file is missing, naming it
     */
    public record Tls(Path certificate, Path key) {
        public Tls {
            for (Path p : new Path[] {certificate, key}) {
                if (p == null || !Files.isReadable(p)) {
                    throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key as readable PEM files; "
                            + "cannot read " + p);
                }
            }
        }

        /** Turns on TLS in server options (HTTPS and WSS on the same port). */
        public HttpServerOptions applyTo(HttpServerOptions options) {
            return options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(certificate.toString()).setKeyPath(key.toString()));
        }
    }

    /** The server options' TLS part: unchanged options without {@link #tls}. */
    public HttpServerOptions secure(HttpServerOptions options) {
        return tls == null ? options : tls.applyTo(options);
    }

    /** http or https, for URLs printed to the user. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    public GatewayConfig withTls(Tls newTls) {
        return new GatewayConfig(host, port, instanceId, bootstrapServers, topics, answerTimeout, limits, tokens,
                jwtSecret, newTls, kafkaClient);
    }

    public GatewayConfig withKafkaClient(Map<String, Object> properties) {
        return new GatewayConfig(host, port, instanceId, bootstrapServers, topics, answerTimeout, limits, tokens,
                jwtSecret, tls, properties);
    }

    /** Defaults for everything but the broker, topics and tokens: 127.0.0.1:8080, 5 s timeout, default limits. */
    public static GatewayConfig of(String bootstrapServers, Topics topics, String instanceId, StaticTokens tokens) {
        return new GatewayConfig("127.0.0.1", 8080, instanceId, bootstrapServers, topics, DEFAULT_ANSWER_TIMEOUT,
                Limits.defaults(), tokens, null);
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(host, newPort, instanceId, bootstrapServers, topics, answerTimeout, limits, tokens,
                jwtSecret, tls, kafkaClient);
    }

    public GatewayConfig withAnswerTimeout(Duration timeout) {
        return new GatewayConfig(host, port, instanceId, bootstrapServers, topics, timeout, limits, tokens, jwtSecret,
                tls, kafkaClient);
    }

    public GatewayConfig withLimits(Limits newLimits) {
        return new GatewayConfig(host, port, instanceId, bootstrapServers, topics, answerTimeout, newLimits, tokens,
                jwtSecret, tls, kafkaClient);
    }

    public GatewayConfig withJwtSecret(String secret) {
        return new GatewayConfig(host, port, instanceId, bootstrapServers, topics, answerTimeout, limits, tokens, secret,
                tls, kafkaClient);
    }
}
