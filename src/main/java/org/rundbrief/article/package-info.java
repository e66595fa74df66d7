/**
 * Articles: where they come from and how they are kept.
 *
 * <p>Contract: {@link org.rundbrief.article.Collector#collectAll()} fetches every configured source
 * once (feed, html page, markdown/html directory) and reports per source; content is sanitized
 * once here by {@link org.rundbrief.article.ContentCleaner}, so every stored
 * {@link org.rundbrief.article.Article#contentHtml()} is safe to embed. Articles are identified by
 * (source key, guid), updated in place when upstream changes, and their {@code collectedAt} never
 * changes. A source's items are read, cleaned and stored a chunk at a time (a feed of any length is
 * never in memory whole), inside one transaction per source: a source that breaks part way leaves
 * nothing of that fetch behind. Other packages read articles only through
 * {@link org.rundbrief.article.ArticleStore}.
 * Rome, jsoup and commonmark types never leave this package.
 */
package org.rundbrief.article;
