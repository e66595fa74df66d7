package org.rundbrief.article;

import java.util.Set;
import java.util.regex.Pattern;
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

    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final Pattern SPACED_BREAK = Pattern.compile(" *\\n *");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

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
        String text = SPACES.matcher(out.toString().replace('\u00a0', ' ')).replaceAll(" ");
        text = SPACED_BREAK.matcher(text).replaceAll("\n");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").trim();
    }
}
