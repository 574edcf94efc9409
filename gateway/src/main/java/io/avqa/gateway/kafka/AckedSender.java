package io.avqa.gateway.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A producer for the gateway's event loop: {@code KafkaProducer.send} can block (metadata, a full buffer), so
 * records are built and sent on one dedicated thread, in order, and each future completes on the caller's Vert.x
 * context once the broker acknowledged the record (or refused it).
 */
final class AckedSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService sender;

    AckedSender(Map<String, Object> producerProperties, String threadName) {
        this.producer = new KafkaProducer<>(producerProperties);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the record on the sender thread (encoding stays off the event loop) and sends it. */
    Future<RecordMetadata> send(Supplier<ProducerRecord<byte[], byte[]>> record, Context context) {
        Promise<RecordMetadata> promise = Promise.promise();
        try {
            sender.execute(() -> {
                try {
                    producer.send(record.get(), (metadata, error) -> context.runOnContext(v -> {
                        if (error == null) {
                            promise.complete(metadata);
                        } else {
                            promise.fail(error);
                        }
                    }));
                } catch (RuntimeException e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(new IllegalStateException("the gateway is shutting down"));
        }
        return promise.future();
    }

    /** The producer itself, for fire-and-forget sends from consumer threads. */
    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    /** Blocking: flushes and closes. Call from a worker thread. */
    @Override
    public void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
