package io.avqa.ops.metrics;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One service's Prometheus registry: every meter tagged {@code service=<name>}, JVM and process meters bound,
 * Kafka client meters bound per client with {@link #bind}, and the {@link HopLatency} histograms. Closing it
 * unbinds what it bound (GC listeners, Kafka client metric reporters).
 */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final HopLatency hops;
    private final List<AutoCloseable> bound = new ArrayList<>();
    private final List<ClientMetricsReporter> reporters = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ServiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.hops = new HopLatency(registry);
    }

    /** A registry for service {@code name} (ingest, features, reasoner, gateway) with JVM/process meters bound. */
    public static ServiceMetrics create(String name) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", name);
        ServiceMetrics metrics = new ServiceMetrics(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        metrics.bound.add(gc);
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public HopLatency hops() {
        return hops;
    }

    /** Exposes a producer's own metrics ({@code kafka_producer_*}) until this registry closes. */
    public void bind(Producer<?, ?> producer) {
        register(new KafkaClientMetrics(producer));
    }

    /** Exposes a consumer's own metrics ({@code kafka_consumer_*}, including lag) until this registry closes. */
    public void bind(Consumer<?, ?> consumer) {
        register(new KafkaClientMetrics(consumer));
    }

    /** Follows the metrics a {@link ClientMetricsReporter} receives (from a client this service does not hold). */
    void follow(ClientMetricsReporter reporter) {
        reporters.add(reporter);
    }

    void unfollow(ClientMetricsReporter reporter) {
        reporters.remove(reporter);
    }

    /**
     * The Prometheus text of every meter, for {@code /metrics}. Clients followed through reporters are re-read
     * first if they registered new metrics (Kafka adds per-topic and per-broker metrics as a client starts work).
     */
    public String scrape() {
        reporters.forEach(r -> r.refresh(registry));
        return registry.scrape();
    }

    private synchronized void register(KafkaClientMetrics clientMetrics) {
        clientMetrics.bindTo(registry);
        bound.add(clientMetrics);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : bound) {
            try {
                c.close();
            } catch (Exception e) {
                // closing meters must not stop a shutdown; nothing to report them to any more
            }
        }
        bound.clear();
        registry.close();
    }
}
