package io.avqa.ops.metrics;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Exposes the metrics of a Kafka client that a service cannot reach (it is built inside a class the service only
 * configures, such as ingest's segment publisher) through Micrometer's own Kafka binder: Kafka hands every metric
 * of the client to this reporter, and the binder reads them as if from the client, re-bound at a scrape when the
 * client added metrics. Add it to the client's properties with {@link #install(Map, ServiceMetrics)}; it stops
 * when the client closes.
 */
public final class ClientMetricsReporter implements MetricsReporter {
    /** Client property carrying the {@link ServiceMetrics} instance (an object, not a string). */
    public static final String METRICS_CONFIG = "avqa.ops.service.metrics";

    private final Map<MetricName, KafkaMetric> metrics = new ConcurrentHashMap<>();
    private ServiceMetrics service;
    private volatile boolean changed = true;
    private KafkaClientMetrics binder;

    /** Adds this reporter and the service's metrics to client properties (producer, consumer or admin). */
    public static Map<String, Object> install(Map<String, Object> clientProps, ServiceMetrics service) {
        Object existing = clientProps.get(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG);
        String mine = ClientMetricsReporter.class.getName();
        clientProps.put(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG,
                existing == null || existing.toString().isBlank() ? mine : existing + "," + mine);
        clientProps.put(METRICS_CONFIG, service);
        return clientProps;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(METRICS_CONFIG) instanceof ServiceMetrics s)) {
            throw new IllegalArgumentException(METRICS_CONFIG + " must hold the service's ServiceMetrics");
        }
        this.service = s;
    }

    @Override
    public void init(List<KafkaMetric> initial) {
        initial.forEach(this::metricChange);
        service.follow(this);
    }

    /**
     * Binds the client's metrics as they are now, if some were added or removed since the last call. Micrometer's
     * binder reads a client's metric list once and then every minute; the scrape calls this instead.
     */
    synchronized void refresh(MeterRegistry registry) {
        if (!changed) {
            return;
        }
        changed = false;
        if (binder != null) {
            binder.close();
        }
        binder = new KafkaClientMetrics(asClient());
        binder.bindTo(registry);
    }

    /** A stand-in client whose only working method is {@code metrics()}: all Micrometer's binder calls. */
    @SuppressWarnings("unchecked")
    private Producer<?, ?> asClient() {
        return (Producer<?, ?>) Proxy.newProxyInstance(Producer.class.getClassLoader(), new Class<?>[] {Producer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "metrics" -> java.util.Collections.<MetricName, Metric>unmodifiableMap(metrics);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "metrics of a Kafka client";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        if (metrics.put(metric.metricName(), metric) == null) {
            changed = true;
        }
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        if (metrics.remove(metric.metricName()) != null) {
            changed = true;
        }
    }

    @Override
    public synchronized void close() {
        service.unfollow(this);
        if (binder != null) {
            binder.close();
            binder = null;
        }
        metrics.clear();
    }
}
