package io.avqa.reasoner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Lowers the calling thread's CPU priority (its Linux nice value), for background work that should take only the
 * cores nothing more urgent wants: the eager encoder pool's batches yield to the stream threads that answer
 * questions and to Kafka's I/O. On Linux the nice value is per thread, and an unprivileged process may always
 * raise it. Reaches libc through Java 17's foreign linker (JVM flags {@code --add-modules jdk.incubator.foreign
 * --enable-native-access=ALL-UNNAMED}, which the launcher passes); without them, or off Linux, it changes nothing
 * and says so.
 */
public final class ThreadNiceness {
    private ThreadNiceness() {
    }

    /**
     * Raises the calling thread's nice value to {@code nice} (0 to 19); a thread already at that or lower priority
     * (a process started under {@code nice}) is left alone.
     *
     * @return null when the thread runs at that nice value or above, else why not (for the log)
     */
    public static String lowerCurrentThread(int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be 0 to 19, got " + nice);
        }
        if (nice == 0 || currentThreadNice() >= nice) {
            return null;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "thread nice values are set on Linux only";
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
            return "the JVM runs without --add-modules jdk.incubator.foreign";
        }
        return LibC.setCurrentThreadNice(nice);
    }

    /** The current thread's nice value from /proc (field 19 of its stat line), or 0 where it cannot be read. */
    public static int currentThreadNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
