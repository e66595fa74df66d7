package org.rundbrief.render;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rundbrief.article.Article;
import org.rundbrief.config.Config;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.Campaign;
import org.rundbrief.mail.MailText;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.mail.TextWrapper;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.template.Templates;

/**
 * Renders a digest from {@code templates/email/digest.*}: the HTML and text parts, the subject
 * ({@code digest-subject.txt.ftl}) and, without any personal data, the edition's web version.
 * The first {@code delivery.maxItems} articles are shown with their summary, the rest as links.
 */
public final class DigestRenderer {
    static final String HTML = "email/digest.html.ftl";
    static final String TEXT = "email/digest.txt.ftl";
    static final String SUBJECT = "email/digest-subject.txt.ftl";
    /** SpamAssassin's HTML_IMAGE_ONLY_32 ends at 3,200 bytes; a margin above it. */
    static final int MIN_HTML_BYTES_WITH_IMAGES = 3_400;

    private final Templates templates;
    private final Config config;
    private final Map<String, DateTimeFormatter> dateFormats = new ConcurrentHashMap<>();

    public DigestRenderer(Templates templates, Config config) {
        this.templates = templates;
        this.config = config;
    }

    /**
     * Renders a sample digest in every language, so a broken template (syntax or a missing
     * variable) stops start-up or {@code templates check}, not an edition halfway.
     */
    public void check() {
        java.time.Instant now = java.time.Instant.now();
        Article sample = new Article(0, "check", "check", "check", "Prüfung „Titel\u201c – Test", "https://example.org/a",
                "Jörg", "Zusammenfassung", "<p>Text</p>", "Text", null, "de", List.of(), now, now, now, false, false, null, false, null);
        Edition edition = new Edition(0, org.rundbrief.subscriber.Cadence.DAILY, null, Edition.Status.SENDING, now, now, now, null);
        for (String language : List.of("de", "en")) {
            Subscriber s = new Subscriber(0, org.rundbrief.mail.EmailAddress.parse("check@example.org"), "Anna",
                    Subscriber.Status.CONFIRMED, org.rundbrief.subscriber.Cadence.DAILY, language, List.of(), now, now, now, 0);
            render(edition, s, List.of(sample, sample), SAMPLE_LINKS);
        }
        renderWebVersion(edition, List.of(sample));
    }

    private static final Recipients SAMPLE_LINKS = new Recipients() {
        @Override
        public List<Subscriber> active(java.util.Collection<Long> subscriberIds) {
            return List.of();
        }

        @Override
        public String unsubscribeUrl(Subscriber s) {
            return "https://example.org/unsubscribe/x";
        }

        @Override
        public String unsubscribeMailto(Subscriber s) {
            return "mailto:news@example.org?subject=unsubscribe";
        }

        @Override
        public String preferencesUrl(Subscriber s) {
            return "https://example.org/preferences/x";
        }
    };

    public OutgoingMail render(Edition edition, Subscriber s, List<Article> articles, Recipients links) {
        return render(edition, s, articles, links, Personal.of(s, links));
    }

    /**
     * The message to {@code s} with personal values taken once: a link that carries its time of
     * issue (the preferences link's expiry) comes out the same however often it is compared.
     */
    OutgoingMail render(Edition edition, Subscriber s, List<Article> articles, Recipients links, Personal personal) {
        Parts parts = renderParts(edition, articles, s.language(), personal);
        return mail(edition, s, personal, links, parts.subject().strip(), MailText.of(parts.html()),
                MailText.of(TextWrapper.wrap(parts.text())));
    }

    /**
     * The three templates rendered with {@code personal}, as they come out of FreeMarker: the
     * subject not yet stripped, the text part not yet wrapped.
     */
    Parts renderParts(Edition edition, List<Article> articles, String language, Personal personal) {
        Map<String, Object> model = model(edition, articles, language, imagesCarried(edition, articles, language));
        model.put("recipient", personal.recipient());
        model.put("unsubscribeUrl", personal.unsubscribeUrl());
        model.put("preferencesUrl", personal.preferencesUrl());
        model.put("web", false);
        String ownSubject = edition.texts().subject();
        return new Parts(ownSubject != null && !ownSubject.isBlank() ? ownSubject : templates.render(SUBJECT, model, language),
                templates.render(HTML, model, language),
                templates.render(TEXT, model, language));
    }

    /** Raw template output: subject, HTML part, text part. */
    record Parts(String subject, String html, String text) {}

