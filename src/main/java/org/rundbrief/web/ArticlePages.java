package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rundbrief.admin.ArticleActions;
import org.rundbrief.admin.ChangedMeanwhile;
import org.rundbrief.admin.ManualPost;
import org.rundbrief.admin.Role;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.MediaFiles;
import org.rundbrief.collect.Collector;
import org.rundbrief.collect.Markdown;
import org.rundbrief.subscriber.Choices;

/**
 * Posts in the browser ({@code /admin/articles}, editors and up): the newest articles with their
 * source, date and topics; posts written by hand can be created, edited and deleted. The body is
 * Markdown (HTML works too) and is cleaned like every collected article when it is stored; an
 * edit updates the archive and the feeds, and never sends anything again.
 */
final class ArticlePages {
    /** Room for the multipart headers and the other fields around an image of the largest size. */
    private static final long FORM_OVERHEAD = 64 * 1024;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final AdminPages pages;
    private final ArticleActions posts;
    private final ArticleStore articles;
    private final Choices choices;
    private final ZoneId zone;
    private final String language;

    ArticlePages(AdminPages pages, ArticleActions posts, ArticleStore articles, Choices choices, ZoneId zone,
                 String language) {
        this.pages = pages;
        this.posts = posts;
        this.articles = articles;
        this.choices = choices;
        this.zone = zone;
        this.language = language;
    }

    void register(RoutesConfig r) {
        r.get("/admin/articles", pages.page(Role.EDITOR, this::list));
        r.get("/admin/articles/new", pages.page(Role.EDITOR, (ctx, a) -> form(ctx, a, null, "")));
        r.post("/admin/articles", pages.form(Role.EDITOR, (ctx, a) -> {
            Article created = posts.create(a.actor(), post(ctx));
            ctx.redirect("/admin/articles?notice=" + savedNotice(created) + "&id=" + created.id());
        }));
        r.post("/admin/articles/preview", pages.form(Role.EDITOR, this::preview));
        Handler upload = pages.form(Role.EDITOR, this::uploadImage);
        r.post("/admin/media", ctx -> {
            // refused on the announced length, before a byte of the body is read (and before the CSRF check reads it)
            if (ctx.req().getContentLengthLong() > MediaFiles.MAX_BYTES + FORM_OVERHEAD) {
                ctx.header("Connection", "close");
                pages.error(ctx, 413, pages.msg("admin.media.tooLarge"));
                return;
            }
            upload.handle(ctx);
        });
        r.get("/admin/articles/{id}", pages.page(Role.EDITOR, (ctx, a) -> form(ctx, a, manual(ctx), "")));
        r.post("/admin/articles/{id}", pages.form(Role.EDITOR, (ctx, a) -> {
            Article saved;
            ManualPost post = post(ctx);
            try {
                saved = posts.update(a.actor(), AdminApi.id(ctx), post, ctx.formParam("revision"));
            } catch (ArticleActions.AlreadyPublic e) {
                throw new BadInput("publishedAt", pages.msg("admin.articles.alreadyPublic"));
            } catch (ChangedMeanwhile e) {
                changedMeanwhile(ctx, a, post, e);
                return;
            } catch (NoSuchElementException e) {
                deletedMeanwhile(ctx, a, post);
                return;
            }
            ctx.redirect("/admin/articles?notice=" + savedNotice(saved));
        }));
        r.post("/admin/articles/{id}/hide", pages.form(Role.EDITOR, (ctx, a) -> {
            posts.setHidden(a.actor(), AdminApi.id(ctx), true);
            ctx.redirect("/admin/articles?notice=hidden");
        }));
        r.post("/admin/articles/{id}/show", pages.form(Role.EDITOR, (ctx, a) -> {
            posts.setHidden(a.actor(), AdminApi.id(ctx), false);
            ctx.redirect("/admin/articles?notice=shown");
        }));
        r.post("/admin/articles/{id}/delete", pages.form(Role.EDITOR, (ctx, a) -> {
            posts.delete(a.actor(), AdminApi.id(ctx));
            ctx.redirect("/admin/articles?notice=deleted");
        }));
    }

    private static String savedNotice(Article saved) {
        return saved.scheduled() ? "scheduled" : "saved";
    }

