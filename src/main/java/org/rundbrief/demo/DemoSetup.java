package org.rundbrief.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lays out a fresh demo installation under {@code ./data/demo}: wipes the previous run (so running
 * the demo twice shows the same thing), writes the sample articles with dates relative to today
 * and a config pointing at them, the embedded SMTP catcher and the H2 file database.
 */
public final class DemoSetup {
    static final List<String> ARTICLES = List.of("fruehjahrsputz.md", "mitgliederversammlung.md",
            "herbstwanderung.md", "open-day.md", "neue-sprechzeiten.md");
    private static final Pattern DAYS_AGO = Pattern.compile("\\{\\{days-ago:(\\d+)}}");

    private final Path dir;

    public DemoSetup(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the demo folder and returns the config file to load. {@code adminToken} is the admin
     * API token and admin page password of this demo run.
     */
    public Path prepare(int smtpPort, int httpPort, ZoneId zone, String adminToken) {
        try {
            wipe();
            Path articles = Files.createDirectories(dir.resolve("articles"));
            LocalDate today = LocalDate.now(zone);
            for (String name : ARTICLES) {
                Files.writeString(articles.resolve(name), withDates(resource("/demo/articles/" + name), today));
            }
            Path config = dir.resolve("rundbrief-demo.yml");
            Files.writeString(config, """
                    # Written by 'rundbrief demo' on every start; edit rundbrief.yml for a real installation.
                    site: { title: "Heimatverein Talblick e.V.", baseUrl: "http://localhost:%d" }
                    database: { url: "jdbc:h2:file:%s" }
                    smtp: { host: 127.0.0.1, port: %d, from: "Heimatverein Talblick <rundbrief@localhost>" }
                    http: { port: %d }
                    security: { adminToken: "%s" }
                    sources:
                      - { type: directory, path: "%s" }
                    """.formatted(httpPort, dir.toAbsolutePath().resolve("rundbrief").toString().replace('\\', '/'),
                    smtpPort, httpPort, adminToken, articles.toAbsolutePath().toString().replace('\\', '/')));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo folder " + dir, e);
        }
    }

    /** The demo member list: subscribers/demo.csv of the working folder, else the copy in the jar. */
    public static InputStream demoSubscribers() throws IOException {
        Path local = Path.of("subscribers", "demo.csv");
        if (Files.exists(local)) {
            return Files.newInputStream(local);
        }
        return DemoSetup.class.getResourceAsStream("/demo/demo.csv");
    }

    static String withDates(String text, LocalDate today) {
        Matcher m = DAYS_AGO.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, today.minusDays(Integer.parseInt(m.group(1))).toString());
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private void wipe() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoSetup.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
