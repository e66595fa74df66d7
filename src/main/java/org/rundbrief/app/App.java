package org.rundbrief.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.rundbrief.admin.Accounts;
import org.rundbrief.admin.AdminActions;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.ArticleActions;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.EditionDesk;
import org.rundbrief.admin.MemberActions;
import org.rundbrief.admin.OutboxDesk;
import org.rundbrief.admin.ScheduledPosts;
import org.rundbrief.admin.Sessions;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.MediaFiles;
import org.rundbrief.bounce.BounceReader;
import org.rundbrief.bounce.BounceStore;
import org.rundbrief.bounce.Verp;
import org.rundbrief.cache.RenderCache;
import org.rundbrief.collect.CollectReport;
import org.rundbrief.collect.Collector;
import org.rundbrief.collect.HttpFetcher;
import org.rundbrief.config.Config;
import org.rundbrief.delivery.DeliveryRunner;
import org.rundbrief.delivery.Outbox;
import org.rundbrief.delivery.OutboxSender;
import org.rundbrief.delivery.ServerWatch;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.delivery.RetryPolicy;
import org.rundbrief.delivery.SentMarks;
import org.rundbrief.dkim.DkimKeys;
import org.rundbrief.edition.EditionHeld;
import org.rundbrief.edition.EditionPlanner;
import org.rundbrief.edition.EditionSender;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.feed.FeedArticles;
import org.rundbrief.feed.FeedService;
import org.rundbrief.feed.FeedSite;
import org.rundbrief.feed.WebSubPublisher;
import org.rundbrief.mail.ReturnPath;
import org.rundbrief.render.DigestPreview;
import org.rundbrief.render.DigestRenderer;
import org.rundbrief.render.EditionMessages;
import org.rundbrief.render.Recipients;
import org.rundbrief.render.WebVersions;
import org.rundbrief.schedule.Schedule;
import org.rundbrief.schedule.Tasks;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.smtp.Postman;
import org.rundbrief.smtp.SmtpPostman;
import org.rundbrief.store.Database;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Choices;
import org.rundbrief.subscriber.Signer;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberImport;
import org.rundbrief.subscriber.SubscriberMails;
import org.rundbrief.subscriber.SubscriberService;
import org.rundbrief.subscriber.SearchWordsCatchUp;
import org.rundbrief.subscriber.SubscriberStore;
import org.rundbrief.subscriber.Tokens;
import org.rundbrief.template.Templates;
import org.rundbrief.web.AdminApi;
import org.rundbrief.web.AdminGate;
import org.rundbrief.web.AdminPages;
import org.rundbrief.web.MediaRoutes;
import org.rundbrief.web.ArchivePages;
import org.rundbrief.web.ClientAddress;
import org.rundbrief.web.EditionPages;
import org.rundbrief.web.FeedRoutes;
import org.rundbrief.web.HealthRoutes;
import org.rundbrief.web.HttpLimits;
import org.rundbrief.web.MetricsRoutes;
import org.rundbrief.web.PublicPages;
import org.rundbrief.web.SubscriberPages;
import org.rundbrief.web.WebServer;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part with constructors, in data-flow order (articles,
 * subscribers, editions, delivery, web), and closes them in reverse. Commands ask it for what
 * they need; nothing else creates services.
 */
