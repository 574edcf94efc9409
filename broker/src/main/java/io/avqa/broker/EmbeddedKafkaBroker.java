package io.avqa.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) from Kafka's own
 * server artifacts. The data directory is formatted on first start and reused afterwards, so a
 * restarted demo keeps its topics and offsets.
 *
 * <p>Settings are those of a one-node cluster: replication factors and transaction-log ISR of 1, no
 * initial group rebalance delay, no topic auto-creation (topics come from {@code Topics}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private final boolean newCluster;
    private volatile boolean stopped;

    private EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, KafkaRaftServer server, DataDirLock lock,
            boolean newCluster) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
        this.lock = lock;
        this.newCluster = newCluster;
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker and waits until it answers.
     *
     * @param port the client port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Duration readyTimeout) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker data directory " + dataDir, e);
        }
        // Kafka locks the directory only once its controller has already written to the metadata log there, so a
        // second broker on the same directory would corrupt the first one's log before failing: lock it first.
        DataDirLock lock = DataDirLock.acquire(dataDir);
        KafkaRaftServer server;
        boolean formatted;
        long started = System.nanoTime();
        try {
            Map<String, Object> config = config(dataDir, clientPort, controllerPort);
            formatted = format(dataDir);
            server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, clientPort, controllerPort, server, lock,
                formatted);
        broker.awaitReady(readyTimeout);
        log.info("Kafka broker ready at {} in {} ms (data in {})", broker.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, dataDir);
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Whether this start formatted the data directory: a new cluster whose topics are empty, so that the local
     * state a Kafka Streams application kept for the previous one (checkpointed changelog offsets) is stale.
     */
    public boolean isNewCluster() {
        return newCluster;
    }

    /** Stops the broker and waits until its threads are gone. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.close();
        }
        log.info("Kafka broker at 127.0.0.1:{} stopped", port);
    }

    private static Map<String, Object> config(Path dataDir, int port, int controllerPort) {
        Map<String, Object> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", dataDir.toAbsolutePath().toString());
        c.put("auto.create.topics.enable", "false");
        c.put("num.partitions", "1");
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "6");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "6");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        // A killed service instance's partitions move once its session expires; the services ask for 3 s
        // (GroupSessions), which Kafka's default minimum of 6 s would refuse.
        c.put("group.min.session.timeout.ms", "2000");
        // Segments (JPEG + 1 s of PCM) and embeddings (fp16 512x14x14 map) stay well under this.
        c.put("message.max.bytes", String.valueOf(4 * 1024 * 1024));
        c.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return c;
    }

    /** Formats {@code dataDir} unless an earlier run did; returns whether it formatted. */
    private static boolean format(Path dataDir) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return false; // formatted by an earlier run: reuse its cluster id, topics and offsets
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
        return true;
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    // The broker is usable once it has registered with its controller.
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("Kafka broker did not become ready within " + timeout, e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("Kafka broker did not become ready within " + timeout);
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
