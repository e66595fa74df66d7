package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 with the state of each dependency when all are up, 503 otherwise.
 * Each check is a supplier answering null when fine or a short problem text. Each note (e.g. the
 * last SMTP error of an edition waiting for retries) is shown as it is and changes no status.
 * The answer comes within {@link #ANSWER_WITHIN} whatever hangs: checks and notes are asked at
 * once, each on a thread of its own; a check without an answer by then is down ("unreachable"),
 * a note without one is left out. A database that is gone would otherwise hold the answer for the
 * pool's whole connection timeout (15 s), longer than a load balancer's health probe waits.
 */
public final class HealthRoutes implements WebServer.Routes {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private final Map<String, BoundedAnswer<String>> checks = new LinkedHashMap<>();
    private final Map<String, BoundedAnswer<Object>> notes = new LinkedHashMap<>();

    public HealthRoutes(Map<String, Supplier<String>> checks, Map<String, Supplier<Object>> notes) {
        checks.forEach((name, check) -> this.checks.put(name, new BoundedAnswer<>(check)));
        notes.forEach((name, note) -> this.notes.put(name, new BoundedAnswer<>(note)));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
            Map<String, CompletableFuture<String>> asked = new LinkedHashMap<>();
            checks.forEach((name, check) -> asked.put(name, check.ask()));
            Map<String, CompletableFuture<Object>> noted = new LinkedHashMap<>();
            notes.forEach((name, note) -> noted.put(name, note.ask()));
            Map<String, Object> answer = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, CompletableFuture<String>> check : asked.entrySet()) {
                String problem;
                try {
                    problem = check.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    problem = "unreachable: no answer within " + ANSWER_WITHIN.toSeconds() + " s";
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    problem = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                }
                answer.put(check.getKey(), problem == null ? "up" : "down: " + problem);
                ok &= problem == null;
            }
            answer.put("status", ok ? "up" : "down");
            for (Map.Entry<String, CompletableFuture<Object>> note : noted.entrySet()) {
                try {
                    Object value = note.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (value != null) {
                        answer.put(note.getKey(), value);
                    }
                } catch (TimeoutException | ExecutionException e) {
                    // a note that cannot be read now (its database does not answer) is left out; the checks say why
                }
            }
            ctx.status(ok ? 200 : 503).json(answer);
        });
    }
}
