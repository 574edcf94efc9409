package io.avqa.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs README command lines as a reader types them: through bash in the repository root, so {@code ./avqa} is the
 * launcher and {@code ~} the given home, with the built jar (never a rebuild) and the JVM's user.home set to the
 * same home, so the demo's broker, advert and log stay there. At most one demo runs at a time, in the background.
 */
final class ReaderShell {
    /** A finished command: its exit status and its standard output and error. */
    record Result(int exit, String out) {
    }

    private static final int STEP_TIMEOUT_S = 600;
    /** Generous: on a loaded machine the demo took over 15 s to stop; the recipe is about following the steps. */
    private static final int STOP_TIMEOUT_S = 60;
    private static final int ANSWER_TIMEOUT_S = 300;
    /** What {@code avqa ask} prints while a stream starts: no segment yet, a filling window, a first slow answer. */
    private static final Pattern STARTING = Pattern.compile("UNKNOWN_STREAM|NO_DATA|TIMEOUT|no answer within");

    private final Path root;
    private final Map<String, String> env;
    private Process demo;
    private final List<String> demoOutput = new ArrayList<>();
    private long demoStarted;

    ReaderShell(Path root, Path jar, Path home) {
        this.root = root;
        String djlCache = System.getenv().getOrDefault("DJL_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".djl.ai").toString());
        this.env = Map.of("HOME", home.toString(), "AVQA_SKIP_BUILD", "1", "AVQA_JAR", jar.toString(),
                "AVQA_JAVA_OPTS", "-Xmx6g -Duser.home=" + home,
                // the PyTorch native library the machine already unpacked, not a fresh copy in the new home
                "DJL_CACHE_DIR", djlCache);
    }

    /** Runs {@code command} to its end. */
    Result step(String command) throws Exception {
        long t = System.nanoTime();
        Process p = start(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS), "still running after " + STEP_TIMEOUT_S + " s: " + command);
        System.out.printf("$ %s%n  exit %d after %.1f s%n", command, p.exitValue(), (System.nanoTime() - t) / 1e9);
        return new Result(p.exitValue(), out);
    }

    /** Starts the demo in the background and waits for its dashboard line (stopping a demo already running). */
    void demo(String command) throws Exception {
        stopDemo();
        demoStarted = System.nanoTime();
        demo = start(command).redirectErrorStream(true).start(); // the JVM's standard error: the demo's log file
        ChildOutput.awaitLine(demo, demoOutput, "  dashboard: http", STEP_TIMEOUT_S);
        System.out.printf("$ %s%n  running after %.1f s%n", command, (System.nanoTime() - demoStarted) / 1e9);
    }

    /**
     * Asks until the demo answers (exit 0), as a reader would retry while the stream starts: until then only
     * UNKNOWN_STREAM, NO_DATA or, on a loaded machine, no answer in time (exit 1) are accepted.
     */
    Result ask(String command) throws Exception {
        assertTrue(demo != null && demo.isAlive(), "no demo running for " + command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_S);
        while (true) {
            // the answer is on standard output; standard error carries the JVM's notice and the client's errors
            Path err = Files.createTempFile("avqa-ask", ".err");
            Process p = start(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "avqa ask did not finish: " + out);
            String errors = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() == 0) {
                System.out.printf("$ %s%n  answered %.1f s after the demo's launch:%n%s", command,
                        (System.nanoTime() - demoStarted) / 1e9, out);
                return new Result(0, out);
            }
            assertTrue(p.exitValue() == 1 && STARTING.matcher(out + errors).find(),
                    "only a starting stream may delay the answer (exit " + p.exitValue() + "): " + out + errors);
            assertTrue(System.nanoTime() < deadline, "no answer in " + ANSWER_TIMEOUT_S + " s of asking: " + out);
            Thread.sleep(2000);
        }
    }

    /** SIGTERM to the running demo, as Ctrl-C; it must stop (DemoE2E holds the demo to its 10-s stop bound). */
    void stopDemo() throws Exception {
        if (demo == null) {
            return;
        }
        demo.destroy();
        boolean exited = demo.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS);
        if (!exited) {
            demo.destroyForcibly();
        }
        demo = null;
        assertTrue(exited, "the demo still ran " + STOP_TIMEOUT_S + " s after SIGTERM: " + demoOutput);
    }

    private ProcessBuilder start(String command) {
        // exec: the command is the process, so SIGTERM reaches the launcher (which passes it on to the JVM)
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + command).directory(root.toFile());
        builder.environment().putAll(env);
        return builder;
    }
}
