package org.rundbrief.cli;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rundbrief.app.App;
import org.rundbrief.collect.CollectReport;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.demo.DemoSetup;
import org.rundbrief.demo.MailCatcher;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.SubscriberImport;
import org.rundbrief.web.DevMailbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything embedded, with no configuration: try rundbrief in one command.",
                "",
                "Starts fresh in ./data/demo (the previous demo is wiped): an H2 database, an embedded SMTP",
                "server that catches every mail (shown at /dev/mailbox), sample articles dated today and",
                "subscribers/demo.csv. It collects, sends a first digest per cadence, prints the URLs and",
                "serves until Ctrl-C. RUNDBRIEF_HTTP_PORT moves the port (default 8080)."})
public final class DemoCommand implements Callable<Integer> {
    static final Path DIR = Path.of("data", "demo");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Map<String, String> env = System.getenv();
        int httpPort = httpPort(env.get("RUNDBRIEF_HTTP_PORT"));
        MailCatcher catcher = new MailCatcher();
        String adminToken = "demo-" + java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12));
        Path configFile = new DemoSetup(DIR).prepare(catcher.port(), httpPort, java.time.ZoneId.of("Europe/Berlin"),
                adminToken);
        Config config = ConfigLoader.load(configFile, true, Map.of());
        App app = new App(config, Path.of("."), Clock.systemUTC());
        try {
            SubscriberImport.Result imported;
            try (Reader csv = new InputStreamReader(DemoSetup.demoSubscribers(), StandardCharsets.UTF_8)) {
                imported = app.subscriberImport.run(csv,
                        new SubscriberImport.Options(true, "demo members (subscribers/demo.csv)"), SILENT);
            }
            out.printf("Imported %d demo subscribers.%n", imported.imported());
            CollectReport report = app.collector.collectAll();
            out.printf("Collected %d sample articles.%n", report.totalNew());
            for (Cadence cadence : Cadence.values()) {
                app.editions.sendDue(cadence, null, Duration.ofSeconds(10));
            }
            out.printf("Sent the first digests: %d messages caught.%n", catcher.messages().size());
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            catcher.close();
            throw e;
        }
        DevMailbox mailbox = new DevMailbox(catcher, app.templates, config.site().zone(), config.site().language());
        ServeCommand.Running running = ServeCommand.Running.start(app, List.of(mailbox), catcher);
        String base = "http://localhost:" + running.port();
        out.println();
        out.println("rundbrief demo is running. Open:");
        out.println("  Mailbox (caught mails) " + base + "/dev/mailbox");
        out.println("  Archive                " + base + "/");
        out.println("  Subscribe form         " + base + "/subscribe");
        out.println("  Feeds                  " + base + "/feed.atom  " + base + "/feed.rss  " + base + "/feed.json");
        out.println("  Admin                  " + base + "/admin  (password: " + adminToken + ")");
        out.println("  Health                 " + base + "/health");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        running.awaitShutdown();
        return 0;
    }

    private static int httpPort(String env) {
        if (env == null || env.isBlank()) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(env.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new org.rundbrief.config.ConfigException("key 'http.port' (from RUNDBRIEF_HTTP_PORT): '" + env
                    + "' is not a port number 0-65535");
        }
    }

    private static final SubscriberImport.Listener SILENT = new SubscriberImport.Listener() {
        @Override
        public void rejected(long line, InvalidInput why) {
            throw new IllegalStateException("subscribers/demo.csv line " + line + ": " + why.getMessage());
        }

        @Override
        public void progress(long rows) {
        }
    };
}
