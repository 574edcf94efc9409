package io.avqa.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.avqa.gateway.Gateway;
import io.avqa.gateway.GatewayConfig;
import io.avqa.gateway.auth.StaticTokens;
import io.avqa.gateway.limits.Limits;
import io.avqa.ops.config.ConfigOption;
import io.avqa.ops.config.EffectiveConfig;
import io.avqa.ops.config.LayeredDefaults;
import io.avqa.ops.config.Secret;
import io.avqa.ops.kafka.KafkaReachability;
import io.avqa.ops.kafka.KafkaWatch;
import io.avqa.ops.kafka.KafkaSecurityOptions;
import io.avqa.ops.log.LogOptions;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avqa gateway}: runs one gateway instance (WebSocket/HTTP API and dashboard) against a Kafka
 * cluster until interrupted. Reads answers, insights and stream statuses; writes questions.
 *
 * <pre>
 * avqa gateway --bootstrap-servers 127.0.0.1:9092 --tokens 's3cret=*'
 * AVQA_TOKENS='viewer=cam1,cam2' avqa gateway --port 8081 --instance-id gw-2
 * </pre>
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = LayeredDefaults.class,
        version = "avqa gateway, WebSocket protocol v1",
        description = {
            "Serves the WebSocket/HTTP question API and the live dashboard for avqa streams.",
            "Questions go to <prefix>questions with replyTo = the instance id; answers come back on <prefix>answers"
                    + " keyed by it, so several gateways (distinct --instance-id) can run side by side.",
            "Every request needs a token: a static key (--tokens, --tokens-file or AVQA_TOKENS: TOKEN=STREAM[,STREAM]"
                    + " entries separated by ';' or new lines, '*' = all streams, '+admin' in the list = may add and"
                    + " remove streams) or an HS256 JWT signed with --jwt-secret-file / AVQA_JWT_SECRET whose"
                    + " 'streams' claim lists its streams ('\"admin\": true' for the admin grant).",
            "With neither, a fresh all-streams admin token is generated and the dashboard URL printed."},
        footer = {"", "Protocol: gateway/PROTOCOL.md. Metrics: GET /metrics (Prometheus). Readiness: GET /ready.",
            "Every option can also come from --config FILE or AVQA_<OPTION_NAME> (docs/configuration.md); --tokens "
                    + "is a secret: environment or flag, never the file, never logged."})
