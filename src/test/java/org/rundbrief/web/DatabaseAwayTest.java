package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.store.StoreException;

/** What a real HTTP client gets when a route fails because the database is away, and when it fails otherwise. */
class DatabaseAwayTest {
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        StoreException away = new StoreException(new SQLTransientConnectionException(
                "rundbrief-db - Connection is not available, request timed out after 15000ms"));
        StoreException refused = new StoreException(new SQLException("relation \"article\" does not exist", "42P01"));
        server = new WebServer(List.of(routes -> {
            routes.get("/api/stats", ctx -> {
                throw away;
            });
            routes.get("/subscribe", ctx -> {
                throw away;
            });
            routes.get("/broken", ctx -> {
                throw refused;
            });
        }));
        server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswers503InJsonWithRetryAfter() throws Exception {
        HttpResponse<String> r = get("/api/stats");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"error\":\"the database does not answer; try again in a minute\"}");
    }

    @Test
    void aPageAnswers503AsAPageInGermanAndEnglish() throws Exception {
        HttpResponse<String> r = get("/subscribe");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(r.body()).contains("<meta name=\"viewport\"", "<h1>Gerade nicht erreichbar</h1>",
                "Bitte versuchen Sie es in ein paar Minuten noch einmal.", "<p lang=\"en\">");
    }

    @Test
    void aStatementTheDatabaseRefusedIsStillAnInternalError() throws Exception {
        HttpResponse<String> r = get("/broken");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }
}
