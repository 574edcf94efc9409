package io.avqa.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avqa.gateway.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import picocli.CommandLine;

/** --tls-cert/--tls-key: the server options the gateway listens with serve HTTPS with a PEM pair. */
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
            assumeTrue(false, "openssl is not installed: cannot make a test certificate");
            throw e;
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
    void healthAnswersOverHttpsWithTheGivenPemCertificateAndKey(@TempDir Path dir) throws Exception {
        Path[] pem = selfSigned(dir);
        GatewayCommand cmd = new GatewayCommand();
        new CommandLine(cmd).parseArgs("--tls-cert", pem[0].toString(), "--tls-key", pem[1].toString());
        GatewayConfig.Tls tls = cmd.tls();
        Vertx vertx = Vertx.vertx();
        try {
            HttpServerOptions options = tls.applyTo(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(req -> req.response().putHeader("content-type", "application/json")
                            .end("{\"status\":\"UP\"}"))
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(pem[0]))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.actualPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\"}", health.body());
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
