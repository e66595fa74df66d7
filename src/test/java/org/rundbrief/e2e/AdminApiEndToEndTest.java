package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP, sending into GreenMail: runnable documentation of the endpoints. */
class AdminApiEndToEndTest extends WithAdminHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Nested
    class Authentication {
        @Test
        void withoutATokenEveryEndpointAnswers401AndChangesNothing() throws Exception {
            HttpResponse<String> r = h.call("POST", "/api/subscribers", null, "{\"email\":\"a@example.org\",\"note\":\"x\"}");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).get("error").asText()).contains("Authorization");
            assertThat(h.call("GET", "/api/stats", null, null).statusCode()).isEqualTo(401);
            assertThat(h.call("GET", "/api/subscribers/export", null, null).statusCode()).isEqualTo(401);
            assertThat(h.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("a@example.org"))).isEmpty();
        }

        @Test
        void aWrongTokenIs401() throws Exception {
            HttpResponse<String> r = h.call("GET", "/api/subscribers", AdminHarness.TOKEN + "x", null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).get("error").asText()).isEqualTo("invalid or revoked API token");
        }

        @Test
        void anEmptyConfiguredTokenDisablesTheApi(@TempDir Path other) throws Exception {
            try (AdminHarness disabled = new AdminHarness(other, "")) {
                HttpResponse<String> r = disabled.call("GET", "/api/stats", "", null);
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(json(r).get("error").asText()).contains("disabled").contains("security.adminToken");
            }
        }
    }

    @Nested
    class Validation {
        @Test
        void aBadEmailIs400NamingTheField() throws Exception {
            HttpResponse<String> r = h.api("POST", "/api/subscribers", "{\"email\":\"not-an-address\",\"note\":\"Formular\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).isEqualTo("email");
            assertThat(json(h.api("GET", "/api/subscribers?total=true", null)).get("total").asLong()).isZero();
        }

        @Test
        void anUnknownCadenceIs400NamingTheField() throws Exception {
            HttpResponse<String> r = h.api("POST", "/api/editions", "{\"cadence\":\"hourly\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).isEqualTo("cadence");
        }

        /** Issue #23: an admin error showed a Java enum class name; each names its field and the allowed values. */
        @Test
        void everyUnknownChoiceIsRefusedNamingItsFieldAndTheAllowedValues() throws Exception {
            long id = json(h.api("POST", "/api/subscribers", "{\"email\":\"m@example.org\",\"note\":\"Formular\"}")).get("id").asLong();
            record Probe(String method, String path, String body, String field, String allowed) {}
            for (Probe p : List.of(
                    new Probe("GET", "/api/subscribers?status=gone", null, "status", "pending, confirmed"),
                    new Probe("POST", "/api/subscribers", "{\"email\":\"n@example.org\",\"note\":\"x\",\"cadence\":\"hourly\"}",
                            "cadence", "immediate, daily, weekly"),
                    new Probe("PUT", "/api/subscribers/" + id, "{\"cadence\":\"HOURLY\"}", "cadence", "immediate, daily, weekly"),
                    new Probe("PUT", "/api/subscribers/" + id, "{\"language\":\"fr\"}", "language", "de"),
                    new Probe("POST", "/api/editions", "{\"cadence\":\"WEEKLYX\"}", "cadence", "immediate, daily, weekly"),
                    new Probe("POST", "/api/users", "{\"email\":\"u@example.org\",\"name\":\"U\",\"role\":\"boss\"}",
                            "role", "editor, publisher, admin"))) {
                HttpResponse<String> r = h.api(p.method(), p.path(), p.body());
                assertThat(r.statusCode()).as(p.toString()).isEqualTo(400);
                assertThat(json(r).get("field").asText()).as(p.toString()).isEqualTo(p.field());
                assertThat(json(r).get("error").asText()).as(p.toString()).contains(p.allowed())
                        .doesNotContain("org.rundbrief", "No enum constant", "Exception");
            }
        }

        @Test
        void anArticleWithoutTitleOrWithAnUnknownTopicIs400() throws Exception {
            HttpResponse<String> noTitle = h.api("POST", "/api/articles", "{\"html\":\"<p>x</p>\"}");
            assertThat(noTitle.statusCode()).isEqualTo(400);
            assertThat(json(noTitle).get("field").asText()).isEqualTo("title");
            HttpResponse<String> topic = h.api("POST", "/api/articles", "{\"title\":\"T\",\"topics\":[\"nope\"]}");
            assertThat(topic.statusCode()).isEqualTo(400);
            assertThat(json(topic).get("field").asText()).isEqualTo("topics");
            assertThat(json(h.api("GET", "/api/articles", null))).isEmpty();
        }

        @Test
        void brokenJsonAndBadPagingAre400() throws Exception {
            assertThat(json(h.api("POST", "/api/articles", "{oops")).get("field").asText()).isEqualTo("body");
            HttpResponse<String> r = h.api("GET", "/api/subscribers?limit=100000", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).isEqualTo("limit");
        }

        @Test
        void unknownIdsAre404() throws Exception {
            assertThat(h.api("GET", "/api/editions/999", null).statusCode()).isEqualTo(404);
            assertThat(h.api("DELETE", "/api/articles/999", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void createPreviewSendWatchProgressUntilDoneWhileGreenMailReceivesEveryMessage() throws Exception {
        h.seedDailyEdition();
        JsonNode article = json(h.api("GET", "/api/articles", null)).get(0);
        assertThat(article.get("html").asText()).doesNotContain("script").contains("Große Straße");

        HttpResponse<String> created = h.api("POST", "/api/editions", "{\"cadence\":\"daily\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).get("id").asLong();
        assertThat(json(created).get("status").asText()).isEqualTo("paused");
        assertThat(json(created).at("/progress/queued").asLong()).isEqualTo(3);

        JsonNode preview = json(h.api("GET", "/api/editions/" + id + "/preview", null));
        assertThat(preview.get("subject").asText()).contains("Sommerfest am Sonnenhang – „Grillen & Gießen“");
        assertThat(preview.get("html").asText()).contains("Große Straße");
        assertThat(h.mail.getReceivedMessages()).isEmpty();

        assertThat(h.api("POST", "/api/editions/" + id + "/send", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> json(h.api("GET", "/api/editions/" + id, null)).get("status").asText().equals("done"));
        JsonNode progress = json(h.api("GET", "/api/editions/" + id, null));
        assertThat(progress.at("/progress/percent").asInt()).isEqualTo(100);
        assertThat(progress.at("/progress/sent").asLong()).isEqualTo(3);
        MimeMessage[] received = h.mail.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(received[0].getSubject()).contains("Sommerfest am Sonnenhang – „Grillen & Gießen“");

        HttpResponse<String> again = h.api("POST", "/api/editions/" + id + "/send", null);
        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode audit = json(h.api("GET", "/api/audit?limit=20", null));
        assertThat(audit.findValuesAsText("action")).contains("subscriber.add", "article.create", "edition.create", "edition.send");
        JsonNode stats = json(h.api("GET", "/api/stats", null));
        assertThat(stats.at("/subscribersByStatus/confirmed").asLong()).isEqualTo(3);
    }

    /** The numbers come from the editions of the window only: an old edition's rows are not read, nor counted. */
    @Test
    void statsCountSendsAndFailuresOfTheRecentEditionsOnly() throws Exception {
        h.seedDailyEdition();
        var jdbc = h.app.database.jdbc();
        Instant now = h.clock.instant();
        long subscriber = jdbc.count("SELECT MIN(id) FROM subscriber");
        long other = jdbc.count("SELECT MAX(id) FROM subscriber");
        long old = edition(jdbc, now.minus(Duration.ofDays(60)));
        long recent = edition(jdbc, now.minus(Duration.ofDays(1)));
        delivery(jdbc, old, subscriber, "failed", "550 old", null);
        delivery(jdbc, old, other, "sent", null, now.minus(Duration.ofDays(59)));
        delivery(jdbc, recent, subscriber, "failed", "550 no such user", null);
        delivery(jdbc, recent, other, "sent", null, now.minus(Duration.ofHours(20)));

        JsonNode stats = json(h.api("GET", "/api/stats", null));

        assertThat(stats.get("failedDeliveries").asLong()).isEqualTo(1);
        assertThat(stats.get("latestFailures").findValuesAsText("error")).containsExactly("550 no such user");
        assertThat(stats.get("sentPerDay").size()).isEqualTo(1);
        assertThat(stats.get("sentPerDay").elements().next().asLong()).isEqualTo(1);
    }

    private static long edition(org.rundbrief.store.Jdbc jdbc, Instant created) {
        long number = jdbc.count("SELECT COALESCE(MAX(id), 0) + 1 FROM edition");
        jdbc.update("INSERT INTO edition (id, cadence, topic, status, cutoff, created_at) VALUES (?, 'daily', NULL, 'done', ?, ?)",
                number, created, created);
        return number;
    }

    private static void delivery(org.rundbrief.store.Jdbc jdbc, long edition, long subscriber, String status, String error,
                                 Instant sentAt) {
        jdbc.update("INSERT INTO delivery (edition_id, subscriber_id, since, status, attempts, next_attempt_at, last_error,"
                + " sent_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)", edition, subscriber, Instant.EPOCH, status, Instant.EPOCH,
                error, sentAt);
    }

    @Test
    void aHeldEditionCanBeCancelledAndIsThenNeverSent() throws Exception {
        h.seedDailyEdition();
        long id = json(h.api("POST", "/api/editions", "{\"cadence\":\"daily\"}")).get("id").asLong();
        assertThat(json(h.api("POST", "/api/editions/" + id + "/pause", null)).get("status").asText()).isEqualTo("paused");
        HttpResponse<String> second = h.api("POST", "/api/editions", "{\"cadence\":\"daily\"}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).get("error").asText()).contains("edition " + id + " (daily) is paused");
        JsonNode cancelled = json(h.api("POST", "/api/editions/" + id + "/cancel", null));
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.at("/progress/cancelled").asLong()).isEqualTo(3);
        assertThat(h.api("POST", "/api/editions/" + id + "/send", null).statusCode()).isEqualTo(409);
        assertThat(h.api("POST", "/api/editions/" + id + "/resume", null).statusCode()).isEqualTo(409);
        assertThat(json(h.api("GET", "/api/editions", null)).findValuesAsText("status")).containsExactly("cancelled");
        await("a cancelled edition sends nothing").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> h.mail.getReceivedMessages().length == 0);
    }

    /** Issue #22: keyset paging (after = the last id of a page) instead of OFFSET and a count on every page. */
    @Test
    void pagingWithTheNextCursorVisitsEveryMatchingMemberOnceAndInIdOrder() throws Exception {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 1; i <= 23; i++) {
            csv.append("m").append(i).append("@example.org,").append(i % 3 == 0 ? "Vorstand " : "Mitglied ").append(i).append('\n');
        }
        assertThat(h.api("POST", "/api/subscribers/import?confirmed=true&note=Papierliste", csv.toString()).statusCode())
                .isEqualTo(200);

        List<Long> seen = new java.util.ArrayList<>();
        JsonNode page = json(h.api("GET", "/api/subscribers?limit=5", null));
        assertThat(page.has("total")).as("no count unless asked for").isFalse();
        int pages = 1;
        while (true) {
            page.get("items").forEach(m -> seen.add(m.get("id").asLong()));
            if (page.get("next").isNull()) {
                assertThat(page.get("nextLink").isNull()).isTrue();
                break;
            }
            assertThat(page.get("next").asLong()).isEqualTo(seen.get(seen.size() - 1));
            page = json(h.api("GET", page.get("nextLink").asText(), null));
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().isSorted();

        // the filters travel with the cursor: 7 of the 23 are "Vorstand"
        List<String> board = new java.util.ArrayList<>();
        page = json(h.api("GET", "/api/subscribers?q=vorstand&limit=3&total=true", null));
        assertThat(page.get("total").asLong()).isEqualTo(7);
        while (true) {
            page.get("items").forEach(m -> board.add(m.get("email").asText()));
            if (page.get("next").isNull()) {
                break;
            }
            assertThat(page.get("nextLink").asText()).contains("q=vorstand", "limit=3", "total=true");
            page = json(h.api("GET", page.get("nextLink").asText(), null));
        }
        assertThat(board).containsExactly("m3@example.org", "m6@example.org", "m9@example.org", "m12@example.org",
                "m15@example.org", "m18@example.org", "m21@example.org");
    }

    @Test
    void aBadCursorOrTheOldOffsetIs400SayingWhatToSend() throws Exception {
        for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999")) {
            HttpResponse<String> r = h.api("GET", "/api/subscribers?after=" + bad, null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).get("field").asText()).isEqualTo("after");
            assertThat(json(r).get("error").asText()).contains("'next' value of the previous page", "'" + bad + "'");
        }
        HttpResponse<String> offset = h.api("GET", "/api/subscribers?offset=50", null);
        assertThat(offset.statusCode()).isEqualTo(400);
        assertThat(json(offset).get("field").asText()).isEqualTo("offset");
        assertThat(json(offset).get("error").asText()).contains("after=");
        // a cursor past the end is an empty last page, not an error
        JsonNode end = json(h.api("GET", "/api/subscribers?after=999999", null));
        assertThat(end.get("items")).isEmpty();
        assertThat(end.get("next").isNull()).isTrue();
    }

    @Test
    void subscribersCanBeImportedSearchedUpdatedRemovedAndExported() throws Exception {
        HttpResponse<String> imported = h.api("POST", "/api/subscribers/import?confirmed=true&note=Papierliste",
                "email,name,language,topics,frequency\nanna@example.org,Anna Groß,de,verein,daily\nkaputt,X,de,,daily\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(json(imported).at("/result/imported").asLong()).isEqualTo(1);
        assertThat(json(imported).at("/rejected/0/line").asLong()).isEqualTo(3);

        JsonNode found = json(h.api("GET", "/api/subscribers?q=GROSS&limit=10&total=true", null));
        assertThat(found.get("total").asLong()).isZero();
        found = json(h.api("GET", "/api/subscribers?q=groß&total=true", null));
        assertThat(found.get("total").asLong()).isEqualTo(1);
        long id = found.at("/items/0/id").asLong();

        HttpResponse<String> updated = h.api("PUT", "/api/subscribers/" + id, "{\"cadence\":\"weekly\"}");
        assertThat(json(updated).get("cadence").asText()).isEqualTo("weekly");
        assertThat(json(h.api("PUT", "/api/subscribers/" + id, "{\"language\":\"fr\"}")).get("field").asText()).isEqualTo("language");

        HttpResponse<String> removed = h.api("DELETE", "/api/subscribers/" + id, null);
        assertThat(json(removed).get("status").asText()).isEqualTo("unsubscribed");
        JsonNode detail = json(h.api("GET", "/api/subscribers/" + id, null));
        assertThat(detail.get("consent").findValuesAsText("action")).contains("imported_confirmed", "unsubscribed");

        HttpResponse<String> csv = h.api("GET", "/api/subscribers/export", null);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("email,name,language,topics,frequency,status")
                .contains("anna@example.org,Anna Groß,de,verein,weekly,unsubscribed");

        assertThat(h.api("DELETE", "/api/subscribers/" + id + "?forget=true", null).statusCode()).isEqualTo(204);
        assertThat(h.api("GET", "/api/subscribers/" + id, null).statusCode()).isEqualTo(404);
        assertThat(h.api("POST", "/api/subscribers", "{\"email\":\"anna@example.org\",\"note\":\"x\"}").statusCode())
                .as("a forgotten address is suppressed").isEqualTo(409);
    }

    @Test
    void jobsShowTheConfiguredScheduleAndCanBeTriggeredOnceTheSchedulerRuns() throws Exception {
        JsonNode jobs = json(h.api("GET", "/api/jobs", null));
        assertThat(jobs.findValuesAsText("name")).containsExactly("collect", "send-immediate", "send-daily", "send-weekly");
        assertThat(h.api("POST", "/api/jobs/nope/run", null).statusCode()).isEqualTo(404);
        assertThat(h.api("POST", "/api/jobs/collect/run", null).statusCode()).as("scheduler not started").isEqualTo(409);

        h.app.schedule.start();
        jobs = json(h.api("GET", "/api/jobs", null));
        assertThat(jobs.get(0).get("nextFire").asText()).matches("\\d{4}-.*Z");
        assertThat(h.api("POST", "/api/jobs/collect/run", null).statusCode()).isEqualTo(202);
        assertThat(h.api("POST", "/api/collect", null).statusCode()).isEqualTo(200);
        var sources = json(h.api("GET", "/api/sources", null));
        assertThat(sources.isArray()).isTrue();
        sources.forEach(src -> assertThat(src.has("warning") && src.has("configured") && src.has("lastError")).isTrue());
        assertThat(json(h.api("GET", "/api/audit", null)).findValuesAsText("action")).contains("job.run", "collect");
    }
}
