package io.avqa.ops.kafka;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the log when a running service loses Kafka and when it has it back: one line per change of state, not
 * one per record or per reconnect attempt (the Kafka clients' own per-attempt warnings are silenced in the
 * logging configuration). The service itself keeps running; its Kafka clients reconnect on their own.
 *
 * <p>A daemon thread asks a {@link BrokerProbe} every few seconds. Starts in the reachable state,
 * since every service checks Kafka at start ({@link KafkaReachability}).
 */
public final class KafkaWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaWatch.class);

    private final String bootstrapServers;
    private final Supplier<String> problem;
    /** How often the watch looks: a loss is reported within this plus the probe's 3-s timeout. */
    static final long EVERY_MS = 5_000;

    private final ScheduledExecutorService timer;
    private final BrokerProbe probe;
    private String lastProblem;
    private long lostAtMs;

    /**
     * @param problem null while Kafka answers, else why not (a {@link BrokerProbe}'s {@code problem()})
     */
    KafkaWatch(String bootstrapServers, Supplier<String> problem, ScheduledExecutorService timer,
            BrokerProbe probe) {
        this.bootstrapServers = bootstrapServers;
        this.problem = problem;
        this.timer = timer;
        this.probe = probe;
    }

    /**
     * Starts watching Kafka at {@code bootstrapServers} every {@value #EVERY_MS} ms, with its own probe (an admin
     * client) made of the service's security properties.
     */
    public static KafkaWatch start(String bootstrapServers, Map<String, Object> security) {
        BrokerProbe probe = new BrokerProbe(BrokerProbe.connect(bootstrapServers, security), 0);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-watch");
            t.setDaemon(true);
            return t;
        });
        KafkaWatch watch = new KafkaWatch(bootstrapServers, probe::problem, timer, probe);
        timer.scheduleWithFixedDelay(watch::check, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** One look: the line logged when the state changed since the last look, else null. */
    synchronized String check() {
        String now = problem.get();
        String line = null;
        if (now != null && lastProblem == null) {
            lostAtMs = System.currentTimeMillis();
            line = "lost Kafka at " + bootstrapServers + " (" + now + "); the Kafka clients keep retrying, this log "
                    + "says when it is back";
            LOG.warn(line);
        } else if (now == null && lastProblem != null) {
            line = "Kafka at " + bootstrapServers + " reachable again after "
                    + (System.currentTimeMillis() - lostAtMs + 500) / 1000 + " s";
            LOG.info(line);
        }
        lastProblem = now;
        return line;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (probe != null) {
            probe.close();
        }
    }
}