    private void uploadImage(Context ctx, AdminGate.Access a) throws java.io.IOException {
        UploadedFile file = ctx.uploadedFile("image");
        if (file == null || file.size() == 0) {
            throw new BadInput("image", pages.msg("admin.media.noFile"));
        }
        byte[] bytes;
        try (var in = file.content()) {
            bytes = in.readNBytes((int) MediaFiles.MAX_BYTES + 1);
        }
        String name;
        try {
            name = posts.uploadImage(a.actor(), bytes);
        } catch (MediaFiles.Refused e) {
            ctx.status(e.why() == MediaFiles.Refused.Why.TOO_LARGE ? 413 : 415);
            pages.render(ctx, a, "media", Map.of("name", "", "error", pages.msg(e.why() == MediaFiles.Refused.Why.TOO_LARGE
                    ? "admin.media.tooLarge" : "admin.media.notAnImage")));
            return;
        }
        pages.render(ctx, a, "media", Map.of("name", name, "error", ""));
    }

    private void list(Context ctx, AdminGate.Access a) {
        List<Map<String, Object>> rows = articles.recentForDesk(100).stream().map(art -> Map.<String, Object>of(
                "id", art.id(), "title", art.title(), "source", art.sourceKey(), "hiddenAs", hiddenAs(art),
                "manual", Collector.MANUAL.equals(art.sourceKey()), "date", pages.time(art.publishedAt()),
                "undated", art.undated(), "unpublished", art.unpublished(),
                "topics", String.join(", ", art.topics()), "slug", art.slug())).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rows", rows);
        model.put("notice", Optional.ofNullable(ctx.queryParam("notice")).map(k -> pages.msg("admin.notice.article." + k)).orElse(""));
        pages.render(ctx, a, "articles", model);
    }

    /** Why the list shows an article as not public ("scheduled for …", draft, hidden); empty when it is public. */
    private String hiddenAs(Article art) {
        if (!art.hidden()) {
            return "";
        }
        if (art.scheduled()) {
            return pages.msg("admin.articles.scheduledFor").replace("{time}", pages.time(art.publishAt()));
        }
        return pages.msg(art.unpublished() ? "admin.articles.draftState" : "admin.articles.hiddenState");
    }

    private Article manual(Context ctx) {
        long id = AdminApi.id(ctx);
        Article art = articles.byId(id).orElseThrow(() -> new NoSuchElementException("no article " + id));
        if (!Collector.MANUAL.equals(art.sourceKey())) {
            throw new IllegalStateException(pages.msg("admin.articles.collected"));
        }
        return art;
    }

    /**
     * The form again with what was typed, and below it the post as readers will see it: cleaned by
     * the same code that stores it, shown as the archive shows it. Nothing is stored.
     */
    private void preview(Context ctx, AdminGate.Access a) {
        ManualPost post = post(ctx);
        ArticleDraft draft = posts.preview(post);
        Map<String, Object> model = typed(ctx, post);
        model.put("revision", Optional.ofNullable(ctx.formParam("revision")).orElse(""));
        model.put("preview", Map.of("title", draft.title(), "author", Optional.ofNullable(draft.author()).orElse(""),
                "html", Optional.ofNullable(draft.contentHtml()).orElse("")));
        form(ctx, a, model, post.topics(), "");
    }

    /**
     * Somebody saved the post after this editor opened it: nothing is stored, and the form comes back
     * with what this editor typed, who saved last and when, and the stored version below it. Its
     * revision is now the stored one's, so saving again replaces that version on purpose.
     */
    private void changedMeanwhile(Context ctx, AdminGate.Access a, ManualPost post, ChangedMeanwhile e) {
        Article stored = manual(ctx);
        Map<String, Object> model = typed(ctx, post);
        model.put("revision", stored.revision()); // the version shown: saving again replaces exactly that
        model.put("stored", Map.of("title", stored.title(), "body", body(stored)));
        String error = e.lastChange()
                .map(c -> pages.msg("admin.articles.changedBy", Map.of("who", c.actor(), "time", pages.timeOfDay(c.at()))))
                .orElseGet(() -> pages.msg("admin.articles.changed"));
        ctx.status(409);
        form(ctx, a, model, post.topics(), error + " " + pages.msg("admin.articles.changedWhatNow"));
    }

