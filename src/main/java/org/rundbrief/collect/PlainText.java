package org.rundbrief.collect;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text from (already sanitized) HTML for text mail: paragraphs separated by blank lines,
 * list items as "- ", links as "text (url)" when the url is not the text itself.
 */
final class PlainText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "blockquote", "pre", "table", "tr", "figure", "figcaption", "hr", "dl", "dt", "dd");

    private PlainText() {}

    static String of(Element root) {
        StringBuilder out = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element e) {
                    if (BLOCKS.contains(e.normalName())) {
                        out.append("\n\n");
                    } else if ("li".equals(e.normalName())) {
                        out.append("\n- ");
                    } else if ("br".equals(e.normalName())) {
                        out.append('\n');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if ("a".equals(e.normalName())) {
                        String href = e.attr("href");
                        if (!href.isEmpty() && !href.equals(e.text().trim()) && !href.startsWith("mailto:")) {
                            out.append(" (").append(href).append(')');
                        }
                    } else if (BLOCKS.contains(e.normalName())) {
                        out.append("\n\n");
                    }
                }
            }
        });
        return tidy(out);
    }

    /**
     * Whitespace as a mail reader wants it, in one pass (regular expressions allocated a builder
     * per space): no-break spaces count as spaces; a run of spaces and tabs becomes one space; in a
     * run that holds line breaks the spaces go and at most two breaks stay (one blank line); the
     * ends are trimmed.
     */
    static String tidy(CharSequence raw) {
        StringBuilder text = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u00a0') {
                text.append(c);
                i++;
                continue;
            }
            int breaks = 0;
            for (; i < raw.length() && ((c = raw.charAt(i)) == ' ' || c == '\t' || c == '\n' || c == '\u00a0'); i++) {
                if (c == '\n') {
                    breaks++;
                }
            }
            text.append(breaks == 0 ? " " : breaks == 1 ? "\n" : "\n\n");
        }
        return text.toString().trim();
    }
}