    /** The message to {@code s} with its finished subject, HTML and (wrapped) text. */
    OutgoingMail mail(Edition edition, Subscriber s, Personal personal, Recipients links, String subject, MailText html,
                      MailText text) {
        return new OutgoingMail(s.email(), s.name(), subject, html, text, personal.unsubscribeUrl(),
                links.unsubscribeMailto(s), webUrl(edition), Campaign.digest(edition.id(), edition.cadence().id()), null);
    }

    /** The web version of an edition: the same layout with every article, no recipient, no personal links. */
    public String renderWebVersion(Edition edition, List<Article> articles) {
        String language = config.site().language();
        Map<String, Object> model = model(edition, articles, language, true);
        model.put("recipient", "");
        model.put("unsubscribeUrl", "");
        model.put("preferencesUrl", config.site().base() + "/subscribe");
        model.put("web", true);
        return templates.render(HTML, model, language);
    }

    public String webUrl(Edition edition) {
        return config.site().base() + "/editions/" + edition.id();
    }

    /**
     * Whether the digest's images may go into it: spam filters take a short HTML part with an
     * image for an image-only spam (SpamAssassin's HTML_IMAGE_ONLY_* rules fire for up to 3,200
     * bytes of HTML with an {@code <img>}), so a short digest (one article with a short summary)
     * goes out without its image. Measured on the digest without any personal value, which the
     * real one only makes longer, so every recipient of a shape gets the same answer.
     */
    private boolean imagesCarried(Edition edition, List<Article> articles, String language) {
        int shown = Math.min(articles.size(), config.delivery().maxItems());
        if (articles.stream().limit(shown).allMatch(a -> a.imageUrl() == null || a.imageUrl().isBlank())) {
            return true;
        }
        Map<String, Object> model = model(edition, articles, language, true);
        model.put("recipient", "");
        model.put("unsubscribeUrl", "");
        model.put("preferencesUrl", "");
        model.put("web", false);
        return templates.render(HTML, model, language).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > MIN_HTML_BYTES_WITH_IMAGES;
    }

    private Map<String, Object> model(Edition edition, List<Article> articles, String language, boolean images) {
        DateTimeFormatter dates = dateFormats.computeIfAbsent(language, l -> DateTimeFormatter
                .ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(l)).withZone(config.site().zone()));
        int shown = Math.min(articles.size(), config.delivery().maxItems());
        List<Map<String, Object>> items = new ArrayList<>(shown);
        List<Map<String, Object>> more = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            Map<String, Object> item = new HashMap<>();
            item.put("title", a.title());
            item.put("url", config.site().base() + "/articles/" + a.slug());
            if (i < shown) {
                item.put("summary", a.summary() == null ? "" : a.summary());
                item.put("author", a.author() == null ? "" : a.author());
                item.put("date", dates.format(a.publishedAt()));
                item.put("imageUrl", a.imageUrl() == null || !images ? "" : a.imageUrl());
                item.put("topics", a.topics().stream().map(t -> topicLabel(t, language)).toList());
                items.add(item);
            } else {
                more.add(item);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("site", Map.of("title", config.site().title(), "url", config.site().base()));
        model.put("edition", Map.of("id", edition.id(), "url", webUrl(edition),
                "date", dates.format(edition.cutoff()), "cadence", edition.cadence().id()));
        model.put("articles", items);
        model.put("more", more);
        model.put("total", articles.size());
        model.put("preheader", preheader(articles));
        // The admin's introduction: HTML sanitized when it was written (see admin.AdminActions#editTexts).
        model.put("introHtml", edition.texts().introHtml() == null ? "" : edition.texts().introHtml());
        model.put("introMarkdown", edition.texts().introMarkdown() == null ? "" : edition.texts().introMarkdown());
        return model;
    }

    private String topicLabel(String id, String language) {
        return config.topics().stream().filter(t -> t.id().equals(id)).findFirst()
                .map(t -> t.label(language)).orElse(id);
    }

    /**
     * The first summaries, cut to 140 characters. The built-in template no longer hides it at the
     * top for mail clients' preview line: hidden text (display:none, 1px, the background colour)
     * is what spam filters look for (SpamAssassin's HTML_FONT_LOW_CONTRAST, FONT_INVIS_MSGID). It
     * stays in the model for templates that show it.
     */
    private static String preheader(List<Article> articles) {
        StringBuilder sb = new StringBuilder();
        for (Article a : articles) {
            String part = a.summary() == null || a.summary().isBlank() ? a.title() : a.summary();
            if (sb.length() > 0) {
                sb.append(" · ");
            }
            sb.append(part.strip());
            if (sb.length() >= 140) {
                break;
            }
        }
        return sb.length() <= 140 ? sb.toString() : sb.substring(0, sb.lastIndexOf(" ", 139) > 0 ? sb.lastIndexOf(" ", 139) : 139) + " …";
    }
}
