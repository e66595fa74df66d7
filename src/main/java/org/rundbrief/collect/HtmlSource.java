package org.rundbrief.collect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.SourceNote;
import org.rundbrief.config.Config;

/**
 * An {@code html} source: a news website without a feed. The list page is fetched conditionally;
 * each {@code item} element there names an article by its {@code link}; the article page is then
 * fetched and read with the {@code title}, {@code date}, {@code author} and {@code body} selectors
 * (list-page values are the fallback). Navigation, footer, scripts and "Zurück" links stay out.
 * The guid is the article's absolute URL. At most {@value #MAX_ARTICLES} articles per run. Article
 * pages are fetched conditionally too (validators remembered per URL): a page that answers 304
 * leaves its stored article as it is, even if the list page's teaser for it changed.
 */
final class HtmlSource implements ArticleSource {
    static final int MAX_ARTICLES = 30;
    private static final String ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    private static final Pattern BYLINE = Pattern.compile("(?iu)^(von|by|autor(in)?:|verfasst von)\\s+");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)");
    private static final Pattern BACK_LINK = Pattern.compile("(?iu)^\\s*(« ?|‹ ?|< ?)?(zurück|back)\\b.*");

    private final Config.SourceConfig config;
    private final HttpFetcher fetcher;
    private final ZoneId zone;
    private final Map<String, ArticleStore.SourceState> pages;

    /** {@code pages}: the validators of the article pages already stored, by URL. */
    HtmlSource(Config.SourceConfig config, HttpFetcher fetcher, ZoneId zone, Map<String, ArticleStore.SourceState> pages) {
        this.config = config;
        this.fetcher = fetcher;
        this.zone = zone;
        this.pages = pages;
    }

    @Override
    public SourceBatch fetch(ArticleStore.SourceState previous) throws CollectException {
        try {
            return read(previous);
        } catch (org.jsoup.select.Selector.SelectorParseException e) {
            throw new CollectException(SourceNote.of("invalidSelector", "a CSS selector of this source is not valid: {detail}",
                    "detail", e.getMessage()));
        }
    }

    private SourceBatch read(ArticleStore.SourceState previous) throws CollectException {
        HttpFetcher.Response list = fetcher.get(URI.create(config.url()), previous, ACCEPT);
        if (list.notModified()) {
            return SourceBatch.unchanged(list.validators());
        }
        Document page = parse(list);
        List<Element> entries = page.select(config.item());
        if (entries.isEmpty()) {
            throw new CollectException(SourceNote.of("noItems", "no element matches item selector '{selector}' on {url}",
                    "selector", config.item(), "url", list.uri()));
        }
        List<CollectedItem> items = new ArrayList<>();
        Health health = new Health();
        List<String> problems = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, ArticleStore.SourceState> validators = new HashMap<>();
        Set<String> links = new LinkedHashSet<>();
        for (Element entry : entries) {
            Element a = entry.selectFirst(config.link());
            String href = a == null ? "" : a.absUrl("href");
            health.items++;
            if (href.isEmpty()) {
                health.linkMisses++;
                problems.add("an item on " + list.uri() + " has no link matching '" + config.link() + "'");
                continue;
            }
            if (!links.add(href) || links.size() > MAX_ARTICLES) {
                continue;
            }
            try {
                HttpFetcher.Response response = fetcher.get(URI.create(href),
                        pages.getOrDefault(href, ArticleStore.SourceState.NONE), ACCEPT);
                if (response.notModified()) {
                    unchanged.add(href);
                } else {
                    items.add(article(entry, a, response, URI.create(href), health));
                }
                validators.put(href, response.validators());
            } catch (CollectException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Items read = Items.of(items, problems);
        return SourceBatch.of(sink -> {
            unchanged.forEach(sink::unchanged);
            validators.forEach(sink::pageValidators);
            health.warnings().forEach(sink::warning);
            read.deliver(sink);
        }, list.validators());
    }

    /**
     * How often each selector matched nothing in one run. A wrong selector fails quietly otherwise:
     * the teaser becomes the body and the collection time the date, so old news would look new.
     */
    private final class Health {
        int items;
        int read;
        int linkMisses;
        int titleMisses;
        int dateMisses;
        int bodyMisses;

        List<SourceNote> warnings() {
            List<SourceNote> out = new ArrayList<>();
            if (linkMisses > 0) {
                out.add(SourceNote.of("linkMissing", "link selector '{selector}' matched nothing in {misses} of {total} items (left out)",
                        "selector", config.link(), "misses", linkMisses, "total", items));
            }
            if (read == 0) {
                return out;
            }
            if (config.date() == null) {
                out.add(SourceNote.of("noDateSelector", "no date selector: the articles' dates are unknown, so they are stored "
                        + "but never sent as new (set 'date' to the element holding the date)"));
            } else if (dateMisses > 0) {
                out.add(SourceNote.of("dateMissing", "date selector '{selector}' matched nothing on {misses} of {total} articles "
                        + "(stored without a date, never sent as new)", "selector", config.date(), "misses", dateMisses, "total", read));
            }
            if (titleMisses > 0) {
                out.add(SourceNote.of("titleMissing", "title selector '{selector}' matched nothing on {misses} of {total} articles "
                        + "(the link text is the title)", "selector", titleSelector(), "misses", titleMisses, "total", read));
            }
            if (bodyMisses > 0) {
                out.add(SourceNote.of("bodyMissing", "body selector '{selector}' matched nothing on {misses} of {total} articles "
                        + "(only the list page's teaser was stored)", "selector", bodySelector(), "misses", bodyMisses, "total", read));
            }
            return out;
        }
    }

    private String titleSelector() {
        return config.title() == null ? "h1" : config.title();
    }

    private String bodySelector() {
        return config.body() == null ? "article, main" : config.body();
    }

    /** Reads one article page; list-page teaser, date and author fill what the page lacks. */
    private CollectedItem article(Element entry, Element link, HttpFetcher.Response response, URI url, Health health)
            throws CollectException {
        Document doc = parse(response);
        doc.select("script, style, noscript, nav, header, footer, form, iframe").remove();
        doc.select("a").stream().filter(a -> BACK_LINK.matcher(a.text()).matches()).forEach(Element::remove);
        health.read++;
        String title = text(doc, titleSelector());
        if (title == null) {
            health.titleMisses++;
            title = link.text();
        }
        String date = firstNonNull(dateText(doc), dateText(entry));
        if (date == null && config.date() != null) {
            health.dateMisses++;
        }
        String author = firstNonNull(text(doc, config.author()), text(entry, config.author()));
        Element body = doc.selectFirst(bodySelector());
        if (body == null) {
            health.bodyMisses++;
        }
        String html = body != null ? body.html() : null;
        String teaser = entry.select("p").stream().filter(p -> !p.hasClass("meta")).map(Element::outerHtml)
                .reduce((x, y) -> x + y).orElse(null);
        String language = doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang");
        return new CollectedItem(url.toString(), url.toString(), title, author == null ? null : byline(author),
                teaser, html, null, language.isEmpty() ? null : language, List.of(),
                date == null ? null : GermanDates.parse(date, zone)
                        .orElseThrow(() -> new IllegalArgumentException(url + ": cannot read the date '" + date + "'")),
                url.toString());
    }

    private String dateText(Element scope) {
        if (config.date() == null) {
            return null;
        }
        Element e = scope.selectFirst(config.date());
        if (e == null) {
            return null;
        }
        // <time datetime="..."> is machine-readable (HTML §4.5.14); prefer it to the shown text.
        return e.hasAttr("datetime") ? e.attr("datetime") : e.text();
    }

    private static String text(Element scope, String selector) {
        if (selector == null) {
            return null;
        }
        Element e = scope.selectFirst(selector);
        return e == null || e.text().isBlank() ? null : e.text();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** "von Thomas" → "Thomas". */
    static String byline(String author) {
        return BYLINE.matcher(author.trim()).replaceFirst("").trim();
    }

    /** HTTP charset first (ISO-8859-1 read as windows-1252), else jsoup's BOM/meta detection, else UTF-8. */
    private static Document parse(HttpFetcher.Response response) throws CollectException {
        String charset = null;
        if (response.contentType() != null) {
            Matcher m = CHARSET.matcher(response.contentType());
            if (m.find()) {
                charset = m.group(1).toLowerCase(Locale.ROOT);
                if (charset.equals("iso-8859-1") || charset.equals("latin1") || charset.equals("us-ascii")) {
                    charset = "windows-1252";
                }
            }
        }
        try {
            return Jsoup.parse(new ByteArrayInputStream(response.body()), charset, response.uri().toString());
        } catch (IOException | IllegalArgumentException e) {
            throw new CollectException(SourceNote.of("unreadablePage", "cannot read the page {url}: {detail}", "url", response.uri(),
                    "detail", e.getMessage()));
        }
    }
}
