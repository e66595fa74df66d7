package org.rundbrief.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quartz.CronExpression;

/** Checks every value once at start-up so that the rest of the program can trust the config. */
final class ConfigValidator {
    /** The admin token guards everything; shorter ones can be guessed or brute-forced. */
    static final int MIN_ADMIN_TOKEN = 24;

    static final Set<String> LANGUAGES = Set.of("de", "en");
    private static final Set<String> SMTP_SECURITY = Set.of("none", "starttls", "tls");
    private static final Set<String> SOURCE_TYPES = Set.of("feed", "html", "directory");
    private static final Set<String> MAILBOX_PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");
    /** A DKIM selector: one or more DNS labels (RFC 6376 3.1). */
    private static final String SELECTOR = "[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*";

    private final String origin;

    private ConfigValidator(String origin) {
        this.origin = origin;
    }

    static void validate(Config c, String origin) {
        new ConfigValidator(origin).check(c);
    }

    private void check(Config c) {
        require(c.site(), "site");
        httpUrl("site.baseUrl", c.site().baseUrl());
        oneOf("site.language", c.site().language(), LANGUAGES);
        try {
            ZoneId.of(notBlank("site.timezone", c.site().timezone()));
        } catch (DateTimeException e) {
            fail("site.timezone", "'" + c.site().timezone() + "' is not a time zone (e.g. Europe/Berlin)");
        }
        notBlank("site.title", c.site().title());
        for (String key : new String[] {"imprintUrl", "privacyUrl"}) {
            String url = c.site().legal().get(key);
            if (!url.isEmpty()) {
                httpUrl("site." + key, url);
            }
        }
        String address = c.site().legal().get("postalAddress");
        if (address.chars().anyMatch(ch -> ch < 0x20) || address.length() > 300) {
            fail("site.postalAddress", "must be one line of at most 300 characters (separate its parts with commas)");
        }

        String db = notBlank("database.url", c.database().url());
        if (!db.startsWith("jdbc:h2:") && !db.startsWith("jdbc:postgresql:")) {
            fail("database.url", "'" + db + "' must start with jdbc:h2: or jdbc:postgresql:");
        }

        notBlank("smtp.host", c.smtp().host());
        range("smtp.port", c.smtp().port(), 1, 65535);
        oneOf("smtp.security", c.smtp().security(), SMTP_SECURITY);
        mailbox("smtp.from", c.smtp().from());
        if (c.smtp().replyTo() != null && !c.smtp().replyTo().isBlank()) {
            mailbox("smtp.replyTo", c.smtp().replyTo());
        }
        range("smtp.connections", c.smtp().connections(), 1, 64);
        range("smtp.messagesPerConnection", c.smtp().messagesPerConnection(), 1, 1_000_000);
        if (!(c.smtp().ratePerSecond() > 0)) {
            fail("smtp.ratePerSecond", "must be greater than 0, was " + c.smtp().ratePerSecond());
        }

        String adminToken = c.security().adminToken();
        if (adminToken != null && !adminToken.isEmpty() && adminToken.length() < MIN_ADMIN_TOKEN) {
            fail("security.adminToken", "is " + adminToken.length() + " characters long; use at least " + MIN_ADMIN_TOKEN
                    + " random ones (e.g. the output of: openssl rand -base64 24), or leave it empty to switch the admin side off");
        }

        bounce(c.bounce());
        dkim(c.dkim());

        range("http.port", c.http().port(), 0, 65535);
        String bind = c.http().bind();
        if (bind != null && !bind.isBlank() && Config.Http.ipLiteral(bind.strip()).isEmpty()) {
            fail("http.bind", "'" + bind + "' is not an IP address (e.g. 127.0.0.1; empty listens on all interfaces)");
        }
        for (String proxy : c.http().trustedProxyList()) {
            if (Config.Http.ipLiteral(proxy).isEmpty()) {
                fail("http.trustedProxies", "'" + proxy + "' is not an IP address (list addresses, comma-separated)");
            }
        }

        Set<String> ids = new HashSet<>();
        List<Config.Topic> topics = c.topics();
        for (int i = 0; i < topics.size(); i++) {
            String id = topics.get(i).id();
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                fail("topics[" + i + "].id", "'" + id + "' must be lower-case letters, digits and dashes");
            }
            if (!ids.add(id)) {
                fail("topics[" + i + "].id", "'" + id + "' is listed twice");
            }
        }

        range("collect.timeoutSeconds", c.collect().timeoutSeconds(), 1, 600);
        if (c.collect().maxBytes() < 1024) {
            fail("collect.maxBytes", "must be at least 1024, was " + c.collect().maxBytes());
        }
        range("delivery.maxItems", c.delivery().maxItems(), 1, 500);
        range("delivery.maxAgeDays", c.delivery().maxAgeDays(), 1, 3650);
        range("feed.items", c.feed().items(), 1, 1000);
        c.feed().hubUrl().ifPresent(hub -> httpUrl("feed.hub", hub));

        for (int i = 0; i < c.sources().size(); i++) {
            source("sources[" + i + "]", c.sources().get(i), c);
        }

