package io.avqa.app.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every child process of one scale-out run: {@code avqa} services started from the shaded jar, each in its
 * own JVM, and helper programs. {@link #close()} stops them all (SIGTERM, SIGKILL after 8 s); a JVM shutdown hook
 * kills whatever is left if the test JVM itself is stopped (Ctrl-C, failsafe timeout), so no child leaks.
 */
final class Fleet implements AutoCloseable {
    /**
     * Every child JVM: one PyTorch thread (the machine has two cores for all of them), DJL offline, and the
     * serial collector, which needs no GC threads of its own; and the flags the {@code avqa} launcher gives every
     * service, without which the reasoner's eager encoder cannot lower its threads' priority and competes with
     * the feature stage at full priority.
     */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
            "--add-exports", "java.desktop/com.sun.media.sound=ALL-UNNAMED",
            "--add-modules", "jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED");
    /** Native libraries with their own thread pools follow these; the allocator settings are the launcher's. */
    private static final Map<String, String> ENV = Map.of("OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1",
            // Once the services have an operations endpoint, two of a kind on one machine must not share its port.
            "AVQA_OPS_PORT", "0",
            "MALLOC_MMAP_THRESHOLD_", "33554432", "MALLOC_TRIM_THRESHOLD_", "4294967296", "MALLOC_TOP_PAD_", "268435456");

    private final Path java;
    private final Path jar;
    private final Path logDir;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Thread hook;

    Fleet(Path jar, Path logDir) {
        this.java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        this.jar = jar;
        this.logDir = logDir;
        this.hook = new Thread(() -> snapshot().forEach(ChildProcess::destroyNow), "scale-out-children-kill");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code java -Xmx<heap> -jar avqa.jar <args>}; its output goes to {@code <name>.log}. */
    ChildProcess avqa(String name, String heap, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap));
        command.addAll(JVM_FLAGS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return add(ChildProcess.start(name, command, ENV, logDir.resolve(name + ".log")));
    }

    /** Starts any other program (e.g. an ffmpeg publisher); its output goes to {@code <name>.log}. */
    ChildProcess program(String name, List<String> command) {
        return add(ChildProcess.start(name, command, Map.of(), logDir.resolve(name + ".log")));
    }

    private synchronized ChildProcess add(ChildProcess child) {
        children.add(child);
        return child;
    }

    /** CPU seconds each child used so far (the dead ones: until they ended, where the OS still reports it). */
    String cpuSeconds() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ChildProcess c : snapshot()) {
            c.cpu().ifPresent(d -> out.put(c.name(), String.format(Locale.ROOT, "%.0f", d.toMillis() / 1000.0)));
        }
        return out.toString();
    }

    private synchronized List<ChildProcess> snapshot() {
        return List.copyOf(children);
    }

    @Override
    public void close() {
        List<ChildProcess> all = snapshot();
        all.forEach(ChildProcess::requestStop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        all.forEach(child -> child.stopBy(deadline));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the same children
        }
    }
}
