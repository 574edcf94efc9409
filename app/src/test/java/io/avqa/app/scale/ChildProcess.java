package io.avqa.app.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One child process of the scale-out run (an {@code avqa} service or an ffmpeg publisher). Its stdout and
 * stderr go, line by line, to its log file and to memory, so the test can wait for a startup line and count
 * log events (e.g. skipped segments) after the child is gone.
 *
 * <p>Thread-safe: one reader thread per child appends lines; any thread may query or stop it.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reader = new Thread(this::drain, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} with extra environment variables; its output goes to {@code log}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", command) + "\n");
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** The child whose pid is in an ingest instance id ({@code host-pid-random}, see IngestInstance). */
    static ChildProcess withPidIn(String instanceId, List<ChildProcess> children) {
        return children.stream().filter(p -> instanceId.contains("-" + p.pid() + "-")).findFirst()
                .orElseThrow(() -> new AssertionError("no child has the pid of instance " + instanceId));
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time used so far, while the OS still reports it. */
    java.util.Optional<java.time.Duration> cpu() {
        return process.toHandle().info().totalCpuDuration();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The first line matching {@code pattern}, waiting for it up to {@code timeout}. */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        synchronized (lines) {
            while (true) {
                for (; scanned < lines.size(); scanned++) {
                    Matcher m = pattern.matcher(lines.get(scanned));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError(name + ": no line matching /" + pattern + "/ within " + timeout.toSeconds()
                            + " s" + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")")
                            + "; see " + log + "; last lines:\n" + tail(15));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** How many output lines so far match {@code pattern}. */
    long count(Pattern pattern) {
        synchronized (lines) {
            return lines.stream().filter(l -> pattern.matcher(l).find()).count();
        }
    }

    /** Every match of {@code pattern} so far, in output order. */
    List<Matcher> matches(Pattern pattern) {
        List<Matcher> out = new ArrayList<>();
        synchronized (lines) {
            for (String l : lines) {
                Matcher m = pattern.matcher(l);
                if (m.find()) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    String tail(int n) {
        synchronized (lines) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** SIGKILL: the process gets no chance to leave its consumer group or commit; returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still running 10 s after SIGKILL");
        }
    }

    /** Asks the process to stop (SIGTERM) without waiting. */
    void requestStop() {
        process.destroy();
    }

    /** Waits until {@code deadlineNanos} (System.nanoTime) for the process to end, then SIGKILLs it. */
    void stopBy(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL after a few seconds: nothing outlives the test. */
    @Override
    public void close() {
        requestStop();
        stopBy(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }

    /** Last resort from a shutdown hook: no waiting. */
    void destroyNow() {
        process.destroyForcibly();
    }

    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child is killed: its output ends there.
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