public final class GatewayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);
    public static final String TOKENS_ENV = "AVQA_TOKENS";
    public static final String JWT_SECRET_ENV = "AVQA_JWT_SECRET";

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $AVQA_BOOTSTRAP_SERVERS, else the running demo broker).")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, paramLabel = "PREFIX",
            description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the gateway to the network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "HTTP/WebSocket port, 0 = any free (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "This instance's replyTo id; unique per running gateway (default: gateway-<random>).")
    String instanceId;

    @Secret
    @Option(names = "--tokens", paramLabel = "SPEC", description = "Static keys, TOKEN=STREAM[,STREAM][,+admin];... (+admin: may add and"
            + " remove streams; default: $" + TOKENS_ENV + ").")
    String tokens;

    @Option(names = "--tokens-file", paramLabel = "FILE", description = "Static keys, one TOKEN=STREAM[,STREAM][,+admin] per"
            + " line ('#' comments).")
    Path tokensFile;

    @Option(names = "--jwt-secret-file", paramLabel = "FILE", description = "HS256 secret for JWT tokens (default: $"
            + JWT_SECRET_ENV + ").")
    Path jwtSecretFile;

    @Option(names = "--answer-timeout", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait for a question's first answer before replying TIMEOUT, e.g. 500ms, 5s (default: ${DEFAULT-VALUE}).")
    Duration answerTimeout;

    @Option(names = "--max-frame-bytes", defaultValue = "16384", paramLabel = "BYTES",
            description = "Largest WebSocket message / HTTP body in bytes; above it FRAME_TOO_LARGE, above 4x it the"
                    + " socket is closed (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    @Option(names = "--max-question-chars", defaultValue = "256", paramLabel = "CHARS", description = "Longest question (default: ${DEFAULT-VALUE}).")
    int maxQuestionChars;

    @Option(names = "--rate", defaultValue = "20", paramLabel = "PER_SECOND",
            description = "Requests per second per token, token bucket refill (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", defaultValue = "40", paramLabel = "N", description = "Token bucket capacity per token (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--max-standing", defaultValue = "8", paramLabel = "N",
            description = "Standing questions per WebSocket connection (default: ${DEFAULT-VALUE}).")
    int maxStanding;

    @Option(names = "--max-connections-per-token", defaultValue = "16", paramLabel = "N",
            description = "WebSocket connections one token may hold (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerToken;

    @Option(names = "--write-queue-bytes", defaultValue = "524288", paramLabel = "BYTES",
            description = "Per-socket outbound queue; a client that lets it fill is closed with 1013 (default: ${DEFAULT-VALUE}).")
    int writeQueueBytes;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Certificate chain (PEM) to serve HTTPS and WSS with; needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "Private key (PEM, PKCS#8 or PKCS#1) of --tls-cert; keep the file readable by the gateway only.")
    Path tlsKey;

    @Mixin
    KafkaSecurityOptions kafkaSecurity;

    @Mixin
    LogOptions logOptions;

    @Mixin
    ConfigOption configFile;

    @Override
    public Integer call() throws Exception {
        logOptions.apply();
        configFile.requireLoaded(spec);
        LOG.info("gateway configuration: {}", EffectiveConfig.describe(spec));
        PrintWriter out = spec.commandLine().getOut();
        String servers = KafkaReachability.resolveReachable(bootstrapServers);
        String tokenSpec = readTokens();
        String jwtSecret = readJwtSecret();
        String generated = null;
        if ((tokenSpec == null || tokenSpec.isBlank()) && jwtSecret == null) {
            generated = freshToken();
            tokenSpec = generated + "=*," + StaticTokens.ADMIN; // the only key there is: whoever started it runs it
        }
        Limits limits = new Limits(maxFrameBytes, 4 * maxFrameBytes, maxQuestionChars, rate, burst, maxStanding,
                maxConnectionsPerToken, writeQueueBytes);
        String id = instanceId != null ? instanceId : "gateway-" + UUID.randomUUID().toString().substring(0, 8);
        GatewayConfig config = new GatewayConfig(host, port, id, servers, Topics.withPrefix(topicPrefix), answerTimeout,
                limits, StaticTokens.parse(tokenSpec), jwtSecret, tls(), kafkaSecurity.clientProperties());

        Vertx vertx = Vertx.vertx();
        CountDownLatch stopped = new CountDownLatch(1);
        Gateway gateway;
        try {
            gateway = Gateway.start(vertx, config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            spec.commandLine().getErr().println("gateway failed to start: " + e.getMessage());
            return 1;
        }
        out.println("gateway " + id + " listening; Kafka " + servers + ", topics " + topicPrefix + "*");
        out.println("dashboard: " + gateway.dashboardUrl(generated));
        if (generated != null) {
            out.println("(a fresh all-streams admin token was generated for this run; pass --tokens to choose your own)");
        }
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close().eventually(vertx::close).toCompletionStage().toCompletableFuture()
                        .get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                // shutting down anyway; nothing left to report to
            } finally {
                stopped.countDown();
            }
        }, "avqa-gateway-shutdown"));
        try (KafkaWatch watch = KafkaWatch.start(servers, kafkaSecurity.clientProperties())) {
            stopped.await();
        }
        return 0;
    }

    /** TLS when both files are given; null (plain HTTP) when neither; an error naming the missing one otherwise. */
    GatewayConfig.Tls tls() {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together; missing "
                    + (tlsCert == null ? "--tls-cert" : "--tls-key"));
        }
        return new GatewayConfig.Tls(tlsCert, tlsKey);
    }

    private String readTokens() throws IOException {
        StringBuilder spec = new StringBuilder();
        String fromFlagOrEnv = tokens != null ? tokens : System.getenv(TOKENS_ENV);
        if (fromFlagOrEnv != null) {
            spec.append(fromFlagOrEnv).append('\n');
        }
        if (tokensFile != null) {
            spec.append(Files.readString(tokensFile));
        }
        return spec.toString();
    }

    private String readJwtSecret() throws IOException {
        String secret = jwtSecretFile != null ? Files.readString(jwtSecretFile).strip() : System.getenv(JWT_SECRET_ENV);
        return secret == null || secret.isBlank() ? null : secret.strip();
    }

    /** 24 random bytes, URL-safe base64: a token for this run only. */
    public static String freshToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