public final class App implements AutoCloseable {
    public final Config config;
    public final Clock clock;
    public final Database database;
    public final Templates templates;
    // --- article ---
    public final ArticleStore articles;
    public final Collector collector;
    private final HttpFetcher fetcher;
    // --- subscriber ---
    public final SubscriberStore subscribers;
    public final Choices subscriberChoices;
    public final Signer signer;
    public final Tokens tokens;
    public final SubscriberService subscriberService;
    public final SubscriberImport subscriberImport;
    public final SubscriberExport subscriberExport;
    public final SubscriberPages subscriberPages;
    // --- delivery ---
    public final Mailer mailer;
    public final Postman postman;
    public final DeliveryStore deliveries;
    /** Transactional mail, queued with the change that causes it; sent by {@link #outboxSender}. */
    public final Outbox outbox;
    public final OutboxSender outboxSender;
    /** Whether the SMTP server can be used, as this process's senders met it (an outage is waited out, not failed). */
    public final ServerWatch serverWatch;
    // --- bounce ---
    public final BounceStore bounceStore;
    /** Images uploaded for posts ({@code media/} beside the config, served under {@code /media/}). */
    public final MediaFiles media;
    public final BounceReader bounces;
    // --- edition ---
    public final EditionStore editionStore;
    public final DigestRenderer digests;
    public final DigestPreview preview;
    public final EditionSender editions;
    public final WebVersions webVersions;
    // --- feed and public pages ---
    public final RenderCache renderCache;
    public final FeedService feeds;
    // --- schedule ---
    public final Schedule schedule;
    // --- admin ---
    public final AdminStore adminStore;
    public final AuditLog audit;
    public final EditionDesk editionDesk;
    public final AdminActions adminActions;
    public final Accounts accounts;
    private final ArticleActions articleActions;
    /** Makes scheduled posts public when their time comes; started by serve ({@link ScheduledPosts#start}). */
    public final ScheduledPosts scheduledPosts;
    /** Writes the search words of members added since it last looked; started by serve ({@link SearchWordsCatchUp#start}). */
    public final SearchWordsCatchUp searchWords;
    public final MemberActions memberActions;

    private final Recipients recipients;
    private final DeliveryRunner runner;
    private final SentMarks sentMarks;
    private final AppMetrics metrics;
    private final ClientAddress clients;
    private final Optional<WebSubPublisher> webSub;
    private volatile boolean closed;
    private volatile java.util.concurrent.ScheduledExecutorService bouncePolling;

    /** How long sent and failed outbox rows are kept (for the admin API), then purged by housekeeping. */
    private static final Duration OUTBOX_KEPT = Duration.ofDays(30);

    /** The installation of {@code config} on {@code clock} as it is (tests move it). */
    public App(Config config, Path baseDir, Clock clock) {
        this(config, baseDir, database -> clock);
    }

    /**
     * The installation of {@code config} on the database server's time when the database is
     * PostgreSQL, which nodes share ({@link Database#time}), else on this machine's clock. What
     * commands run on.
     */
    public static App onSystemTime(Config config, Path baseDir) {
        return onMachineClock(config, baseDir, Clock.systemUTC());
    }

    /** The same with {@code machine} as this machine's clock (a test's clock that is off). */
    public static App onMachineClock(Config config, Path baseDir, Clock machine) {
        return new App(config, baseDir, database -> database.time(machine));
    }

