package io.avqa.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics on its own thread (a Kafka consumer must never run on the event
 * loop) and hands each poll's records to a handler on that thread. No consumer group: partitions are
 * assigned manually, each topic starting at its beginning (compacted state) or its end (live feeds).
 * Waits, retrying every second, until the topics exist; {@link #assigned()} completes once every
 * partition has a position, {@link #caughtUp()} once the topics read from their beginning have been read up to
 * the end they had then (after the handler got those records, on this thread: so a handler that hops to a
 * context in order lets a {@code caughtUp} callback that hops the same way see the whole state).
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    /** A topic to read and where to start it. */
    public record Start(String topic, boolean fromBeginning) {
    }

    private final String name;
    private final Map<String, Object> props;
    private final List<Start> starts;
    private final Consumer<List<ConsumerRecord<String, byte[]>>> handler;
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    /** The end offsets of the from-beginning partitions when they were assigned; read on this thread only. */
    private Map<TopicPartition, Long> initialEnds = Map.of();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public TopicTail(String name, String bootstrapServers, java.util.Map<String, Object> kafkaClient,
            List<Start> starts, Consumer<List<ConsumerRecord<String, byte[]>>> handler) {
        this.name = name;
        this.props = KafkaSettings.consumer(bootstrapServers, name, kafkaClient);
        this.starts = List.copyOf(starts);
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public TopicTail start() {
        thread.start();
        return this;
    }

    /** Completes when every partition of every topic is assigned and positioned. */
    public CompletableFuture<Void> assigned() {
        return assigned;
    }

    /** Completes when the from-beginning topics were read up to their end offsets at assignment. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    public boolean isAssigned() {
        return assigned.isDone() && !assigned.isCompletedExceptionally();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            if (stopping.getCount() == 0) {
                return;
            }
            if (!assign(c)) {
                return;
            }
            checkCaughtUp(c);
            while (stopping.getCount() > 0) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                    records.forEach(batch::add);
                    handler.accept(batch);
                }
                checkCaughtUp(c);
            }
        } catch (WakeupException e) {
            // close() woke us up: normal shutdown
        } catch (RuntimeException e) {
            LOG.error("{}: consumer stopped: {}", name, e.toString(), e);
            assigned.completeExceptionally(e);
            caughtUp.completeExceptionally(e);
        }
    }

    private void checkCaughtUp(KafkaConsumer<String, byte[]> c) {
        if (caughtUp.isDone()) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : initialEnds.entrySet()) {
            if (c.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        caughtUp.complete(null);
    }

    /** @return false when stopped before the topics appeared */
    private boolean assign(KafkaConsumer<String, byte[]> c) {
        boolean warned = false;
        while (stopping.getCount() > 0) {
            List<TopicPartition> all = new ArrayList<>();
            List<TopicPartition> fromBeginning = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Start start : starts) {
                List<PartitionInfo> infos;
                try {
                    infos = c.partitionsFor(start.topic(), Duration.ofSeconds(2));
                } catch (KafkaException e) {
                    infos = List.of();
                    if (e instanceof WakeupException w) {
                        throw w;
                    }
                }
                if (infos == null || infos.isEmpty()) {
                    missing.add(start.topic());
                    continue;
                }
                for (PartitionInfo info : infos) {
                    TopicPartition tp = new TopicPartition(info.topic(), info.partition());
                    all.add(tp);
                    if (start.fromBeginning()) {
                        fromBeginning.add(tp);
                    }
                }
            }
            if (missing.isEmpty()) {
                c.assign(all);
                List<TopicPartition> fromEnd = new ArrayList<>(all);
                fromEnd.removeAll(fromBeginning);
                // an empty collection means "every assigned partition" to both seeks: call each only with some
                if (!fromBeginning.isEmpty()) {
                    c.seekToBeginning(fromBeginning);
                }
                if (!fromEnd.isEmpty()) {
                    c.seekToEnd(fromEnd);
                }
                all.forEach(c::position); // resolve the lazy seeks now, so "assigned" means "positioned"
                initialEnds = fromBeginning.isEmpty() ? Map.of() : c.endOffsets(fromBeginning);
                LOG.info("{}: reading {} partitions of {}", name, all.size(), starts.stream().map(Start::topic).toList());
                assigned.complete(null);
                return true;
            }
            if (!warned) {
                LOG.warn("{}: waiting for topics {} (is the broker up and were the topics created?)", name, missing);
                warned = true;
            }
            try {
                stopping.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Blocking: stops the poll loop and waits for the thread (at most 10 s). Call from a worker thread. */
    @Override
    public void close() {
        stopping.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!assigned.isDone()) {
            assigned.completeExceptionally(new IllegalStateException(name + " closed before its topics were assigned"));
        }
        if (!caughtUp.isDone()) {
            caughtUp.completeExceptionally(new IllegalStateException(name + " closed before it read its topics"));
        }
    }
}
