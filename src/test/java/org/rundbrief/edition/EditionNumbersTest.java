package org.rundbrief.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;

/**
 * Edition numbers count the editions that went out: 1, 2, 3. Sends that found nothing new, sends
 * where the new articles were for nobody, dry runs and previews use up no number.
 */
class EditionNumbersTest {
    @TempDir
    Path dir;
    DigestsWorld world;

    @BeforeEach
    void setUp() throws Exception {
        world = new DigestsWorld(dir, "");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void emptySendsDryRunsAndPreviewsUseUpNoEditionNumber() throws Exception {
        Subscriber anna = world.inst.subscriber("anna@example.org", Cadence.DAILY, "termine");
        for (int edition = 1; edition <= 2; edition++) {
            assertThat(world.send(Cadence.DAILY, null)).as("nothing new").isEmpty();
            world.inst.article("Nur für den Verein", "verein");
            assertThat(world.send(Cadence.DAILY, null)).as("new, but not for Anna's topic").isEmpty();
            world.inst.article("Termin " + edition, "termine");
            world.inst.tick();
            assertThat(world.inst.app.preview.preview(anna)).isPresent();
            assertThat(world.inst.app.editions.dryRun(Cadence.DAILY, null, null)).isEqualTo(1);
            assertThat(world.inst.app.editions.dryRun(Cadence.DAILY, null, Duration.ofDays(7))).isEqualTo(1);

            assertThat(world.send(Cadence.DAILY, null)).extracting(Edition::id).as("edition numbers")
                    .containsExactly((long) edition);
        }
        assertThat(world.digestsOf("anna@example.org")).hasSize(2);
    }
}
