package io.avqa.app.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code avqa demo} as a user starts it: a child process of the shaded jar (the same launch as
 * {@code DemoE2E}), its output collected for failure messages. {@link #close()} sends SIGTERM and waits up to
 * 10 s before killing it. The jar is {@code app/target/avqa.jar} under {@code avqa.root}, or the file named
 * by the system property {@code avqa.jar} (a copy, so that a rebuild during a run cannot pull it away).
 */
final class DemoProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+)/)\\?token=(\\w+)");

    /** Where the demo's gateway listens and the token it printed. */
    record Dashboard(String base, String token) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        /** The URL the demo prints: what a user pastes into the browser. */
        String url() {
            return base + "?token=" + token;
        }

        /** A request to the gateway's HTTP API with the token, e.g. ("GET", "/api/streams", null); JSON body. */
        HttpResponse<String> send(String method, String path, String jsonBody) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
            if (jsonBody == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Dashboard> dashboard = new CompletableFuture<>();

    private DemoProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    static DemoProcess start(Path root, Path home, int streams) throws Exception {
        Path jar = Path.of(System.getProperty("avqa.jar", root.resolve("app/target/avqa.jar").toString()));
        assertTrue(Files.isRegularFile(jar), "build the jar first (mvn -B -q -DskipTests install): " + jar);
        Process process = new ProcessBuilder("java", "-Xmx6g", "-Dai.djl.offline=true",
                "--add-exports", "java.desktop/com.sun.media.sound=ALL-UNNAMED", "-jar", jar.toString(),
                "demo", "--home", home.toString(), "--streams", String.valueOf(streams), "--port", "0",
                "--model", root.resolve("models/sasr-synth").toString())
                .redirectErrorStream(true).start();
        return new DemoProcess(process);
    }

    /** Waits for the printed dashboard URL: the demo prints it once answers are possible. */
    Dashboard awaitDashboard(Duration timeout) throws Exception {
        return dashboard.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    dashboard.complete(new Dashboard(m.group(1), m.group(3)));
                }
            }
            dashboard.completeExceptionally(new AssertionError("demo exited before printing its URL:\n" + output()));
        } catch (Exception e) {
            dashboard.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the demo's shutdown hook stops the stack
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
