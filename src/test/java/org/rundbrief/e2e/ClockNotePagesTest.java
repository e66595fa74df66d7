package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.TestDatabase;

/**
 * The dashboard's warning of a machine clock that is off the database's. On PostgreSQL the nodes
 * send by the database's time, but the schedule's cluster reads each machine's own clock, so the
 * office sees there what the log and {@code /health} say. On H2 the machine's clock is the time and
 * there is nothing to warn of.
 */
class ClockNotePagesTest {
    @TempDir
    Path dir;

    @Test
    void aMachineClockThreeMinutesAheadIsOnTheDashboard() throws Exception {
        try (AdminHarness h = AdminHarness.onMachineClock(dir, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)))) {
            String dashboard = dashboard(h);
            if (TestDatabase.postgres()) {
                assertThat(dashboard).contains("id=\"clock-note\"")
                        .contains("Die Uhr dieses Servers geht gegenüber der Datenbank 3 Minuten vor.")
                        .contains("NTP, z. B. mit systemd-timesyncd oder chrony");
                assertThat(h.call("GET", "/health", null, null).body()).contains("this machine's clock is 180 s ahead of the database's");
            } else {
                assertThat(dashboard).as("on H2 the machine's clock is the time").doesNotContain("clock-note");
            }
        }
    }

    @Test
    void aMachineClockDaysBehindIsSaidInDays() throws Exception {
        try (AdminHarness h = AdminHarness.onMachineClock(dir, Clock.offset(Clock.systemUTC(), Duration.ofHours(-53)))) {
            String dashboard = dashboard(h);
            if (TestDatabase.postgres()) {
                assertThat(dashboard).contains("Die Uhr dieses Servers geht gegenüber der Datenbank 2 Tage nach.");
            } else {
                assertThat(dashboard).doesNotContain("clock-note");
            }
        }
    }

    @Test
    void aMachineClockThatAgreesWithTheDatabasesShowsNothing() throws Exception {
        try (AdminHarness h = AdminHarness.onMachineClock(dir, Clock.systemUTC())) {
            assertThat(dashboard(h)).doesNotContain("clock-note");
        }
    }

    private static String dashboard(AdminHarness h) throws Exception {
        AdminHarness.Page page = h.page("GET", "/admin", h.login("", AdminHarness.TOKEN), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).as("the dashboard, with its schedule").contains("Zeitplan");
        return page.body();
    }
}
