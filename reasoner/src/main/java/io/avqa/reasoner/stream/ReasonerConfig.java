package io.avqa.reasoner.stream;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import io.avqa.ops.kafka.GroupSessions;
import io.avqa.schemas.topic.Topics;

/**
 * Everything the reasoner service is configured with, built once (flags over defaults) and passed in.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topicPrefix      topic name prefix, e.g. {@code avqa.}
 * @param applicationId    Kafka Streams application id: instances with the same id share the partitions
 * @param modelDir         saved SaSR-Net directory ({@code model.json} + weights)
 * @param exactlyOnce      exactly_once_v2 instead of the default at_least_once (answers are idempotent by
 *                         questionId and revision, so at-least-once duplicates are harmless and cheaper)
 * @param threads          stream threads; each loads its own copy of the model
 * @param stateDir         directory of the local state stores (RocksDB), restored from changelogs when lost
 * @param commitIntervalMs how often offsets are committed under at-least-once (default 1 s: a new owner answers
 *                         again at most the last second's questions, which the gateway drops as duplicates;
 *                         every commit is a synchronous, replicated write, so committing every 20 ms cost the
 *                         brokers more than the answers did); exactly-once ends its transactions every 10 ms at
 *                         most whatever this says, because an answer is visible only after its transaction commits
 * @param maxPollRecords   records per poll: bounds the model work between polls (eager encodes) far below
 *                         {@code max.poll.interval.ms}
 * @param eager            which streams get the question-independent state computed on every segment
 * @param cachedWindows    encoded windows kept in memory per stream thread (lazy and eager alike)
 * @param kafkaClient      extra properties of every Kafka client of the instance (TLS, SASL, tuning), applied over
 *                         the ones above; empty for a plain local broker
 * @param parallelBranches whether a stream thread encoding a window itself (a lazy question's window) runs the
 *                         model's visual branch on a helper thread beside the audio branch (see
 *                         {@code WindowEncoder.VISUAL_BRANCH_EXECUTOR})
 */
