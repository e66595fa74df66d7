package org.rundbrief.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rundbrief.subscriber.Subscriber;

/**
 * The process's meters for {@code /metrics}: JVM (memory, GC, threads, classes, CPU, uptime; bound
 * only for the HTTP server, so a one-shot command does not load the management beans), the
 * connection pool (registered by the database), deliveries by outcome (the delivery runner) and
 * subscribers by status, counted in the database at most every 30 s whatever the scrape rate.
 */
final class AppMetrics implements AutoCloseable {
    static final Duration COUNT_EVERY = Duration.ofSeconds(30);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gc;

    /** Adds the JVM's meters (once). */
    synchronized void bindJvm() {
        if (gc != null) {
            return;
        }
        gc = new JvmGcMetrics();
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
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
