package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.template.Templates;

/**
 * {@code /dev/mailbox} (demo only): the messages the embedded mail catcher received, newest first,
 * with links to each message's HTML and text part, labelled in the site's language. Never
 * registered by {@code serve}.
 */
public final class DevMailbox implements WebServer.Routes {
    /** A caught message as the page shows it. */
    public record Caught(int index, String subject, String to, Instant date, String html, String text) {}

    /** Where the messages come from (the demo's GreenMail). */
    public interface Source {
        List<Caught> messages();
    }

    private final Source source;
    private final Templates templates;
    private final ZoneId zone;
    private final String language;
    private final DateTimeFormatter dateFormat;

    /** The page in {@code language} (the site's), dates as people of that language write them. */
    public DevMailbox(Source source, Templates templates, ZoneId zone, String language) {
        this.source = source;
        this.templates = templates;
        this.zone = zone;
        this.language = language;
        this.dateFormat = DateTimeFormatter.ofPattern("de".equals(language) ? "dd.MM.yyyy HH:mm:ss" : "yyyy-MM-dd HH:mm:ss",
                Locale.ROOT);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/dev/mailbox", ctx -> {
            List<Map<String, Object>> rows = source.messages().stream().map(m -> Map.<String, Object>of(
                    "index", m.index(), "subject", m.subject(), "to", m.to(),
                    "date", dateFormat.format(m.date().atZone(zone)))).toList();
            ctx.contentType("text/html; charset=utf-8")
                    .result(templates.render("web/mailbox.html.ftl", Map.of("messages", rows), language));
        });
        routes.get("/dev/mailbox/{index}/html", ctx -> ctx.contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", "script-src 'none'")
                .result(find(ctx.pathParam("index")).html()));
        routes.get("/dev/mailbox/{index}/text", ctx -> ctx.contentType("text/plain; charset=utf-8")
                .result(find(ctx.pathParam("index")).text()));
    }

    private Caught find(String index) {
        Optional<Caught> found = Optional.empty();
        try {
            int i = Integer.parseInt(index);
            found = source.messages().stream().filter(m -> m.index() == i).findFirst();
        } catch (NumberFormatException ignored) {
            // not a number: no such message
        }
        return found.orElseThrow(() -> new NotFoundResponse("No such message"));
    }
}
