package org.rundbrief.feed;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.rundbrief.config.Config;

/**
 * The site facts every feed needs: title, public base URL (no trailing slash), language, zone,
 * the configured topics and the WebSub hub the subscription feeds name, if any.
 */
public record FeedSite(String title, String base, String language, ZoneId zone, List<Config.Topic> topics,
                       Optional<String> hub) {

    public static FeedSite of(Config config) {
        Config.Site site = config.site();
        return new FeedSite(site.title(), site.base(), site.language(), site.zone(), config.topics(),
                config.feed().hubUrl());
    }

    /** Every subscription feed URL (site-wide and per topic, each format): what a WebSub hub is told about. */
    public List<String> subscriptionUrls() {
        List<String> urls = new java.util.ArrayList<>();
        for (FeedFormat format : FeedFormat.values()) {
            urls.add(base + FeedView.current(format, Optional.empty()).path());
            for (Config.Topic t : topics) {
                urls.add(base + FeedView.current(format, Optional.of(t.id())).path());
            }
        }
        return urls;
    }

    public Optional<Config.Topic> topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The host name of {@code base}, the authority of our tag URIs (RFC 4151 allows no port). */
    public String host() {
        String host = URI.create(base).getHost();
        return host == null ? "localhost" : host;
    }

    public String articleUrl(String slug) {
        return base + "/articles/" + slug;
    }
}
