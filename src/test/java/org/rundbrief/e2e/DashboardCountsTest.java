package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.AdminStore.StatsView;
import org.rundbrief.admin.Role;
import org.rundbrief.admin.Stats;

/**
 * Issue #22: the dashboard counted the whole member list and delivery history on every view
 * (minutes at a million members on H2). On a large list the numbers are the last count, recounted
 * in the background once they are five minutes old; on a small one they are counted on each view.
 */
class DashboardCountsTest extends WithAdminHarness {
    private void add(String email) throws Exception {
        assertThat(h.api("POST", "/api/subscribers", "{\"email\":\"" + email + "\",\"note\":\"Formular\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void onALargeListTheNumbersAreTheLastCountUntilItIsFiveMinutesOldThenRecountedInTheBackground() throws Exception {
        add("eins@example.org");
        AdminStore large = new AdminStore(h.app.database.jdbc(), h.clock, 1);
        Stats first = large.stats(StatsView.DASHBOARD);
        assertThat(first.subscribers()).isEqualTo(1);
        assertThat(first.countedAt()).isEqualTo(h.clock.instant());

        add("zwei@example.org");
        assertThat(large.stats(StatsView.DASHBOARD).subscribers()).as("not recounted yet").isEqualTo(1);
        assertThat(large.subscribersByStatus().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

        h.clock.advance(Duration.ofMinutes(6));
        Stats stale = large.stats(StatsView.DASHBOARD);
        assertThat(stale.subscribers()).as("the stale count answers while the recount runs").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> large.stats(StatsView.DASHBOARD).subscribers() == 2);
        assertThat(large.stats(StatsView.DASHBOARD).countedAt()).isEqualTo(h.clock.instant());
    }

    @Test
    void onASmallListEveryViewCountsAndSaysNoTime() throws Exception {
        add("eins@example.org");
        assertThat(h.app.adminStore.stats(StatsView.API).subscribers()).isEqualTo(1);
        add("zwei@example.org");
        Stats now = h.app.adminStore.stats(StatsView.API);
        assertThat(now.subscribers()).isEqualTo(2);
        assertThat(now.countedAt()).isNull();
        h.user("vorstand@example.org", Role.PUBLISHER, "Vorstand-2026");
        String session = h.login("vorstand@example.org", "Vorstand-2026");
        assertThat(h.page("GET", "/admin", session, null).body()).contains("id=\"count-total\">2<").doesNotContain("counted-at");
    }
}
