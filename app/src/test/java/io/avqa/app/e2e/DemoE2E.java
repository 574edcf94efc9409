package io.avqa.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avqa.dataset.musicavqa.AnnotationReader;
import io.avqa.dataset.musicavqa.AvqaQuestion;

/**
 * {@code avqa demo} as a user runs it: the {@code avqa} launcher with the built jar; a WebSocket client asks three
 * questions of different types on a live stream and gets OK answers (the first one's time from launch is
 * printed); SIGTERM stops it within 10 s; the terminal carried no WARN or ERROR line, the log file did.
 */
@Tag("e2e")
class DemoE2E {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("dashboard: http://127\\.0\\.0\\.1:(\\d+)/\\?token=(\\w+)");

    @Test
    void answersThreeQuestionTypesOnALiveStreamAndStopsCleanlyOnSigterm(@TempDir Path home) throws Exception {
        Path root = Path.of(System.getProperty("avqa.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("app/target/avqa.jar");
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        // through the launcher, as a user starts it, with its standard output and error: the user's terminal
        ProcessBuilder launch = new ProcessBuilder("bash", root.resolve("avqa").toString(),
                "demo", "--home", home.toString(), "--streams", "1", "--port", "0",
                "--model", root.resolve("models/sasr-synth").toString())
                .redirectErrorStream(true);
        launch.environment().put("AVQA_SKIP_BUILD", "1"); // the jar under test, even if a source changed meanwhile
        launch.environment().put("AVQA_JAR", jar.toString());
        launch.environment().put("AVQA_JAVA_OPTS", "-Xmx6g");
        long launched = System.nanoTime();
        Process demo = launch.start();
        List<String> output = new ArrayList<>();
        Double firstAnswerSeconds = null;
        try {
            Matcher url = awaitUrl(demo, output);
            int port = Integer.parseInt(url.group(1));
            String token = url.group(2);

            Map<String, String> questions = questionsOfThreeTypes(home.resolve("demo-clips"));
            BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token), listener(inbox))
                    .get(10, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 90_000;
            int n = 0;
            for (Map.Entry<String, String> q : questions.entrySet()) {
                JsonNode answer = null;
                while (answer == null || !answer.path("status").asText().equals("OK")) {
                    assertTrue(System.currentTimeMillis() < deadline, "no OK answer for '" + q.getValue() + "', last: " + answer);
                    String id = "q" + (n++);
                    socket.sendText(JSON.writeValueAsString(Map.of("v", 1, "type", "ask", "id", id, "stream", "concert-1",
                            "question", q.getValue())), true).get(5, TimeUnit.SECONDS);
                    answer = awaitReply(inbox, id, "answer");
                    if (!answer.path("status").asText().equals("OK")) {
                        // Right after start-up the stream has no segment at the reasoner yet, then a filling window.
                        assertTrue(List.of("UNKNOWN_STREAM", "NO_DATA").contains(answer.path("status").asText()),
                                "only a starting stream may delay an answer: " + answer);
                        Thread.sleep(1000);
                    }
                }
                if (firstAnswerSeconds == null) {
                    firstAnswerSeconds = (System.nanoTime() - launched) / 1e9;
                    System.out.printf("first OK answer %.1f s after launch%n", firstAnswerSeconds);
                }
                assertEquals(q.getKey(), answer.path("questionType").asText(), answer.toString());
                assertTrue(answer.path("confidence").asDouble() > 0, answer.toString());
                assertEquals(10, answer.path("temporal").path("audio").size(), answer.toString());
            }
            socket.abort();
        } finally {
            long stopStart = System.nanoTime();
            demo.destroy(); // SIGTERM
            boolean exited = demo.waitFor(10, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - stopStart) / 1e9;
            if (!exited) {
                demo.destroyForcibly();
            }
            assertTrue(exited, "demo still running 10 s after SIGTERM; output:\n" + String.join("\n", output));
            System.out.printf("demo stopped %.1f s after SIGTERM%n", seconds);
        }
        assertCleanTerminal(output, home.resolve("demo.log"));
    }

    /**
     * The terminal shows the demo's own lines only: no WARN or ERROR line, no JVM or libtorch notice; those went
     * to the log file the demo names, which still carries them.
     */
    private static void assertCleanTerminal(List<String> output, Path log) throws Exception {
        List<String> terminal;
        synchronized (output) {
            terminal = List.copyOf(output);
        }
        List<String> noise = terminal.stream().filter(l -> l.contains("WARN") || l.contains("ERROR")
                || l.startsWith("[W") || l.contains("level=")).toList();
        assertEquals(List.of(), noise, "library or log lines on the terminal:\n" + String.join("\n", terminal));
        assertTrue(terminal.stream().anyMatch(l -> l.equals("  log:       " + log)), "the demo names its log file:\n"
                + String.join("\n", terminal));
        String logged = Files.readString(log);
        assertTrue(logged.contains("WARNING: Using incubator modules"), "the JVM's notice is in the log");
        assertTrue(logged.contains("level=INFO"), "the services' log lines are in the log");
    }

    private static Matcher awaitUrl(Process demo, List<String> output) throws Exception {
        String line = ChildOutput.awaitLine(demo, output, "dashboard: http", 240);
        Matcher url = URL.matcher(line);
        assertTrue(url.find(), line);
        return url;
    }

    /** One question per type (three types) about the first demo clip, from the clip's own annotations. */
    private static Map<String, String> questionsOfThreeTypes(Path clips) throws Exception {
        List<AvqaQuestion> all = new ArrayList<>();
        for (String split : List.of("train", "val", "test")) {
            Path file = clips.resolve("avqa-" + split + ".json");
            if (Files.exists(file)) {
                all.addAll(AnnotationReader.read(file));
            }
        }
        String firstClip;
        try (var videos = Files.list(clips.resolve("videos"))) {
            firstClip = videos.map(p -> p.getFileName().toString().replace(".mp4", "")).sorted().findFirst().orElseThrow();
        }
        Map<String, String> byType = new LinkedHashMap<>();
        for (AvqaQuestion q : all) {
            if (q.videoId().equals(firstClip) && byType.size() < 3) {
                byType.putIfAbsent(q.typeName(), q.filledText());
            }
        }
        assertEquals(3, byType.size(), "the demo clip has questions of three types: " + byType);
        return byType;
    }

    private static JsonNode awaitReply(BlockingQueue<JsonNode> inbox, String id, String type) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode message = inbox.poll(500, TimeUnit.MILLISECONDS);
            if (message != null && id.equals(message.path("id").asText())) {
                if (message.path("type").asText().equals("error")) {
                    throw new AssertionError("error reply: " + message);
                }
                if (message.path("type").asText().equals(type)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no " + type + " for " + id);
    }

    private static WebSocket.Listener listener(BlockingQueue<JsonNode> inbox) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        inbox.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }

}