    /**
     * Somebody deleted the post while this editor had it open: nothing is stored, and the form comes
     * back as a new post with what this editor typed, to save again if it is still wanted.
     */
    private void deletedMeanwhile(Context ctx, AdminGate.Access a, ManualPost post) {
        Map<String, Object> model = typed(ctx, post);
        model.put("id", 0L);
        model.put("revision", "");
        ctx.status(409);
        form(ctx, a, model, post.topics(), pages.msg("admin.articles.deleted"));
    }

    /** The form's fields as this editor typed them. */
    private Map<String, Object> typed(Context ctx, ManualPost post) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", parseId(ctx.formParam("id")));
        model.put("title", post.title());
        model.put("author", Optional.ofNullable(post.author()).orElse(""));
        model.put("summary", Optional.ofNullable(post.summary()).orElse(""));
        model.put("body", Optional.ofNullable(ctx.formParam("body")).orElse(""));
        model.put("language", post.language() == null ? language : post.language());
        model.put("publishedAt", Optional.ofNullable(ctx.formParam("publishedAt")).orElse(""));
        model.put("draft", post.draft());
        return model;
    }

    /** What the author wrote; a post sent as HTML (the API, articles add) shows its stored HTML. */
    private static String body(Article art) {
        return Optional.ofNullable(art.markdown()).or(() -> Optional.ofNullable(art.contentHtml())).orElse("");
    }

    private static long parseId(String id) {
        try {
            return id == null || id.isBlank() ? 0 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadInput("id", "id must be a number");
        }
    }

    private void form(Context ctx, AdminGate.Access a, Article art, String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", art == null ? 0L : art.id());
        model.put("title", art == null ? "" : art.title());
        model.put("author", art == null || art.author() == null ? "" : art.author());
        model.put("summary", art == null || art.summary() == null ? "" : art.summary());
        model.put("body", art == null ? "" : body(art));
        model.put("revision", art == null ? "" : art.revision());
        model.put("language", art == null || art.language() == null ? language : art.language());
        Instant when = art == null ? null : art.scheduled() ? art.publishAt() : art.publishedAt();
        model.put("publishedAt", when == null ? "" : local(when));
        model.put("draft", art != null && art.hidden());
        form(ctx, a, model, art == null ? List.of() : art.topics(), error);
    }

    private void form(Context ctx, AdminGate.Access a, Map<String, Object> model, List<String> chosen, String error) {
        model.put("topics", choices.topics().stream().map(t -> Map.<String, Object>of("id", t.id(),
                "label", t.label(language), "checked", chosen.contains(t.id()))).toList());
        model.put("languages", Choices.LANGUAGES);
        model.put("error", error);
        pages.render(ctx, a, "article", model);
    }

    /** A time for the datetime-local field, in site.timezone; seconds only when it has some. */
    private String local(Instant at) {
        LocalDateTime t = at.atZone(zone).toLocalDateTime();
        return t.getSecond() == 0 ? LOCAL.format(t) : t.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /**
     * The form as a post: title required, topics known, a publish time in site.timezone (with or
     * without seconds) or none (now). A time still to come schedules the post; one that has passed
     * publishes it now with that date (a report written after the event), as the field always did.
     */
    private ManualPost post(Context ctx) {
        String title = ctx.formParam("title");
        if (title == null || title.isBlank()) {
            throw new BadInput("title", pages.msg("admin.articles.titleRequired"));
        }
        Instant published = null;
        String when = ctx.formParam("publishedAt");
        if (when != null && !when.isBlank()) {
            try {
                published = LocalDateTime.parse(when.strip(), DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadInput("publishedAt", pages.msg("admin.articles.badTime"));
            }
        }
        String body = Optional.ofNullable(ctx.formParam("body")).orElse("");
        return new ManualPost(title.strip(), null, blankToNull(ctx.formParam("author")), blankToNull(ctx.formParam("summary")),
                body, Markdown.toHtml(body), choices.language(ctx.formParam("language")), choices.topics(ctx.formParams("topics")),
                published, "draft".equals(ctx.formParam("state")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
