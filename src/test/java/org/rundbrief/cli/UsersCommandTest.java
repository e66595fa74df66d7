package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.CommandRun;

/** {@code users ...} as an admin runs it on the server: links and tokens printed once, exit codes. */
class UsersCommandTest {
    @TempDir
    Path dir;
    Path config;
    String out;
    String err;

    @BeforeEach
    void setUp() throws IOException {
        config = dir.resolve("rundbrief.yml");
        Files.writeString(config, "database:\n  url: \"jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=FALSE\"\n"
                + "site:\n  baseUrl: \"https://news.example.org/\"\nsmtp:\n  port: 1\n");
    }

    int run(String... args) {
        CommandRun r = CommandRun.withConfig(config, args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    @Test
    void addPrintsAnInvitationLinkAndListShowsTheUserAsInvited() {
        assertThat(run("users", "add", "Vorstand@Example.org", "--role", "publisher", "--name", "Jörg Groß")).isZero();
        assertThat(out).contains("Send this link to vorstand@example.org").containsPattern(
                "https://news\\.example\\.org/admin/invite/[A-Za-z0-9_-]{43}");
        assertThat(run("users", "list")).isZero();
        assertThat(out).isEqualTo("vorstand@example.org  publisher  invited  Jörg Groß" + System.lineSeparator());

        assertThat(run("users", "reset", "vorstand@example.org")).isZero();
        assertThat(out).contains("/admin/invite/");
        assertThat(run("users", "token", "vorstand@example.org", "--name", "Backup-Skript")).isZero();
        assertThat(out.strip()).matches("rb_[A-Za-z0-9_-]{43}");
        assertThat(run("users", "remove", "vorstand@example.org")).isZero();
        assertThat(run("users", "list")).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void badInputIsRefusedWithExitTwoAndUnknownUsersWithExitOne() {
        assertThat(run("users", "add", "a@example.org", "--role", "chef")).isEqualTo(2);
        assertThat(err).contains("unknown role 'chef' (expected editor, publisher, admin)");
        assertThat(run("users", "add", "kein-at", "--role", "editor")).isEqualTo(2);
        assertThat(run("users", "add", "a@example.org")).isEqualTo(2);
        assertThat(err).contains("--role");
        assertThat(run("users", "remove", "niemand@example.org")).isEqualTo(1);
        assertThat(err).contains("no user niemand@example.org");
        assertThat(run("users", "list")).isZero();
        assertThat(out).isEmpty();
        assertThat(run("users", "add", "a@example.org", "--role", "editor")).isZero();
        assertThat(run("users", "add", "a@example.org", "--role", "admin")).isEqualTo(1);
        assertThat(err).contains("already a user a@example.org");
    }
}
