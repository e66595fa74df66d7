package org.rundbrief.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rundbrief.subscriber.Subscriber;

/**
 * The process's meters for {@code /metrics}: the connection pool (registered by the database),
 * deliveries by outcome (the delivery runner), subscribers by status (counted in the database at
 * most every 30 s whatever the scrape rate) and, for the HTTP server, the JVM (memory, GC, threads,
 * classes, CPU, uptime). The meters are registered in a composite registry; the Prometheus registry
 * that {@code /metrics} reads joins it only when the HTTP server is built (the composite hands it
 * every meter registered before), so a one-shot command loads neither it nor the management beans.
 */
final class AppMetrics implements AutoCloseable {
    static final Duration COUNT_EVERY = Duration.ofSeconds(30);
    final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private PrometheusMeterRegistry prometheus;
    private JvmGcMetrics gc;

    /** The registry {@code /metrics} reads, with the JVM's meters, made on the first call. */
    synchronized PrometheusMeterRegistry prometheus() {
        if (prometheus != null) {
            return prometheus;
        }
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.add(prometheus);
        gc = new JvmGcMetrics();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return prometheus;
    }

    /** {@code rundbrief_subscribers{status="confirmed"}} and so on, one gauge per status. */
    void subscribers(Supplier<Map<String, Long>> byStatus) {
        Cached counts = new Cached(byStatus); // held strongly by the gauges below (Micrometer's default is weak)
        for (Subscriber.Status status : Subscriber.Status.values()) {
            String name = status.name().toLowerCase(Locale.ROOT);
            Gauge.builder("rundbrief.subscribers", counts, c -> c.get().getOrDefault(name, 0L))
                    .tag("status", name).description("Subscribers by status").strongReference(true).register(registry);
        }
    }

    @Override
    public synchronized void close() {
        if (gc != null) {
            gc.close();
            prometheus.close();
        }
        registry.close();
    }

    private static final class Cached {
        private final Supplier<Map<String, Long>> source;
        private Map<String, Long> value;
        private long at;

        Cached(Supplier<Map<String, Long>> source) {
            this.source = source;
        }

        synchronized Map<String, Long> get() {
            long now = System.nanoTime();
            if (value == null || now - at > COUNT_EVERY.toNanos()) {
                value = source.get();
                at = now;
            }
            return value;
        }
    }
}