    private App(Config config, Path baseDir, Function<Database, Clock> clockOf) {
        this.config = config;
        this.metrics = new AppMetrics();
        this.database = Database.open(config.database(), Math.max(4, config.smtp().connections() + 4));
        this.clock = clockOf.apply(database);
        this.templates = new Templates(baseDir.resolve("templates"));
        templates.share("legal", config.site().legal());
        // --- article ---
        this.articles = new ArticleStore(database.jdbc(), clock);
        this.media = new MediaFiles(baseDir.resolve("media"));
        this.fetcher = new HttpFetcher(config.collect(), "rundbrief/" + version() + " (+" + config.site().base() + ")");
        this.collector = new Collector(config, articles, fetcher, clock, baseDir);
        // --- subscriber ---
        this.subscribers = new SubscriberStore(database.jdbc());
        this.subscriberChoices = new Choices(config);
        this.signer = Signer.of(config.security().secret(), subscribers);
        this.tokens = new Tokens(signer, clock, config.site().base(), config.security().preferencesLinkDays());
        this.subscriberExport = new SubscriberExport(subscribers);
        // --- delivery ---
        Verp verp = config.bounce().verp() ? new Verp(config.bounce().address(), signer) : null;
        // The DKIM keys are read once, here: a bad key stops every command at start (exit 2, naming its key).
        this.mailer = Mailer.create(config, verp != null ? verp : ReturnPath.FROM,
                DkimKeys.signer(config.dkim(), baseDir, clock).orElse(null));
        this.postman = new SmtpPostman(mailer);
        this.outbox = new Outbox(database.jdbc(), mailer.builder(), clock);
        // --- subscriber (its lifecycle mails go through the outbox) ---
        this.subscriberService = new SubscriberService(subscribers, signer, tokens,
                new SubscriberMails(templates, outbox, tokens, config.site(), mailer::unsubscribeMailto), clock);
        this.subscriberImport = new SubscriberImport(subscribers, subscriberChoices, signer, clock,
                subscriberService::sendConfirmation);
        this.clients = new ClientAddress(config.http().trustedProxyList());
        this.subscriberPages = new SubscriberPages(subscriberService, subscriberChoices, tokens, templates,
                config.site(), clock, clients);
        this.deliveries = new DeliveryStore(database.jdbc(), clock);
        // --- bounce ---
        this.bounceStore = new BounceStore(database.jdbc());
        this.bounces = new BounceReader(config.bounce(), verp, bounceStore, subscribers, subscriberService, clock);
        // --- edition ---
        this.editionStore = new EditionStore(database.jdbc());
        this.digests = new DigestRenderer(templates, config);
        this.recipients = new SubscriberRecipients();
        this.preview = new DigestPreview(editionStore, articles::byIds, recipients, digests, clock,
                config.delivery().maxAgeDays());
        this.sentMarks = SentMarks.of(Database.h2FileBase(config.database().url())
                .map(db -> db.resolveSibling(db.getFileName() + ".sent")), deliveries);
        this.runner = new DeliveryRunner(deliveries, sentMarks, metrics.registry, mailer,
                new EditionMessages(editionStore, articles::byIds, recipients, digests), subscriberService::hardBounce, clock,
                new DeliveryRunner.Settings(config.smtp().connections(), config.smtp().ratePerSecond(),
                        config.smtp().messagesPerConnection()), RetryPolicy.DEFAULT);
        this.serverWatch = runner.serverWatch();
        this.outboxSender = new OutboxSender(outbox, runner, subscriberService::hardBounce, RetryPolicy.DEFAULT, clock);
        this.editions = new EditionSender(editionStore,
                new EditionPlanner(editionStore, clock, config.delivery().maxAgeDays()), runner, deliveries, clock);
        this.webVersions = new WebVersions(editionStore, articles::byIds, digests);
        // --- feed and public pages ---
        // Rendered feeds and pages are cached; the site's version is polled every 2 s to drop stale ones.
        this.renderCache = new RenderCache(() -> new SiteVersion(articles.version(), editionStore.publicVersion()),
                Duration.ofSeconds(2));
        this.feeds = new FeedService(FeedArticles.from(articles), FeedSite.of(config), clock,
                config.feed().items(), renderCache);
        this.webSub = config.feed().hubUrl().map(hub -> new WebSubPublisher(hub, feeds.site().subscriptionUrls()));
        // --- schedule ---
        this.schedule = new Schedule(config.schedule(), TimeZone.getTimeZone(config.site().zone()), tasks(),
                database.dataSource(), database.isPostgres(), Schedule.MISFIRE_THRESHOLD_MILLIS);
        // --- admin ---
        this.adminStore = new AdminStore(database.jdbc(), clock);
        this.audit = new AuditLog(adminStore, clock);
        this.editionDesk = new EditionDesk(editions, editionStore, adminStore,
                new EditionMessages(editionStore, articles::byIds, recipients, digests), Duration.ofMinutes(5));
        this.adminActions = new AdminActions(editionDesk, schedule, collector, adminStore, postman, audit, clock,
                new AdminActions.Settings(config.admin().approval(), config.site().base(), config.site().language()),
                database::clockOffset);
        this.accounts = new Accounts(database.jdbc(), audit, clock, config.security().adminToken(), config.site().base());
        this.scheduledPosts = new ScheduledPosts(articles);
        this.searchWords = new SearchWordsCatchUp(subscribers);
        this.articleActions = new ArticleActions(collector, articles, adminStore, audit, media, config.site().base(),
                clock);
        this.memberActions = new MemberActions(subscriberService, subscribers, subscriberImport, subscriberExport, bounceStore,
                audit, clock);
        metrics.subscribers(adminStore::subscribersByStatus);
    }

