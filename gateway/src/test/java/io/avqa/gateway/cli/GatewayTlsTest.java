package io.avqa.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.broker.EmbeddedKafkaExtension;
import io.avqa.gateway.Gateway;
import io.avqa.gateway.limits.Limits;
import io.avqa.gateway.support.GatewayFixture;
import io.avqa.schemas.topic.Topics;
import io.vertx.core.Vertx;
import picocli.CommandLine;

/** --tls-cert/--tls-key: the gateway serves HTTPS (and WSS) with a PEM pair. */
@ExtendWith(EmbeddedKafkaExtension.class)
class GatewayTlsTest {

    /** A self-signed certificate for 127.0.0.1 made by openssl for this test. */
    static Path[] selfSigned(Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("openssl is not installed: cannot make a test certificate "
                    + "(apt-get install openssl; .ci/run does)", e);
        }
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl made the certificate");
        return new Path[] {cert, key};
    }

    static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    @Test
    void theGatewayServesHttpsWithTheGivenPemCertificateAndKey(@TempDir Path dir) throws Exception {
        Path[] pem = selfSigned(dir);
        GatewayCommand cmd = new GatewayCommand();
        new CommandLine(cmd).parseArgs("--tls-cert", pem[0].toString(), "--tls-key", pem[1].toString());
        Topics topics = Topics.withPrefix("it-" + UUID.randomUUID() + ".");
        EmbeddedKafkaExtension.createTopics(topics);
        Vertx vertx = Vertx.vertx();
        try {
            Gateway gateway = GatewayFixture.startReady(vertx, GatewayFixture.config(
                    EmbeddedKafkaExtension.bootstrapServers(), topics, "gw-tls", "admin=*", Duration.ofSeconds(5),
                    Limits.defaults(), null).withTls(cmd.tls()));
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(pem[0]))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + gateway.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("UP"), health.body());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + gateway.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()), "a client that does not trust the certificate fails");
            GatewayFixture.await(gateway.close());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void certificateWithoutKeyIsRefusedNamingTheMissingFlag(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        GatewayCommand cmd = new GatewayCommand();
        new CommandLine(cmd).parseArgs("--tls-cert", cert.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cmd::tls);
        assertTrue(e.getMessage().contains("--tls-key"), e.getMessage());
    }
}
