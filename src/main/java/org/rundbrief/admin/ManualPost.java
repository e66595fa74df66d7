package org.rundbrief.admin;

import java.time.Instant;
import java.util.List;

/**
 * A post written by hand, as the admin sends it; the HTML is untrusted and cleaned like a collected
 * item's. {@code markdown}: what the author wrote, when the HTML was made from Markdown (kept for the
 * edit form), else null. A {@code draft} is stored hidden: in no edition, feed or archive until it is
 * published. {@code publishedAt}: the post's date (null: now); a time still to come schedules the
 * post, which then goes public by itself at that time.
 */
public record ManualPost(String title, String link, String author, String summary, String markdown, String html,
                         String language, List<String> topics, Instant publishedAt, boolean draft) {}
