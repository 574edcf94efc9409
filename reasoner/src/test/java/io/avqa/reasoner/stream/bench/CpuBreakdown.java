package io.avqa.reasoner.stream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cores went during a benchmark run: CPU time of this JVM's threads by part (the broker, the load
 * generator and the reasoner share the JVM), of its GC, JIT and RocksDB threads, the rest of the process (other
 * native threads), and the machine's idle time. A run that does not keep up while the machine is idle is limited
 * by something else than CPU; one with no idle time shows which part took the cores.
 */
final class CpuBreakdown {
    /** Parts in the order they are reported. */
    static final String[] PARTS = {"stream threads", "eager encoders", "visual branch", "Kafka client I/O",
        "load generator", "broker and other Java", "GC", "JIT", "RocksDB", "other native", "idle"};

    private final Map<String, Long> nanos;
    private final long wallNanos;

    private CpuBreakdown(Map<String, Long> nanos, long wallNanos) {
        this.nanos = nanos;
        this.wallNanos = wallNanos;
    }

    /** CPU nanoseconds so far, by part. */
    static CpuBreakdown now() {
        Map<String, Long> n = new LinkedHashMap<>();
        for (String p : PARTS) {
            n.put(p, 0L);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long java = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            long cpu = t == null ? -1 : mx.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                n.merge(part(t.getThreadName()), cpu, Long::sum);
                java += cpu;
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long nativeKnown = 0;
        for (Map.Entry<String, Long> e : nativeThreads().entrySet()) {
            n.merge(e.getKey(), e.getValue(), Long::sum);
            nativeKnown += e.getValue();
        }
        n.put("other native", Math.max(0, process - java - nativeKnown));
        n.put("idle", machineIdleNanos());
        return new CpuBreakdown(n, System.nanoTime());
    }

    /** The part a thread belongs to, by the names Kafka, Kafka Streams, the reasoner and this benchmark give. */
    static String part(String thread) {
        if (thread.startsWith("kafka-producer-network-thread") || thread.startsWith("kafka-coordinator-heartbeat")) {
            return "Kafka client I/O";
        }
        if (thread.contains("StreamThread")) {
            return "stream threads";
        }
        if (thread.startsWith("avqa-eager-encoder")) {
            return "eager encoders";
        }
        if (thread.startsWith("avqa-visual-branch")) {
            return "visual branch";
        }
        if (thread.equals("main") || thread.equals("bench-consumer")) {
            return "load generator";
        }
        return "broker and other Java";
    }

    /**
     * CPU nanoseconds of the JVM's and RocksDB's own threads (not Java threads, so not in ThreadMXBean), from
     * /proc/self/task by thread name; empty where it cannot be read.
     */
    private static Map<String, Long> nativeThreads() {
        Map<String, Long> n = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String part = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "GC"
                            : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT"
                            : name.startsWith("rocksdb:") ? "RocksDB" : null;
                    if (part != null) {
                        // utime and stime, fields 14 and 15, after the parenthesised name (which may hold spaces)
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        n.merge(part, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L, Long::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return n;
    }

    /** Idle nanoseconds of all cores from /proc/stat (0 where it cannot be read). */
    private static long machineIdleNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait, in USER_HZ (100/s on Linux)
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Cores each part used on average between {@code start} and this snapshot. */
    Map<String, Double> coresSince(CpuBreakdown start) {
        double wall = wallNanos - start.wallNanos;
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String p : PARTS) {
            cores.put(p, Math.round((nanos.get(p) - start.nanos.get(p)) / wall * 100) / 100.0);
        }
        return cores;
    }

    /** "stream threads 0.31, eager encoders 1.02, ..." leaving out parts under 0.01 cores. */
    static String describe(Map<String, Double> cores) {
        StringBuilder s = new StringBuilder();
        cores.forEach((part, c) -> {
            if (c >= 0.01) {
                s.append(s.isEmpty() ? "" : ", ").append(part).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", c));
            }
        });
        return s.toString();
    }
}
