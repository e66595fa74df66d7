package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.rundbrief.article.Article;
import org.rundbrief.config.Config;
import org.rundbrief.edition.Edition;
import org.rundbrief.feed.FeedArticles;
import org.rundbrief.feed.FeedFormat;
import org.rundbrief.feed.FeedSite;
import org.rundbrief.feed.FeedView;
import org.rundbrief.template.Templates;

/**
 * The public archive: {@code GET /} (newest articles, sent editions, feed autodiscovery, a way to
 * subscribe), {@code GET /topics/{topic}} and {@code GET /articles/{slug}}. Older articles are
 * reached with keyset links ({@code ?before=INSTANT&id=N}), so every page is one indexed query.
 */
public final class ArchivePages implements WebServer.Routes {
    static final int PAGE_SIZE = 20;
    static final String HTML = "text/html; charset=utf-8";

    private final FeedArticles articles;
    private final FeedSite site;
    private final Templates templates;
    private final IntFunction<List<Edition>> recentEditions;
    private final DateTimeFormatter dates;

    public ArchivePages(FeedArticles articles, FeedSite site, Templates templates,
                        IntFunction<List<Edition>> recentEditions) {
        this.articles = articles;
        this.site = site;
        this.templates = templates;
        this.recentEditions = recentEditions;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(site.language())).withZone(site.zone());
    }

    @Override
    public void register(RoutesConfig r) {
        // Found pages are normally answered by PublicPages from the render cache before they get
        // here; these routes answer the rest (unknown topic or slug, a malformed page link).
        r.get("/", ctx -> list(ctx, Optional.empty()));
        r.get("/topics/{topic}", ctx -> list(ctx, Optional.of(ctx.pathParam("topic"))));
        r.get("/articles/{slug}", ctx -> articleHtml(ctx.pathParam("slug")).ifPresentOrElse(
                html -> ctx.contentType(HTML).result(html), () -> notFound(ctx, "archive.noArticle")));
    }

    /** An older page of a list: the articles before this one (keyset, so every page is one indexed query). */
    record Older(Instant before, long id) {
        /** Empty without both parameters; {@link IllegalArgumentException} for malformed ones. */
        static Optional<Older> parse(String before, String id) {
            if (before == null && id == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Older(Instant.parse(before == null ? "" : before), Long.parseLong(id == null ? "" : id)));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("malformed page link", e);
            }
        }
    }

    private void list(Context ctx, Optional<String> topic) {
        if (topic.isPresent() && site.topic(topic.get()).isEmpty()) {
            notFound(ctx, "archive.noTopic");
            return;
        }
        Optional<Older> older;
        try {
            older = Older.parse(ctx.queryParam("before"), ctx.queryParam("id"));
        } catch (IllegalArgumentException e) {
            Map<String, Object> model = listModel(articles.recent(PAGE_SIZE + 1, topic), topic);
            model.put("notice", "archive.badPage");
            html(ctx, 400, topic.isPresent() ? "web/topic.html.ftl" : "web/index.html.ftl", model);
            return;
        }
        ctx.contentType(HTML).result(listHtml(topic, older).orElseThrow());
    }

    /** The archive page (site-wide or of one topic, first or older); empty for a topic we do not have. */
    Optional<String> listHtml(Optional<String> topic, Optional<Older> older) {
        if (topic.isPresent() && site.topic(topic.get()).isEmpty()) {
            return Optional.empty();
        }
        List<Article> page = older.map(o -> articles.page(o.before(), o.id(), PAGE_SIZE + 1, topic))
                .orElseGet(() -> articles.recent(PAGE_SIZE + 1, topic));
        Map<String, Object> model = listModel(page, topic);
        if (topic.isEmpty() && older.isEmpty()) {
            model.put("editions", recentEditions.apply(10).stream().map(this::edition).toList());
        }
        return Optional.of(templates.render(topic.isPresent() ? "web/topic.html.ftl" : "web/index.html.ftl", model,
                site.language()));
    }

    /** The page of one article; empty when there is no article with that slug. */
    Optional<String> articleHtml(String slug) {
        return articles.bySlug(slug).map(a -> {
            Map<String, Object> model = base(Optional.empty());
            model.put("article", article(a));
            return templates.render("web/article.html.ftl", model, site.language());
        });
    }

    private Map<String, Object> listModel(List<Article> page, Optional<String> topic) {
        Map<String, Object> model = base(topic);
        List<Map<String, Object>> items = new ArrayList<>();
        page.stream().limit(PAGE_SIZE).forEach(a -> items.add(article(a)));
        model.put("articles", items);
        if (page.size() > PAGE_SIZE) {
            Article last = page.get(PAGE_SIZE - 1);
            model.put("older", topic.map(t -> "/topics/" + t).orElse("/") + "?before=" + last.publishedAt() + "&id=" + last.id());
        }
        topic.flatMap(site::topic).ifPresent(t -> model.put("topic", topic(t)));
        model.put("editions", List.of());
        return model;
    }

    /** What every page shows: site, topics for navigation, feeds for autodiscovery (RSS Board / WHATWG rel=alternate). */
    private Map<String, Object> base(Optional<String> topic) {
        Map<String, Object> model = new HashMap<>();
        model.put("siteTitle", site.title());
        model.put("base", site.base());
        model.put("topics", site.topics().stream().map(this::topic).toList());
        List<Map<String, String>> feeds = new ArrayList<>();
        for (Optional<String> t : topic.isPresent() ? List.of(topic, Optional.<String>empty()) : List.of(Optional.<String>empty())) {
            for (FeedFormat f : FeedFormat.values()) {
                String title = t.flatMap(site::topic).map(x -> site.title() + ": " + x.label(site.language()))
                        .orElse(site.title()) + " (" + f.label() + ")";
                feeds.add(Map.of("title", title, "type", f.mediaType(), "href", site.base() + FeedView.current(f, t).path()));
            }
        }
        model.put("feeds", feeds);
        return model;
    }

    private Map<String, Object> article(Article a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", a.title());
        m.put("url", "/articles/" + a.slug());
        m.put("date", dates.format(a.publishedAt()));
        m.put("dateIso", a.publishedAt().toString());
        m.put("author", a.author() == null ? "" : a.author());
        m.put("summary", a.summary() == null ? "" : a.summary());
        m.put("contentHtml", a.contentHtml() == null ? "" : a.contentHtml());
        m.put("image", a.imageUrl() == null ? "" : a.imageUrl());
        m.put("source", a.link() == null ? "" : a.link());
        m.put("topics", a.topics().stream().flatMap(t -> site.topic(t).stream()).map(this::topic).toList());
        return m;
    }

    private Map<String, Object> topic(Config.Topic t) {
        return Map.of("id", t.id(), "label", t.label(site.language()), "url", "/topics/" + t.id());
    }

    private Map<String, Object> edition(Edition e) {
        Instant at = e.finishedAt() != null ? e.finishedAt() : e.createdAt();
        return Map.of("url", "/editions/" + e.id(), "date", dates.format(at), "cadence", e.cadence().id());
    }

    private void notFound(Context ctx, String messageKey) {
        Map<String, Object> model = listModel(articles.recent(PAGE_SIZE + 1, Optional.empty()), Optional.empty());
        model.put("notice", messageKey);
        html(ctx, 404, "web/index.html.ftl", model);
    }

    private void html(Context ctx, int status, String template, Map<String, Object> model) {
        ctx.status(status).contentType(HTML)
                .result(templates.render(template, model, site.language()));
    }
}
