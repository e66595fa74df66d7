package org.rundbrief.collect;

import java.net.URI;
import org.rundbrief.article.ArticleStore;

/** A {@code feed} source: RSS or Atom over HTTP, fetched conditionally. */
final class FeedSource implements ArticleSource {
    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final URI url;
    private final HttpFetcher fetcher;

    FeedSource(URI url, HttpFetcher fetcher) {
        this.url = url;
        this.fetcher = fetcher;
    }

    @Override
    public SourceBatch fetch(ArticleStore.SourceState previous) throws CollectException {
        HttpFetcher.Response response = fetcher.get(url, previous, ACCEPT);
        if (response.notModified()) {
            return SourceBatch.unchanged(response.validators());
        }
        ArticleStore.SourceState validators = response.validators();
        return SourceBatch.of(FeedParser.parse(response.body(), response.contentType(), response.uri()), validators);
    }
}
