package org.rundbrief.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rundbrief.Main;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("rundbrief.yml");
        Files.writeString(file, text);
        return file;
    }

    @Nested
    class Defaults {
        @Test
        void missingDefaultFileMeansBuiltInDefaults() {
            Config c = ConfigLoader.load(dir.resolve("absent.yml"), false, Map.of());
            assertThat(c.http().port()).isEqualTo(8080);
            assertThat(c.site().timezone()).isEqualTo("Europe/Berlin");
            assertThat(c.topics()).extracting(Config.Topic::id).contains("verein", "termine");
            assertThat(c.topics().get(0).label("de")).isEqualTo("Vereinsleben");
        }

        @Test
        void missingExplicitFileIsAnError() {
            assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yml"), true, Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yml").hasMessageContaining("does not exist");
        }
    }

    @Nested
    class Overrides {
        @Test
        void fileValuesOverrideDefaultsAndKeepTheRest() throws Exception {
            Config c = ConfigLoader.load(yaml("smtp: { port: 2525 }\nsite: { title: \"Chor „Harmonie“ – München\" }\n"), true, Map.of());
            assertThat(c.smtp().port()).isEqualTo(2525);
            assertThat(c.smtp().host()).isEqualTo("localhost");
            assertThat(c.site().title()).isEqualTo("Chor „Harmonie“ – München");
        }

        @Test
        void environmentOverridesFileInBothSpellings() throws Exception {
            Config c = ConfigLoader.load(yaml("smtp: { port: 2525 }\n"), true,
                    Map.of("RUNDBRIEF_SMTP_PORT", "2626", "RUNDBRIEF_SMTP_RATE_PER_SECOND", "12.5", "PATH", "/bin"));
            assertThat(c.smtp().port()).isEqualTo(2626);
            assertThat(c.smtp().ratePerSecond()).isEqualTo(12.5);
        }

        @Test
        void aBadBounceOrDkimSettingNamesItsKey() throws Exception {
            assertThatThrownBy(() -> ConfigLoader.load(yaml("bounce: { address: \"Verein <bounces@example.org>\" }"), true,
                    Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("key 'bounce.address'");
            assertThatThrownBy(() -> ConfigLoader.load(yaml("bounce: { mailbox: { protocol: smtp, host: x, username: u } }"),
                    true, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("key 'bounce.mailbox.protocol'");
            assertThatThrownBy(() -> ConfigLoader.load(yaml("dkim: { domain: example.org }"), true, Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("key 'dkim.selector'");
            assertThatThrownBy(() -> ConfigLoader.load(yaml("dkim: { domain: example.org, selector: rb, privateKeyFile: k.pem,"
                    + " ed25519KeyFile: e.pem, ed25519Selector: rb }"), true, Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("key 'dkim.ed25519Selector'")
                    .hasMessageContaining("one DNS name holds one key");
        }

        @Test
        void environmentWithBadNumberNamesKeyAndVariable() throws Exception {
            assertThatThrownBy(() -> ConfigLoader.load(yaml(""), true, Map.of("RUNDBRIEF_HTTP_PORT", "eighty")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("http.port").hasMessageContaining("RUNDBRIEF_HTTP_PORT");
        }

        /** Regression: the variable names were upper-cased in the default locale; Turkish made SITE into SİTE. */
        @Test
        void environmentOverridesUnderATurkishDefaultLocale() throws Exception {
            Locale before = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            try {
                Config c = ConfigLoader.load(yaml(""), true, Map.of("RUNDBRIEF_SITE_TITLE", "Verein", "RUNDBRIEF_SMTP_PORT", "2626"));
                assertThat(c.site().title()).isEqualTo("Verein");
                assertThat(c.smtp().port()).isEqualTo(2626);
            } finally {
                Locale.setDefault(before);
            }
        }

        /** Regression: the log level variable was refused as "matches no config key", so it could not be used. */
        @Test
        void theLogLevelVariableIsNoConfigKey() throws Exception {
            Config c = ConfigLoader.load(yaml(""), true, Map.of("RUNDBRIEF_LOG_LEVEL", "debug", "RUNDBRIEF_SMTP_PORT", "2626"));
            assertThat(c.smtp().port()).isEqualTo(2626);
        }

        @Test
        void unknownEnvironmentVariableIsNamed() {
            assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("RUNDBRIEF_SMTP_PROT", "25")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("RUNDBRIEF_SMTP_PROT");
        }
    }

    @ParameterizedTest(name = "{0} → names {1}")
    @CsvSource(delimiter = '|', value = {
            "smtp: { prot: 25 }|smtp.prot",
            "http: { port: 70000 }|http.port",
            "http: { port: abc }|http.port",
            "site: { baseUrl: 'not a url' }|site.baseUrl",
            "site: { timezone: Mars/Olympus }|site.timezone",
            "schedule: { daily: 'every morning' }|schedule.daily",
            "smtp: { security: ssl }|smtp.security",
            "smtp: { from: 'nobody' }|smtp.from",
            "sources: [ { type: feed } ]|sources[0].url",
            "sources: [ { type: feed, url: 'ftp://x.org/f' } ]|sources[0].url",
            "sources: [ { type: html, url: 'https://x.org/' } ]|sources[0].item",
            "sources: [ { type: feed, url: 'https://x.org/f', topics: [sport] } ]|sources[0].topics",
            "sources: [ { type: feed, url: 'https://x.org/f', colour: red } ]|colour",
            "database: { url: 'jdbc:mysql://x' }|database.url",
            "delivery: { maxItems: 0 }|delivery.maxItems",
            "topics: [ { id: 'Bad Id' } ]|topics[0].id",
            "security: { adminToken: a }|security.adminToken",
            "http: { bind: 'alle' }|http.bind",
            "security: { adminToken: 'only-23-characters-long' }|at least 24",
    })
    void badValueNamesTheKey(String yamlText, String key) throws Exception {
        Path file = yaml(yamlText);
        assertThatThrownBy(() -> ConfigLoader.load(file, true, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    void brokenYamlNamesFileAndLine() throws Exception {
        Path file = yaml("site:\n  title: \"open\n  baseUrl: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, true, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rundbrief.yml").hasMessageContaining("line");
    }

    @Test
    void cliExitsWithTwoAndOneLineNamingTheKey() throws Exception {
        Path file = yaml("http: { port: 99999 }\n");
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"collect", "--config", file.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("http.port").contains("between 0 and 65535").doesNotContain("Exception");
        assertThat(Files.list(dir)).containsExactly(file); // nothing created: no database was opened
    }
}
