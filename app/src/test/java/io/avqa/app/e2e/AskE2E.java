package io.avqa.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avqa ask} against {@code avqa demo}, both child processes of the built jar as a user runs them: the
 * token and address come from the running demo; a question typed as a person would is answered with how it
 * was understood and the attention sparkline; a question the model cannot answer exits 2 with the questions to
 * ask instead; a standing question prints its first answer and stops on SIGTERM.
 */
@Tag("e2e")
class AskE2E {

    @Test
    void asksTheRunningDemoAsAPersonTypesAndSaysHowItUnderstood(@TempDir Path home) throws Exception {
        Path root = Path.of(System.getProperty("avqa.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("app/target/avqa.jar");
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        Process demo = java(jar, "demo", "--home", home.toString(), "--streams", "1", "--port", "0",
                "--model", root.resolve("models/sasr-synth").toString()).redirectErrorStream(true).start();
        List<String> demoOutput = new ArrayList<>();
        try {
            ChildOutput.awaitLine(demo, demoOutput, "dashboard: http", 240);

            Result answered = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (answered == null || answered.exit() != 0) {
                assertTrue(System.currentTimeMillis() < deadline, "no answer in 120 s; last: " + answered);
                if (answered != null) {
                    // a starting stream: no segment at the reasoner yet, then a filling window (exit 1, NO_DATA)
                    assertTrue(answered.out().contains("UNKNOWN_STREAM") || answered.out().contains("NO_DATA"),
                            answered.toString());
                    Thread.sleep(1000);
                }
                answered = run(jar, "ask", "--home", home.toString(), "--stream", "concert-1",
                        "how many instruments r playing rn?");
            }
            List<String> lines = answered.out().lines().toList();
            assertTrue(lines.get(0).matches("concert-1: \\S+  \\(confidence \\d+ %\\)"), answered.toString());
            assertEquals("  understood as: How many instruments are sounding in the video?", lines.get(1));
            assertTrue(lines.get(2).matches("  attention:     [▁▂▃▄▅▆▇█]{10}  seconds \\d+\\.\\.\\d+ of the stream"),
                    answered.toString());

            Result refused = run(jar, "ask", "--home", home.toString(), "--stream", "concert-1",
                    "is the violin lower than the piano?");
            assertEquals(2, refused.exit(), refused.toString());
            assertTrue(refused.out().contains("'lower' is not a comparison the model makes"), refused.toString());
            assertTrue(refused.out().contains("    Is the violin louder than the piano?"), refused.toString());

            Process standing = java(jar, "ask", "--home", home.toString(), "--stream", "concert-1", "--standing",
                    "is there a violin sound?").redirectErrorStream(true).start();
            List<String> standingOutput = new ArrayList<>();
            String first = ChildOutput.awaitLine(standing, standingOutput, "understood as:", 60);
            assertEquals("  understood as: Is there a violin sound?", first);
            standing.destroy(); // SIGTERM, as Ctrl-C: the question is cancelled and the client exits
            assertTrue(standing.waitFor(10, TimeUnit.SECONDS), "ask --standing still running after SIGTERM");
        } finally {
            demo.destroy();
            if (!demo.waitFor(15, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    private record Result(int exit, String out) {
    }

    private static ProcessBuilder java(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx6g", "-Dai.djl.offline=true",
                "--add-exports", "java.desktop/com.sun.media.sound=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static Result run(Path jar, String... args) throws Exception {
        Process p = java(jar, args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "avqa ask did not finish: " + out);
        return new Result(p.exitValue(), out);
    }
}