    /** The jar's version (from its manifest), or "dev" when run from classes. */
    public static String version() {
        String v = App.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Subscribers as editions see them (confirmed only, with their signed links). */
    public Recipients recipients() {
        return recipients;
    }

    /** Renders every mail template once with sample data; throws with file and line on a problem. */
    public List<String> checkTemplates() {
        List<String> overrides = templates.parseOverrides();
        digests.check();
        return overrides;
    }

    /** The HTTP server with every public route (plus {@code extra}, e.g. the demo mailbox); not started. */
    public WebServer webServer(List<WebServer.Routes> extra) {
        List<WebServer.Routes> routes = new ArrayList<>();
        EditionPages editionPages = new EditionPages(editionStore, webVersions);
        routes.add(editionPages);
        routes.add(new HealthRoutes(healthChecks(), Map.of("delivery", this::deliveryTrouble, "outbox", this::outboxTrouble,
                "smtpOutage", this::smtpOutage, "clock", () -> database.clockProblem().orElse(null))));
        metrics.bindJvm();
        database.bindMetrics(metrics.registry);
        routes.add(new MetricsRoutes(metrics.registry, config.security().adminToken(), config.metrics().token()));
        routes.add(subscriberPages);
        routes.add(new FeedRoutes(feeds));
        routes.add(new MediaRoutes(media));
        ArchivePages archivePages = new ArchivePages(FeedArticles.from(articles), feeds.site(), templates,
                editionStore::recentDone);
        routes.add(archivePages);
        routes.add(new PublicPages(renderCache, archivePages, editionPages, subscriberPages, clock));
        AdminGate gate = new AdminGate(accounts, new Sessions(accounts, audit, clock), clients, clock,
                AdminGate.ATTEMPTS_PER_MINUTE);
        Set<String> configuredSources = config.sources().stream().map(Config.SourceConfig::key).collect(Collectors.toSet());
        OutboxDesk outboxDesk = new OutboxDesk(outbox, serverWatch, audit);
        routes.add(new AdminApi(gate, adminActions, articleActions, memberActions, editionDesk, adminStore, articles,
                subscriberChoices, audit, bounceStore, outboxDesk, configuredSources, clock));
        routes.add(new AdminPages(gate, adminActions, memberActions, articleActions, articles, subscriberChoices,
                editionDesk, outboxDesk, adminStore, templates, configuredSources,
                config.site().title(), config.site().language(), config.site().zone(), clock));
        routes.addAll(extra);
        return new WebServer(routes, HttpLimits.DEFAULT, clients);
    }

    /** The latest SMTP error of an edition that is not finished, and when its next retry is due; null when none has one. */
    private Object deliveryTrouble() {
        return deliveries.latestTrouble().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("edition", t.getKey());
            m.put("lastSmtpError", t.getValue().error());
            m.put("lastSmtpErrorAt", t.getValue().at());
            m.put("nextRetryAt", t.getValue().nextRetry());
            return (Object) m;
        }).orElse(null);
    }

    /** The outage of the SMTP server this node waits out (mail waits, no try is lost); null when there is none. */
    private Object smtpOutage() {
        return serverWatch.outage().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("waitingForSmtpServerSince", o.since());
            m.put("lastSmtpError", o.error());
            m.put("failedProbes", o.probes());
            m.put("nextProbeAt", o.nextProbe());
            return (Object) m;
        }).orElse(null);
    }

    /** The outbox when a mail waits in it after an error or one failed for good in the last day; null otherwise. */
    private Object outboxTrouble() {
        Outbox.State s = outbox.state();
        if (!s.troubled()) {
            return null;
        }
        return s.fields();
    }

    private Map<String, Supplier<String>> healthChecks() {
        Map<String, Supplier<String>> checks = new LinkedHashMap<>();
        checks.put("database", () -> {
            try {
                database.jdbc().count("SELECT 1");
                return null;
            } catch (RuntimeException e) {
                return "unreachable: " + e.getMessage();
            }
        });
        checks.put("smtp", () -> mailer.probe().orElse(null));
        if (bounces.configured()) {
            checks.put("bounces", () -> bounces.lastError().map(e -> e + " (the next poll tries again)").orElse(null));
        }
        checks.put("scheduler", schedule::problem);
        return checks;
    }

    /** What the scheduler runs. */
    public Tasks tasks() {
        return new Tasks() {
            @Override
            public boolean collect() {
                CollectReport report = collector.collectAll();
                var log = LoggerFactory.getLogger(Collector.class);
                for (CollectReport.SourceResult source : report.sources()) {
                    if (source.failed() || !source.warnings().isEmpty()) {
                        log.warn("{}{}", source.line(), source.warnings().isEmpty() ? "" : "; " + source.warnings());
                    } else {
                        log.info(source.line());
                    }
                }
                return report.foundNew();
            }

            @Override
            public void send(Cadence cadence) throws InterruptedException {
                try {
                    editions.sendDue(cadence, null, Duration.ofMinutes(5));
                } catch (EditionHeld held) { // not a failure of the job: the admin paused an edition
                    LoggerFactory.getLogger(App.class).warn("scheduled {} send skipped: {}", cadence.id(), held.getMessage());
                }
            }

            @Override
            public void housekeeping() {
                subscriberService.purgeExpired();
                outbox.purge(clock.instant().minus(OUTBOX_KEPT));
            }
        };
    }

    /** For long-running processes: tells the WebSub hub (if configured) whenever the articles change. */
    public void announceFeedChanges() {
        webSub.ifPresent(hub -> feeds.watch(hub::feedsChanged));
    }

    /**
     * For long-running processes: reads the bounce mailbox (when {@code bounce.mailbox} is set)
     * now and every {@code bounce.pollSeconds}; a failure is logged and shown on /health, and the
     * next poll tries again.
     */
    public void pollBounces() {
        if (!bounces.configured() || bouncePolling != null) {
            return;
        }
        bouncePolling = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bounce-poll");
            t.setDaemon(true);
            return t;
        });
        bouncePolling.scheduleWithFixedDelay(() -> {
            try {
                LoggerFactory.getLogger(App.class).info("bounce mailbox: {}", bounces.poll());
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(App.class).warn("bounce mailbox: {}", e.getMessage());
            }
        }, 1, config.bounce().pollSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Winds the work down (a stop): delivery workers and the outbox's sender end after the
     * message in hand, a running collect after the source in hand, a bounce poll after the
     * report in hand.
     */
    public void stopWork() {
        collector.stop();
        bounces.stop();
        runner.stop();
        outboxSender.close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            stopWork();
            scheduledPosts.close();
            searchWords.close();
            if (bouncePolling != null) {
                bouncePolling.shutdownNow();
            }
            editionDesk.close();
            schedule.close();
            feeds.close();
            renderCache.close();
            webSub.ifPresent(WebSubPublisher::close);
            fetcher.close();
            sentMarks.close();
            database.close();
            metrics.close();
        }
    }

    /** What the cached feeds and pages show: articles and the editions that are public. */
    private record SiteVersion(ArticleStore.Version articles, EditionStore.PublicVersion editions) {}

    /** Subscribers as editions see them: only confirmed ones, with their signed links. */
    private final class SubscriberRecipients implements Recipients {
        @Override
        public List<Subscriber> active(Collection<Long> subscriberIds) {
            return subscribers.confirmedAmong(subscriberIds);
        }

        @Override
        public String unsubscribeUrl(Subscriber s) {
            return tokens.unsubscribeUrl(s);
        }

        @Override
        public String unsubscribeMailto(Subscriber s) {
            return mailer.unsubscribeMailto(tokens.unsubscribeUrl(s));
        }

        @Override
        public String preferencesUrl(Subscriber s) {
            return tokens.preferencesUrl(s);
        }
    }
}