public record ReasonerConfig(String bootstrapServers, String topicPrefix, String applicationId, Path modelDir,
        boolean exactlyOnce, int threads, Path stateDir, int commitIntervalMs, int maxPollRecords,
        EagerPolicy eager, int cachedWindows, java.util.Map<String, Object> kafkaClient, boolean parallelBranches) {

    public static final String DEFAULT_APPLICATION_ID = "avqa-reasoner";
    public static final Path DEFAULT_MODEL_DIR = Path.of("models", "sasr-synth");

    public ReasonerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(eager, "eager");
        kafkaClient = java.util.Map.copyOf(kafkaClient);
        if (threads < 1 || commitIntervalMs < 1 || maxPollRecords < 1 || cachedWindows < 1) {
            throw new IllegalArgumentException("threads, commitIntervalMs, maxPollRecords and cachedWindows must be "
                    + "positive, got " + threads + ", " + commitIntervalMs + ", " + maxPollRecords + ", "
                    + cachedWindows);
        }
    }

    /** A configuration with parallel branches on (the default). */
    public ReasonerConfig(String bootstrapServers, String topicPrefix, String applicationId, Path modelDir,
            boolean exactlyOnce, int threads, Path stateDir, int commitIntervalMs, int maxPollRecords,
            EagerPolicy eager, int cachedWindows, java.util.Map<String, Object> kafkaClient) {
        this(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, threads, stateDir, commitIntervalMs,
                maxPollRecords, eager, cachedWindows, kafkaClient, true);
    }

    /** A configuration with no extra Kafka client properties. */
    public ReasonerConfig(String bootstrapServers, String topicPrefix, String applicationId, Path modelDir,
            boolean exactlyOnce, int threads, Path stateDir, int commitIntervalMs, int maxPollRecords,
            EagerPolicy eager, int cachedWindows) {
        this(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, threads, stateDir, commitIntervalMs,
                maxPollRecords, eager, cachedWindows, java.util.Map.of());
    }

    /** Defaults for a local run: prefix {@code avqa.}, at-least-once, one thread, lazy except standing questions. */
    public static ReasonerConfig defaults(String bootstrapServers, Path stateDir) {
        return new ReasonerConfig(bootstrapServers, Topics.DEFAULT_PREFIX, DEFAULT_APPLICATION_ID, DEFAULT_MODEL_DIR,
                false, 1, stateDir, 1_000, 50, EagerPolicy.standingOnly(), 4096);
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    public ReasonerConfig withModelDir(Path dir) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, dir, exactlyOnce, threads, stateDir,
                commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withTopicPrefix(String prefix) {
        return new ReasonerConfig(bootstrapServers, prefix, applicationId, modelDir, exactlyOnce, threads, stateDir,
                commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withApplicationId(String id) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, id, modelDir, exactlyOnce, threads, stateDir,
                commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withExactlyOnce(boolean on) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, modelDir, on, threads, stateDir,
                commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withThreads(int n) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, n, stateDir,
                commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withStateDir(Path dir) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, threads, dir,
                commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withEager(EagerPolicy policy) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, threads,
                stateDir, commitIntervalMs, maxPollRecords, policy, cachedWindows, kafkaClient, parallelBranches);
    }

    public ReasonerConfig withKafkaClient(java.util.Map<String, Object> properties) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, threads,
                stateDir, commitIntervalMs, maxPollRecords, eager, cachedWindows, properties, parallelBranches);
    }

    public ReasonerConfig withParallelBranches(boolean on) {
        return new ReasonerConfig(bootstrapServers, topicPrefix, applicationId, modelDir, exactlyOnce, threads,
                stateDir, commitIntervalMs, maxPollRecords, eager, cachedWindows, kafkaClient, on);
    }

    /** The Kafka Streams properties this configuration stands for. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, exactlyOnce ? Math.min(commitIntervalMs, 10) : commitIntervalMs);
        // A question waits in the consumer for at most one poll: keep the poll short.
        p.put(StreamsConfig.POLL_MS_CONFIG, 10);
        // The global store's updater (stream states) handles bad records itself; this only applies the default
        // processing-exception handling there too, as Kafka recommends (it warns at every start otherwise).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Record caches delay downstream forwarding; answers must leave at once.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), maxPollRecords);
        // A broker answers a waiting fetch as soon as a record arrives (fetch.min.bytes 1), so this bounds only
        // how often an idle fetch comes back empty: at 10 ms the main, restore and global consumers of every
        // instance kept three brokers busy with no record to move (docker/README.md, the end-to-end run).
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        // Batching answers behind linger.ms would add its value to every question's latency.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        // A killed instance's tasks move once its session expires: ask for a short one (the service raises it to the
        // cluster's minimum at start, GroupSessions), and keep a warm copy of every store on another instance so
        // the new owner answers at once instead of restoring windows from the changelog.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) GroupSessions.WANTED.toMillis());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) GroupSessions.heartbeat(GroupSessions.WANTED).toMillis());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // Security (security.protocol, sasl.*, ssl.*) un-prefixed reaches every client Kafka Streams creates.
        p.putAll(kafkaClient);
        return p;
    }

    /**
     * Which streams get their question-independent state (and an Insight) on every segment rather than on the
     * first question of a window, and where that work runs. Streams with standing questions are always eager.
     *
     * @param all            every stream (e.g. the demo, where the dashboard shows every stream's presence
     *                       timeline)
     * @param streams        these stream ids (e.g. the streams a dashboard watches)
     * @param batch          1: each changed window is encoded at once on its stream thread (simple, and what the
     *                       tests that compare with offline evaluation use); more: windows go to the eager encoder
     *                       pool ({@code EagerEncoderPool}), which encodes up to this many per forward pass off
     *                       the stream threads (sasr-base, one thread: 25 ms of CPU per window in a batch of 8,
     *                       23 in a batch of 16; 16 and 15 at --matmul-precision bf16 on an AMX Xeon)
     * @param flushMs        with the pool: how often a stream thread publishes the windows the pool finished
     * @param encoderThreads with the pool: its threads, each with its own model copy
     * @param encoderNice    with the pool: the Linux nice value of its threads (0 to 19), so that when the cores
     *                       are busy the stream threads (questions) and Kafka's I/O run first and the batches take
     *                       what is left
     * @param lingerMs       with the pool: how long a thread waits, once a window is queued, for a fuller batch
     *                       (8 windows, or {@code batch} if fewer) before encoding what is there
     */
    public record EagerPolicy(boolean all, Set<String> streams, int batch, long flushMs, int encoderThreads,
            int encoderNice, long lingerMs) {
        public static final int DEFAULT_BATCH = 16;
        public static final long DEFAULT_FLUSH_MS = 5;
        /**
         * Two: measured on 2 cores (sasr-base, fp32, batches of 16, 90-s JIT warm-up), one encoder thread kept up
         * with 40 eager streams and not 60 (294 windows skipped); two kept up with 60 (none skipped, question round
         * trip p99 44 ms). At light load the two cost little (20 streams: round trip p99 36 against 34 ms).
         */
        public static final int DEFAULT_ENCODER_THREADS = 2;
        /**
         * Ten: measured on a 2-core EPYC Zen 4 in runs paired with nice 0 (fp32, broker and load generator on the
         * same cores): sasr-base at 26 eager streams, question round trip p50 / p99 9 / 19 against 16 / 35 ms; at
         * 40 (kept up by neither) 38 windows skipped against 192, p99 140 against 331 ms; sasr-small at 60, 8 / 40
         * against 12 / 33 ms.
         */
        public static final int DEFAULT_ENCODER_NICE = 10;
        /**
         * 200 ms: measured on a 2-core EPYC Zen 4 (fp32, broker and load generator on the same cores), against
         * encoding each window as it came: sasr-base kept up with 40 eager streams (mean batch 8.5, encoders 1.05
         * cores, question round trip p50 / p99 9 / 57 ms) where it had kept up with 26 (encoders 1.36 cores);
         * sasr-small at 60 streams used 0.45 encoder cores instead of 1.04. Insights come up to this much later:
         * lag p50 268-377 ms against 103-156.
         */
        public static final long DEFAULT_LINGER_MS = 200;

        public EagerPolicy {
            streams = Set.copyOf(streams);
            if (batch < 1 || flushMs < 1 || encoderThreads < 1) {
                throw new IllegalArgumentException("eager batch, flushMs and encoderThreads must be positive, got "
                        + batch + ", " + flushMs + " and " + encoderThreads);
            }
            if (encoderNice < 0 || encoderNice > 19) {
                throw new IllegalArgumentException("eager encoder nice must be 0 to 19, got " + encoderNice);
            }
            if (lingerMs < 0) {
                throw new IllegalArgumentException("eager linger must be 0 ms or more, got " + lingerMs);
            }
        }

        public EagerPolicy(boolean all, Set<String> streams, int batch, long flushMs, int encoderThreads) {
            this(all, streams, batch, flushMs, encoderThreads, DEFAULT_ENCODER_NICE, DEFAULT_LINGER_MS);
        }

        public EagerPolicy(boolean all, Set<String> streams, int batch, long flushMs) {
            this(all, streams, batch, flushMs, DEFAULT_ENCODER_THREADS);
        }

        public EagerPolicy(boolean all, Set<String> streams) {
            this(all, streams, DEFAULT_BATCH, DEFAULT_FLUSH_MS);
        }

        public static EagerPolicy standingOnly() {
            return new EagerPolicy(false, Set.of());
        }

        public static EagerPolicy everyStream() {
            return new EagerPolicy(true, Set.of());
        }

        /** The same policy encoding each window as soon as it changes (no batching, no wait). */
        public EagerPolicy unbatched() {
            return new EagerPolicy(all, streams, 1, flushMs, encoderThreads, encoderNice, lingerMs);
        }

        /** Whether windows go to the eager encoder pool rather than being encoded on the stream thread. */
        public boolean pooled() {
            return batch > 1;
        }

        /** Whether {@code streamId} is eager regardless of standing questions. */
        public boolean always(String streamId) {
            return all || streams.contains(streamId);
        }
    }
}
