package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code GET /metrics}: every meter of the process in the Prometheus text format, for scraping.
 * They tell list sizes and JVM details, so the scraper sends {@code Authorization: Bearer <token>}
 * with {@code metrics.token} or the admin token; anyone else gets a 401.
 */
public final class MetricsRoutes implements WebServer.Routes {
    /** Prometheus text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;
    private final byte[] adminDigest;
    private final byte[] tokenDigest;

    /** {@code adminToken}: security.adminToken; either token (empty: none) opens /metrics. */
    public MetricsRoutes(PrometheusMeterRegistry registry, String adminToken, String metricsToken) {
        this.registry = registry;
        this.adminDigest = adminToken == null || adminToken.isEmpty() ? null : sha256(adminToken);
        this.tokenDigest = metricsToken == null || metricsToken.isEmpty() ? null : sha256(metricsToken);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            String authorization = ctx.header("Authorization");
            if (!tokenIn(authorization, adminDigest) && !tokenIn(authorization, tokenDigest)) {
                ctx.status(401).header("WWW-Authenticate", "Bearer").contentType("text/plain; charset=utf-8")
                        .result("/metrics needs Authorization: Bearer <metrics.token or the admin token>\n");
                return;
            }
            ctx.contentType(CONTENT_TYPE).result(registry.scrape());
        });
    }

    private static boolean tokenIn(String authorization, byte[] tokenDigest) {
        return tokenDigest != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                // constant time over digests: neither the content nor the length of the token leaks
                && MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
