package org.rundbrief.collect;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.nodes.Element;

/**
 * Markdown written by people (article files, an edition's introduction) to HTML. The HTML is not
 * trusted: {@link #cleanHtml} runs it through the same allow-list as every collected article.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();

    private Markdown() {}

    /** Markdown to HTML as written (not yet sanitized: that happens when the article is stored). */
    public static String toHtml(String markdown) {
        return HTML.render(PARSER.parse(markdown));
    }

    /** Markdown to sanitized HTML, links resolved against {@code baseUri}; empty for empty input. */
    public static String cleanHtml(String markdown, String baseUri) {
        Element body = markdown == null ? null : ContentCleaner.sanitize(toHtml(markdown), baseUri);
        return body == null ? "" : body.html();
    }
}
