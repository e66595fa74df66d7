package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.TestDatabase;

/** {@code rundbrief templates check} against a user's templates/ folder next to the config. */
class TemplatesCheckTest {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = Files.writeString(dir.resolve("rundbrief.yml"),
                TestDatabase.yaml(dir) + "\n");
    }

    private Path override(String name, String content) throws Exception {
        Path file = dir.resolve("templates").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void theBuiltInTemplatesPass() {
        CommandRun run = Fixtures.cli("templates", "check", "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Templates OK (built-in templates only)");
    }

    @Test
    void aValidOverrideIsParsedAndNamed() throws Exception {
        override("web/article.html.ftl", "<#-- Vereinslayout -->\n<p>${title!\"Ärger über „Anführungszeichen“\"}</p>\n");
        CommandRun run = Fixtures.cli("templates", "check", "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 of yours: web/article.html.ftl");
    }

    @Test
    void aSyntaxErrorInAWebPageOverrideNamesTheFileAndLineAndChangesNothing() throws Exception {
        Path broken = override("web/article.html.ftl", "<p>Titel</p>\n<#if title>\n<p>kein Ende</p>\n");
        CommandRun run = Fixtures.cli("templates", "check", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("web/article.html.ftl").containsPattern("line \\d+");
        assertThat(Files.readString(broken)).isEqualTo("<p>Titel</p>\n<#if title>\n<p>kein Ende</p>\n");
    }

    @Test
    void aDigestOverrideUsingAnUnknownVariableFailsBeforeAnySend() throws Exception {
        override("email/digest-subject.txt.ftl", "${edition.nummer} neue Beiträge");
        CommandRun run = Fixtures.cli("templates", "check", "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("email/digest-subject.txt.ftl").contains("nummer");
    }
}
