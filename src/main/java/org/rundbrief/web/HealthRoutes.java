package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 with the state of each dependency when all are up, 503 otherwise.
 * Each check is a supplier answering null when fine or a short problem text. Each note (e.g. the
 * last SMTP error of an edition waiting for retries) is shown as it is and changes no status.
 */
public final class HealthRoutes implements WebServer.Routes {
    private final Map<String, Supplier<String>> checks;
    private final Map<String, Supplier<Object>> notes;

    public HealthRoutes(Map<String, Supplier<String>> checks, Map<String, Supplier<Object>> notes) {
        this.checks = checks;
        this.notes = notes;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/health", ctx -> {
            Map<String, String> state = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, Supplier<String>> check : checks.entrySet()) {
                String problem;
                try {
                    problem = check.getValue().get();
                } catch (RuntimeException e) {
                    problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                state.put(check.getKey(), problem == null ? "up" : "down: " + problem);
                ok &= problem == null;
            }
            state.put("status", ok ? "up" : "down");
            Map<String, Object> answer = new LinkedHashMap<>(state);
            notes.forEach((name, note) -> {
                Object value = note.get();
                if (value != null) {
                    answer.put(name, value);
                }
            });
            ctx.status(ok ? 200 : 503).json(answer);
        });
    }
}
