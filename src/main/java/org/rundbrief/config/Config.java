package org.rundbrief.config;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration, as read from {@code rundbrief.yml} (plus {@code RUNDBRIEF_*}
 * environment overrides) on top of {@code defaults.yml}. Validated once by {@link ConfigLoader};
 * the rest of the program trusts these values.
 */
public record Config(
        Site site,
        Database database,
        Smtp smtp,
        Http http,
        List<Topic> topics,
        Collect collect,
        Delivery delivery,
        Feed feed,
        Security security,
        List<SourceConfig> sources,
        Schedule schedule,
        Bounce bounce,
        Dkim dkim,
        Metrics metrics,
        Admin admin) {

    /**
     * {@code imprintUrl}, {@code privacyUrl}, {@code postalAddress}: what German law expects next to
     * a subscribe form and in every mail (Impressum, Datenschutzerklärung, the sender's address);
     * empty = not shown. The German texts name the site as „title“ after a noun ("den Newsletter
     * „Heimatverein Talblick e.V.“"), so no grammatical case of the club's name is needed.
     */
    public record Site(String title, String baseUrl, String language, String timezone, String imprintUrl,
                       String privacyUrl, String postalAddress) {
        /** The legal notices for templates ({@code legal.imprintUrl}, ...); empty strings for what is not set. */
        public java.util.Map<String, String> legal() {
            return java.util.Map.of("imprintUrl", orEmpty(imprintUrl), "privacyUrl", orEmpty(privacyUrl),
                    "postalAddress", orEmpty(postalAddress));
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s.strip();
        }

        public java.time.ZoneId zone() {
            return java.time.ZoneId.of(timezone);
        }

        /** baseUrl without a trailing slash, ready for {@code baseUrl() + "/path"}. */
        public String base() {
            return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }
    }

    public record Database(String url, String user, String password) {}

    public record Smtp(String host, int port, String security, String username, String password,
                       String from, String replyTo, int connections, double ratePerSecond,
                       int messagesPerConnection) {}

    /**
     * {@code trustedProxies}: comma-separated IP addresses of reverse proxies whose X-Forwarded-For is believed;
     * {@code bind}: the IP address of the interface to listen on, empty for all.
     */
    public record Http(int port, String trustedProxies, String bind) {
        public java.util.List<String> trustedProxyList() {
            return trustedProxies == null || trustedProxies.isBlank() ? java.util.List.of()
                    : java.util.Arrays.stream(trustedProxies.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        }

        private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

        /**
         * An IP address literal, parsed without any name lookup; empty for anything else (host names
         * too). Asked for every request behind a proxy (its address and each forwarded hop), so the
         * patterns are compiled once: String.matches compiled both on every call, a sixth of the CPU
         * of a 304.
         */
        public static java.util.Optional<java.net.InetAddress> ipLiteral(String s) {
            if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(java.net.InetAddress.getByName(s)); // a literal: no DNS
            } catch (java.net.UnknownHostException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /** A topic id plus its label per language ({@code de}, {@code en}). */
    public record Topic(String id, Map<String, String> labels) {
        public String label(String language) {
            return labels.getOrDefault(language, labels.getOrDefault("en", id));
        }
    }

    public record Collect(int timeoutSeconds, long maxBytes, boolean allowPrivateNetworks) {}

    public record Delivery(int maxItems, int maxAgeDays) {}

    /** {@code items}: entries per subscription feed; {@code hub}: a WebSub hub URL, or empty for none. */
    public record Feed(int items, String hub) {
        public java.util.Optional<String> hubUrl() {
            return hub == null || hub.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(hub.strip());
        }
    }

    /** {@code preferencesLinkDays}: how long the preferences link of a mail works (unsubscribe links do not expire). */
    public record Security(String secret, String adminToken, int preferencesLinkDays) {}

    /**
     * One article source. {@code type} is feed, html or directory; the other fields apply
     * to the types that use them (url for feed/html, path for directory, CSS selectors for
     * html; README's config section lists them).
     */
    public record SourceConfig(String type, String url, String path, List<String> topics, String language,
                               String item, String link, String title, String date, String author,
                               String body) {
        public List<String> topicsOrEmpty() {
            return topics == null ? List.of() : topics;
        }

        /** Stable identity of the source in the database. */
        public String key() {
            return type + ":" + ("directory".equals(type) ? path : url);
        }
    }

    /** {@code token}: a bearer token that may read {@code /metrics} (besides the admin token); empty: admin token only. */
    public record Metrics(String token) {}

    public record Schedule(String collect, String immediate, String daily, String weekly) {}

    /**
     * Bounces: {@code address} (empty: none) is the envelope sender of every message, made unique
     * per message (VERP: {@code bounces+<signed token>@example.org}); {@code mailbox} is where
     * they arrive, read every {@code pollSeconds}; {@code softLimit} soft bounces (one a day at
     * most) within {@code softDays} days count as a hard bounce.
     */
    public record Bounce(String address, Mailbox mailbox, int pollSeconds, int softLimit, int softDays) {
        public boolean verp() {
            return address != null && !address.isBlank();
        }
    }

    /** {@code protocol} imap, imaps, pop3 or pop3s (empty: no mailbox is read); port 0: the protocol's own. */
    public record Mailbox(String protocol, String host, int port, String username, String password, String folder) {
        public boolean configured() {
            return protocol != null && !protocol.isBlank();
        }
    }

    /**
     * DKIM signing (RFC 6376) when {@code domain}, {@code selector} and {@code privateKeyFile} are
     * set; a second signature with {@code ed25519KeyFile} under {@code ed25519Selector} (empty:
     * the selector with "-ed25519"): a DNS name holds one key.
     */
    public record Dkim(String domain, String selector, String privateKeyFile, String ed25519KeyFile,
                       String ed25519Selector) {
        public boolean configured() {
            return privateKeyFile != null && !privateKeyFile.isBlank();
        }

        public String ed25519SelectorOrDefault() {
            return ed25519Selector == null || ed25519Selector.isBlank() ? selector + "-ed25519" : ed25519Selector;
        }
    }
    /** {@code approval}: an edition an editor drafted is sent only after a publisher (someone else) approved it. */
    public record Admin(boolean approval) {}

    public boolean hasTopic(String id) {
        return topics.stream().anyMatch(t -> t.id().equals(id));
    }
}
