/**
 * Collecting: fetching every configured source, parsing it and cleaning what it says before it is
 * stored as an article.
 *
 * <p>Entry point: {@link org.rundbrief.collect.Collector#collectAll()} fetches every source once
 * (feed, html page, markdown/html directory) and reports per source. The parts, in the order a
 * fetch meets them:
 * <ul>
 *   <li>fetching: {@link org.rundbrief.collect.HttpFetcher} (conditional GET, size and time limits,
 *       redirects) behind {@link org.rundbrief.collect.AddressGuard} (no private networks; each connection goes
 *       to the very addresses the guard checked, see {@link org.rundbrief.collect.PinnedResolver});</li>
 *   <li>sources: {@link org.rundbrief.collect.FeedSource}, {@link org.rundbrief.collect.HtmlSource},
 *       {@link org.rundbrief.collect.DirectorySource} ({@link org.rundbrief.collect.ArticleFile}
 *       reads one Markdown or HTML file with front matter);</li>
 *   <li>parsing feeds: {@link org.rundbrief.collect.FeedParser} with
 *       {@link org.rundbrief.collect.XmlHealing}, {@link org.rundbrief.collect.FeedDates} and
 *       {@link org.rundbrief.collect.GermanDates};</li>
 *   <li>cleaning: {@link org.rundbrief.collect.ContentCleaner} sanitizes HTML with an allow-list
 *       once here, so every stored {@link org.rundbrief.article.Article#contentHtml()} is safe to
 *       embed.</li>
 * </ul>
 * A source's items are read, cleaned and stored a chunk at a time (a feed of any length is never
 * in memory whole), inside one transaction per source: a source that breaks part way leaves
 * nothing of that fetch behind. Rome, jsoup and commonmark types never leave this package.
 */
package org.rundbrief.collect;
