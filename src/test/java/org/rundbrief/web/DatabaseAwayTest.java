package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rundbrief.store.StoreException;

/** What a real HTTP client gets when a route fails because the database is away, and when it fails otherwise. */
class DatabaseAwayTest {
    /** A GET of {@code path} from a server whose routes fail: the database away, or a statement refused. */
    static HttpResponse<String> answerTo(String path) throws Exception {
        StoreException away = new StoreException(new SQLTransientConnectionException(
                "rundbrief-db - Connection is not available, request timed out after 15000ms"));
        StoreException refused = new StoreException(new SQLException("relation \"article\" does not exist", "42P01"));
        try (WebServer server = new WebServer(List.of(routes -> {
            routes.get("/api/stats", ctx -> {
                throw away;
            });
            routes.get("/subscribe", ctx -> {
                throw away;
            });
            routes.get("/broken", ctx -> {
                throw refused;
            });
        }))) {
            server.start("127.0.0.1", 0);
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** GET {@code path}: a 503 of {@code type} with Retry-After; its body. */
    static String unavailable(String path, String type) throws Exception {
        HttpResponse<String> r = answerTo(path);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(type));
        return r.body();
    }

    @Test
    void theApiAnswers503InJsonWithRetryAfter() throws Exception {
        assertThat(unavailable("/api/stats", "application/json"))
                .isEqualTo("{\"error\":\"the database does not answer; try again in a minute\"}");
    }

    @Test
    void aPageAnswers503AsAPageInGermanAndEnglish() throws Exception {
        assertThat(unavailable("/subscribe", "text/html")).contains("<meta name=\"viewport\"", "<h1>Gerade nicht erreichbar</h1>",
                "Bitte versuchen Sie es in ein paar Minuten noch einmal.", "<p lang=\"en\">");
    }

    @Test
    void aStatementTheDatabaseRefusedIsStillAnInternalError() throws Exception {
        HttpResponse<String> r = answerTo("/broken");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    }
}