        cron("schedule.collect", c.schedule().collect(), false);
        String immediate = c.schedule().immediate();
        if (!"after-collect".equals(immediate)) {
            cron("schedule.immediate", immediate, true);
        }
        cron("schedule.daily", c.schedule().daily(), true);
        cron("schedule.weekly", c.schedule().weekly(), true);
    }

    private void source(String key, Config.SourceConfig s, Config c) {
        oneOf(key + ".type", s.type(), SOURCE_TYPES);
        if ("directory".equals(s.type())) {
            notBlank(key + ".path", s.path());
        } else {
            httpUrl(key + ".url", s.url());
        }
        if ("html".equals(s.type())) {
            notBlank(key + ".item", s.item());
            notBlank(key + ".link", s.link());
        }
        if (s.language() != null) {
            oneOf(key + ".language", s.language(), LANGUAGES);
        }
        for (String t : s.topicsOrEmpty()) {
            if (!c.hasTopic(t)) {
                fail(key + ".topics", "'" + t + "' is not one of the configured topics");
            }
        }
    }

    private void cron(String key, String value, boolean offAllowed) {
        notBlank(key, value);
        if (offAllowed && "off".equals(value)) {
            return;
        }
        if (!CronExpression.isValidExpression(value)) {
            fail(key, "'" + value + "' is not a Quartz cron expression (sec min hour day month weekday, e.g. \"0 0 7 * * ?\")"
                    + (offAllowed ? " or off" : ""));
        }
    }

    private void bounce(Config.Bounce b) {
        require(b, "bounce");
        if (b.verp() && !b.address().matches("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+")) {
            fail("bounce.address", "'" + b.address() + "' must be a plain ASCII address like bounces@example.org "
                    + "(no name, no '+': rundbrief adds +<token> to it)");
        }
        Config.Mailbox m = b.mailbox();
        require(m, "bounce.mailbox");
        if (m.configured()) {
            oneOf("bounce.mailbox.protocol", m.protocol(), MAILBOX_PROTOCOLS);
            notBlank("bounce.mailbox.host", m.host());
            notBlank("bounce.mailbox.username", m.username());
            notBlank("bounce.mailbox.folder", m.folder());
            range("bounce.mailbox.port", m.port(), 0, 65535);
        }
        range("bounce.pollSeconds", b.pollSeconds(), 10, 86_400);
        range("bounce.softLimit", b.softLimit(), 1, 1000);
        range("bounce.softDays", b.softDays(), 1, 365);
    }

    private void dkim(Config.Dkim d) {
        require(d, "dkim");
        boolean any = !isBlank(d.domain()) || !isBlank(d.selector()) || !isBlank(d.privateKeyFile())
                || !isBlank(d.ed25519KeyFile()) || !isBlank(d.ed25519Selector());
        if (!any) {
            return;
        }
        for (String[] key : new String[][] {{"dkim.domain", d.domain()}, {"dkim.selector", d.selector()},
            {"dkim.privateKeyFile", d.privateKeyFile()}}) {
            if (isBlank(key[1])) {
                fail(key[0], "is required when DKIM is set up (dkim.domain, dkim.selector and dkim.privateKeyFile go together)");
            }
        }
        if (!d.domain().matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            fail("dkim.domain", "'" + d.domain() + "' must be a domain like example.org");
        }
        if (!d.selector().matches(SELECTOR)) {
            fail("dkim.selector", "'" + d.selector() + "' must be a DNS label like rb2026");
        }
        if (!isBlank(d.ed25519Selector()) && !d.ed25519Selector().matches(SELECTOR)) {
            fail("dkim.ed25519Selector", "'" + d.ed25519Selector() + "' must be a DNS label like rb2026-ed25519");
        }
        if (d.ed25519SelectorOrDefault().equals(d.selector()) && !isBlank(d.ed25519KeyFile())) {
            fail("dkim.ed25519Selector", "must differ from dkim.selector: one DNS name holds one key");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private void httpUrl(String key, String value) {
        notBlank(key, value);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                fail(key, "'" + value + "' must be an http:// or https:// URL");
            }
        } catch (java.net.URISyntaxException e) {
            fail(key, "'" + value + "' is not a valid URL: " + e.getReason());
        }
    }

    private void mailbox(String key, String value) {
        notBlank(key, value);
        if (value.chars().anyMatch(ch -> ch == '\r' || ch == '\n')
                || !value.matches("(?s)(.*<[^<>@\\s]+@[^<>@\\s]+>|[^<>@\\s]+@[^<>@\\s]+)")) {
            fail(key, "'" + value + "' must be an address like news@example.org or \"Verein <news@example.org>\"");
        }
    }

    private void oneOf(String key, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            fail(key, "'" + value + "' must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
    }

    private void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            fail(key, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    private String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            fail(key, "is required");
        }
        return value;
    }

    private void require(Object value, String key) {
        if (value == null) {
            fail(key, "is required");
        }
    }

    private void fail(String key, String problem) {
        throw new ConfigException(origin + ": key '" + key + "' " + problem);
    }
}
