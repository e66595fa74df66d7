package org.rundbrief.admin;

import java.time.Instant;
import java.util.List;

/**
 * A post written by hand, as the admin sends it; the HTML is untrusted and cleaned like a collected
 * item's. A {@code draft} is stored hidden: in no edition, feed or archive until it is published.
 */
public record ManualPost(String title, String link, String author, String summary, String html, String language,
                         List<String> topics, Instant publishedAt, boolean draft) {}
