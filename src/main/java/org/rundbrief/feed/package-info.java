/**
 * Feeds for readers: RSS 2.0, Atom 1.0 and JSON Feed 1.1, site-wide and per topic, with RFC 5005
 * monthly archives so a reader can walk every article ever published.
 *
 * <p>Contract: {@link org.rundbrief.feed.FeedService} is the one entry point. It reads articles
 * through the small {@link org.rundbrief.feed.FeedArticles} interface (never SQL of its own),
 * renders each variant once into bytes (plus gzip, strong ETag, Last-Modified) and keeps them in a
 * {@link org.rundbrief.cache.RenderCache} until the site's version changes; the version is
 * polled in the background, so answering a request never touches the database.
 * {@link org.rundbrief.cache.ConditionalGet} decides 200 / 304 and the headers; the web layer only
 * copies them onto the wire. Rome types stay inside this package (CommaFeed's rule): callers see
 * bytes and our own records.
 */
package org.rundbrief.feed;
