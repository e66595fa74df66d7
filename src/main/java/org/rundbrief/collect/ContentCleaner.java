package org.rundbrief.collect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.config.Config;

/**
 * Turns an untrusted {@link CollectedItem} into a safe {@link ArticleDraft}, once, at collection:
 * HTML sanitized with an allow-list (no script, style, iframe, form, event handlers, no
 * javascript:/data: URLs), relative links and images made absolute, a plain-text version,
 * a summary cut at a word boundary, topics mapped onto the configured ones, a language,
 * an identity (guid, else link, else content hash) and a content hash for change detection.
 */
public final class ContentCleaner {
    static final int SUMMARY_LENGTH = 300;
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    /** Clock skew and time zone slips tolerated for "future" dates. */
    private static final Duration FUTURE_SLACK = Duration.ofDays(2);
    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("figure", "figcaption", "hr", "s", "del", "ins", "abbr", "time")
            .removeProtocols("a", "href", "ftp")
            .preserveRelativeLinks(false);
    private static final java.util.regex.Pattern BREAKS_AND_CONTROLS =
            java.util.regex.Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\s]+");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern LANGUAGE_TAG = java.util.regex.Pattern.compile("(?i)[a-z]{2}([-_].*)?");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private final Config config;
    private final Clock clock;
    private final Map<String, List<String>> topicsByName;

    public ContentCleaner(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.topicsByName = topicsByName(config.topics());
    }

    /**
     * Cleans one item for a source.
     * @throws IllegalArgumentException naming why the item cannot be stored (e.g. no title and no text)
     */
    public ArticleDraft clean(CollectedItem item, List<String> sourceTopics, String sourceLanguage) {
        String base = item.baseUri() == null ? "" : item.baseUri();
        // Each piece of HTML is parsed once: the sanitized document gives the stored HTML, the text and the summary.
        Element content = sanitize(item.contentHtml(), base);
        String upstreamSummary = item.summaryHtml() == null || item.summaryHtml().isBlank() ? ""
                : Jsoup.parseBodyFragment(XmlText.stripIllegal(item.summaryHtml())).body().text();
        if (content == null) {
            content = sanitize(item.summaryHtml(), base);
        }
        String contentHtml = content == null ? "" : content.html();
        String contentText = content == null ? "" : PlainText.of(content);
        String summary = WHITESPACE.matcher(cut(!upstreamSummary.isBlank() ? upstreamSummary : firstParagraph(content),
                SUMMARY_LENGTH)).replaceAll(" ");
        String title = cut(inlineText(item.title()), 1000);
        if (title.isEmpty()) {
            title = cut(summary.isEmpty() ? WHITESPACE.matcher(contentText).replaceAll(" ") : summary, 100);
        }
        if (title.isEmpty()) {
            throw new IllegalArgumentException("item " + describe(item) + " has neither a title nor any text");
        }
        String link = httpUrl(item.link(), base);
        String imageUrl = httpUrl(item.imageUrl(), base);
        String author = emptyToNull(cut(inlineText(item.author()), 300));
        String language = language(sourceLanguage, item.language());
        List<String> topics = topics(sourceTopics, item.categories());
        Instant published = plausible(item.publishedAt());
        String hash = sha256(title, link, author, summary, contentHtml, imageUrl, language, String.join(",", topics),
                published == null ? "" : published.toString());
        String guid = identity(item, hash);
        return new ArticleDraft(guid, title, link, author, emptyToNull(summary), contentHtml, contentText, imageUrl,
                language, topics, published, hash);
    }

    private static String describe(CollectedItem item) {
        return item.guid() != null ? "'" + item.guid() + "'" : item.link() != null ? "'" + item.link() + "'" : "(no guid)";
    }

    /** Identity: the upstream guid, else the link, else a hash of the content (issue #3, item 3). */
    private static String identity(CollectedItem item, String hash) {
        String guid = XmlText.stripIllegal(item.guid() == null ? "" : item.guid().trim());
        if (guid.isEmpty()) {
            guid = item.link() == null ? "" : item.link().trim();
        }
        if (guid.isEmpty()) {
            return "sha256:" + hash;
        }
        return guid.length() <= 1000 ? guid : "sha256:" + sha256(guid);
    }

    /**
     * Allow-list sanitizing; relative URLs resolved against {@code baseUri}, unresolvable ones
     * dropped. Returns the clean body element, or null for no content.
     */
    static Element sanitize(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document clean = new Cleaner(SAFELIST).clean(Jsoup.parseBodyFragment(XmlText.stripIllegal(html), baseUri));
        clean.outputSettings(COMPACT);
        Element body = clean.body();
        return body.text().isBlank() && body.selectFirst("img") == null ? null : body;
    }

    /** Titles and names: tags and entities resolved, control characters and line breaks gone. */
    static String inlineText(String raw) {
        if (raw == null) {
            return "";
        }
        String text = raw.indexOf('<') >= 0 || raw.indexOf('&') >= 0 ? Jsoup.parse(raw).text() : raw;
        return BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ").trim();
    }

    private static String firstParagraph(Element content) {
        if (content == null) {
            return "";
        }
        Element p = content.selectFirst("p");
        return (p != null && !p.text().isBlank() ? p.text() : content.text()).trim();
    }

    /** At most {@code max} characters, cut at a word boundary with an ellipsis. */
    static String cut(String text, int max) {
        String t = text.trim();
        if (t.length() <= max) {
            return t;
        }
        int end = t.lastIndexOf(' ', max - 1);
        if (end < max / 2) {
            end = max - 1;
        }
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end).replaceAll("[\\s,;:.–-]+$", "") + "…";
    }

    private static String httpUrl(String url, String base) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            java.net.URI uri = base.isEmpty() ? new java.net.URI(url.trim()) : new java.net.URI(base).resolve(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String s = uri.toString();
            return (scheme.equals("http") || scheme.equals("https")) && s.length() <= 2000 ? s : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Language: the source's setting, else the item's (front matter, xml:lang), else the site's. */
    private String language(String sourceLanguage, String itemLanguage) {
        for (String candidate : new String[] {sourceLanguage, itemLanguage}) {
            if (candidate != null && LANGUAGE_TAG.matcher(candidate.trim()).matches()) {
                return candidate.trim().substring(0, 2).toLowerCase(Locale.ROOT);
            }
        }
        return config.site().language();
    }

    /** The source's topics plus upstream categories that name a configured topic by id or label (any case). */
    private List<String> topics(List<String> sourceTopics, List<String> categories) {
        Set<String> out = new LinkedHashSet<>(sourceTopics);
        for (String category : categories) {
            out.addAll(topicsByName.getOrDefault(category == null ? "" : category.trim().toLowerCase(Locale.ROOT), List.of()));
        }
        return List.copyOf(out);
    }

    /**
     * The categories of an item (a file's front-matter topics) that name no configured topic by id
     * or label: the article is stored without them.
     */
    public List<String> unknownTopics(CollectedItem item) {
        return item.categories().stream().filter(c -> c != null && !c.isBlank())
                .filter(c -> !topicsByName.containsKey(c.trim().toLowerCase(Locale.ROOT))).map(String::trim).distinct().toList();
    }

    /** Configured topic ids by lower-case id and label: what an upstream category may name. */
    private static Map<String, List<String>> topicsByName(List<Config.Topic> topics) {
        Map<String, List<String>> byName = new HashMap<>();
        for (Config.Topic topic : topics) {
            Set<String> names = new HashSet<>();
            names.add(topic.id().toLowerCase(Locale.ROOT));
            topic.labels().values().forEach(label -> names.add(label.toLowerCase(Locale.ROOT)));
            names.forEach(name -> byName.computeIfAbsent(name, k -> new ArrayList<>()).add(topic.id()));
        }
        return byName;
    }

    /** Dates before 1990 or days in the future are upstream mistakes: treated as no date. */
    private Instant plausible(Instant published) {
        if (published == null || published.isBefore(EARLIEST) || published.isAfter(clock.instant().plus(FUTURE_SLACK))) {
            return null;
        }
        return published;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public static String sha256(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                md.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
