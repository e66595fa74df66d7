package org.rundbrief.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rundbrief.admin.AdminUser;
import org.rundbrief.admin.EditionDesk;
import org.rundbrief.article.Article;
import org.rundbrief.subscriber.Subscriber;

/**
 * JSON in and out of the admin API: request bodies are read field by field (a bad field is a
 * {@link BadInput} naming it); answers are plain maps, so no internal record shape leaks out.
 */
final class AdminJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AdminJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectNode body(String text) {
        try {
            JsonNode node = MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
            if (!(node instanceof ObjectNode o)) {
                throw new BadInput("body", "the body must be a JSON object");
            }
            return o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInput("body", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadInput(field, field + " must be a string");
        }
        return n.asText();
    }

    static List<String> texts(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new BadInput(field, field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new BadInput(field, field + " must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    static Instant instant(ObjectNode body, String field) {
        String v = text(body, field);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadInput(field, field + " must be an ISO-8601 instant such as 2026-03-01T07:00:00Z");
        }
    }

    static Map<String, Object> article(Article a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("source", a.sourceKey());
        m.put("slug", a.slug());
        m.put("title", a.title());
        m.put("link", a.link());
        m.put("author", a.author());
        m.put("summary", a.summary());
        m.put("html", a.contentHtml());
        m.put("topics", a.topics());
        m.put("language", a.language());
        m.put("publishedAt", a.publishedAt());
        m.put("collectedAt", a.collectedAt());
        m.put("publishAt", a.publishAt()); // set while the post is scheduled: it goes public by itself then
        m.put("hidden", a.hidden()); // in no edition, feed or archive: a draft, a scheduled post, or hidden by an editor
        m.put("revision", a.revision()); // what a PUT sends back, so it cannot undo an edit saved meanwhile
        return m;
    }

    static Map<String, Object> subscriber(Subscriber s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("email", s.email().value());
        m.put("name", s.name());
        m.put("status", s.status().id());
        m.put("cadence", s.cadence().id());
        m.put("language", s.language());
        m.put("topics", s.topics());
        m.put("createdAt", s.createdAt());
        m.put("confirmedAt", s.confirmedAt());
        m.put("revision", s.revision()); // what a PUT sends back, so it cannot undo a change saved meanwhile
        return m;
    }

    static Map<String, Object> edition(EditionDesk.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.edition().id());
        m.put("cadence", v.edition().cadence().id());
        m.put("topic", v.edition().topic());
        m.put("status", v.edition().status().id());
        m.put("createdAt", v.edition().createdAt());
        m.put("finishedAt", v.edition().finishedAt());
        m.put("subject", v.edition().texts().subject());
        m.put("intro", v.edition().texts().introMarkdown());
        m.put("textsRevision", v.edition().texts().revision()); // the "revision" a PUT of subject and intro sends back
        m.put("running", v.running());
        EditionDesk.Progress p = v.progress();
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("queued", p.queued());
        progress.put("sending", p.sending());
        progress.put("sent", p.sent());
        progress.put("failed", p.failed());
        progress.put("cancelled", p.cancelled());
        progress.put("total", p.total());
        progress.put("percent", p.percent());
        m.put("progress", progress);
        m.put("lastSmtpError", v.smtp().error());
        m.put("lastSmtpErrorAt", v.smtp().at());
        m.put("nextRetryAt", v.smtp().nextRetry());
        // The edition is held while this node waits for the SMTP server (null: it does not).
        m.put("waitingForSmtpServerSince", v.smtpOutage().map(o -> o.since()).orElse(null));
        m.put("nextSmtpProbeAt", v.smtpOutage().map(o -> o.nextProbe()).orElse(null));
        return m;
    }

    static Map<String, Object> user(AdminUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("role", u.role().id());
        m.put("active", u.active());
        m.put("createdAt", u.createdAt());
        return m;
    }

    static Map<String, Object> error(String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (field != null) {
            m.put("field", field);
        }
        return m;
    }
}
