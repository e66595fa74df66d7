package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberExportTest {
    @TempDir
    Path dir;
    SubscriberFixture f;

    @BeforeEach
    void setUp() {
        f = new SubscriberFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void formulaLeadingCellsAreExportedAsTextNotAsFormulas() throws Exception {
        f.service.addConfirmed(f.app.subscriberChoices.subscriber("formel@example.org",
                "=HYPERLINK(\"https://evil.example\",\"Klick\")", "de", List.of("verein"), "weekly"), null);
        f.service.addConfirmed(f.app.subscriberChoices.subscriber("-rechnen@example.org", "+49 Müller", "de",
                List.of("verein"), "weekly"), null);
        StringWriter out = new StringWriter();
        f.app.subscriberExport.csv(out);
        assertThat(out.toString()).contains("'=HYPERLINK(").contains("'-rechnen@example.org").contains("'+49 Müller")
                .doesNotContain(",=HYPERLINK").doesNotContain("\n-rechnen");
    }

    @Test
    void aStopEndsTheExportBeforeTheNextRow() {
        for (String name : List.of("anna", "bert", "cleo")) {
            f.service.addConfirmed(f.app.subscriberChoices.subscriber(name + "@example.org", name, "de",
                    List.of("verein"), "weekly"), null);
        }
        AtomicInteger asked = new AtomicInteger();
        StringWriter out = new StringWriter();

        assertThatThrownBy(() -> f.app.subscriberExport.csv(out, SubscriberExport.Layout.STANDARD, () -> asked.incrementAndGet() > 2))
                .isInstanceOf(CancellationException.class).hasMessage("stopped after 2 rows");
        assertThat(out.toString().lines()).hasSize(3).first().asString().startsWith("email,name");
    }
}
