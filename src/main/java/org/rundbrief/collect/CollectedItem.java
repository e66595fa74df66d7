package org.rundbrief.collect;

import java.time.Instant;
import java.util.List;

/**
 * One item exactly as a source delivered it, before cleaning: HTML is untrusted, any field but
 * {@code title} may be null. {@code baseUri} resolves relative links and images. Library types
 * (Rome, jsoup) never appear here: sources convert at their edge.
 */
public record CollectedItem(String guid, String link, String title, String author, String summaryHtml,
                            String contentHtml, String imageUrl, String language, List<String> categories,
                            Instant publishedAt, String baseUri) {
    public CollectedItem {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
