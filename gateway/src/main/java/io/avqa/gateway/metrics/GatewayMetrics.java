package io.avqa.gateway.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.avqa.gateway.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's Prometheus metrics (served at {@code GET /metrics}), all prefixed {@code avqa_gateway_}.
 * One registry per gateway instance, so several instances in one JVM (tests) count separately.
 * Micrometer meters are thread-safe; Kafka threads and the event loop both update them.
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter questionsAccepted;
    private final Counter answersDelivered;
    private final Counter timeouts;
    private final Counter duplicateAnswers;
    private final Counter lateAnswers;
    private final Counter foreignAnswers;
    private final Counter slowConsumerCloses;
    private final Counter corruptRecords;
    private final Timer replyLatency;

    public GatewayMetrics(String instanceId) {
        registry.config().commonTags("instance_id", instanceId);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry); // live data size after GC: the memory the gateway really holds
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("avqa_gateway_websocket_connections", connections, AtomicInteger::get)
                .description("open WebSocket connections").register(registry);
        questionsAccepted = Counter.builder("avqa_gateway_questions_accepted").description("questions written to Kafka")
                .register(registry);
        answersDelivered = Counter.builder("avqa_gateway_answers_delivered").description("answer messages sent to clients")
                .register(registry);
        timeouts = Counter.builder("avqa_gateway_question_timeouts")
                .description("questions ended by TIMEOUT because no answer came in time").register(registry);
        duplicateAnswers = dropped("duplicate");
        lateAnswers = dropped("late");
        foreignAnswers = dropped("unknown");
        slowConsumerCloses = Counter.builder("avqa_gateway_slow_consumer_closes")
                .description("sockets closed with 1013 because their write queue was full").register(registry);
        corruptRecords = Counter.builder("avqa_gateway_corrupt_records")
                .description("Kafka records that could not be decoded (sent to the dead-letter topic)").register(registry);
        replyLatency = Timer.builder("avqa_gateway_reply_latency").description("question accepted to first answer")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private Counter dropped(String reason) {
        return Counter.builder("avqa_gateway_answers_dropped").tag("reason", reason)
                .description("answers from Kafka not delivered: duplicate revision, after the terminal reply, or for"
                        + " a question this instance never asked").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public int connections() {
        return connections.get();
    }

    public void error(ErrorCode code) {
        registry.counter("avqa_gateway_errors", "code", code.name()).increment();
    }

    public double errors(ErrorCode code) {
        Counter c = registry.find("avqa_gateway_errors").tag("code", code.name()).counter();
        return c == null ? 0 : c.count();
    }

    public void questionAccepted() {
        questionsAccepted.increment();
    }

    public void answerDelivered() {
        answersDelivered.increment();
    }

    public void timeout() {
        timeouts.increment();
    }

    public void duplicateAnswer() {
        duplicateAnswers.increment();
    }

    public void lateAnswer() {
        lateAnswers.increment();
    }

    public void foreignAnswer() {
        foreignAnswers.increment();
    }

    public void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    public void corruptRecord() {
        corruptRecords.increment();
    }

    public void replyLatency(Duration d) {
        replyLatency.record(d);
    }

    public double questionsAccepted() {
        return questionsAccepted.count();
    }

    public double answersDelivered() {
        return answersDelivered.count();
    }

    public double timeouts() {
        return timeouts.count();
    }

    public double duplicateAnswers() {
        return duplicateAnswers.count();
    }

    public double lateAnswers() {
        return lateAnswers.count();
    }

    public double foreignAnswers() {
        return foreignAnswers.count();
    }

    public double slowConsumerCloses() {
        return slowConsumerCloses.count();
    }
}
