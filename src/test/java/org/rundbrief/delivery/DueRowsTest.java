package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.Installation;

/**
 * The two looks at an edition's rows at the end of a pass: where the next pass starts
 * ({@code first-due}: the first due row outside the live leases of other senders) and when the
 * next row falls due ({@code next-due}). A second node makes them while another node holds leases,
 * and it joins an edition just planned, before PostgreSQL's statistics know the edition's rows:
 * PostgreSQL then expected one row and read all the edition's leases again for every row (17.6 s
 * for one {@code first-due} at 100,000 rows and 400 leases, most of what made two nodes slower than
 * one).
 */
class DueRowsTest {
    private static final int MEMBERS = 200;
    private static final Queries SQL = Queries.load("/sql/delivery.sql");
    @TempDir
    Path dir;
    Installation inst;
    DeliveryStore store;
    Jdbc jdbc;

    @BeforeEach
    void setUp() throws Exception {
        inst = new Installation(dir, 1, "");
        store = inst.app.deliveries;
        jdbc = inst.app.database.jdbc();
        for (int i = 0; i < MEMBERS; i++) {
            inst.subscriber("mitglied" + i + "@example.org", Cadence.DAILY);
        }
        inst.tick();
        inst.article("Sommerfest am Baggersee");
    }

    @AfterEach
    void tearDown() {
        inst.close();
    }

    @Test
    void aPassStartsAtTheFirstRowOutsideOtherSendersLiveLeasesAndWaitsForTheirEnd() {
        long edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
        List<DeliveryStore.Due> rows = store.page(edition, 0, MEMBERS);
        long first = rows.get(0).id();
        assertThat(store.firstDue(edition, "")).contains(first);

        List<DeliveryStore.Due> firstBlocks = rows.stream()
                .filter(r -> r.id() / DeliveryStore.BLOCK <= first / DeliveryStore.BLOCK + 1).toList();
        Instant leaseEnd = inst.clock.instant().plusSeconds(60);
        store.lease(edition, "other-node", firstBlocks, leaseEnd);
        assertThat(store.firstDue(edition, "")).as("another node holds the first two blocks")
                .contains(rows.get(firstBlocks.size()).id());
        assertThat(store.firstDue(edition, "other-node")).as("its own leases do not hold it back").contains(first);

        store.lease(edition, "other-node", rows, leaseEnd);
        assertThat(store.firstDue(edition, "")).as("another node holds every row").isEmpty();
        assertThat(store.nextDue(edition, "")).as("due when its leases end").contains(leaseEnd);
        assertThat(store.nextDue(edition, "other-node")).get().as("due now for the node that holds them")
                .matches(at -> !at.isAfter(inst.clock.instant()));

        inst.clock.advance(Duration.ofSeconds(61));
        assertThat(store.firstDue(edition, "")).as("a lease that ran out holds nothing").contains(first);
    }

    @Test
    void onPostgresEveryLookReadsEachLeaseOnceWhateverTheStatisticsSay() throws Exception {
        Assumptions.assumeTrue(jdbc.postgres(), "the plans are PostgreSQL's");
        jdbc.update("ANALYZE delivery"); // statistics from before the edition: PostgreSQL expects none of its rows
        jdbc.update("ANALYZE delivery_lease");
        long edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
        List<DeliveryStore.Due> rows = store.page(edition, 0, MEMBERS);
        store.lease(edition, "other-node", rows.subList(0, MEMBERS / 2), inst.clock.instant().plusSeconds(60));

        assertThat(leaseScans("first-due", store.firstDueParameters(edition, ""))).as("first-due")
                .allSatisfy(scan -> assertThat(scan.get("Actual Loops").asLong()).as("%s", scan).isEqualTo(1));
        assertThat(leaseScans("next-due", store.nextDueParameters(edition, ""))).as("next-due")
                .allSatisfy(scan -> assertThat(scan.get("Actual Rows").asDouble()).as("leases per look-up: %s", scan)
                        .isLessThanOrEqualTo(1));
        long lastLeased = rows.get(MEMBERS / 2 - 1).id() / DeliveryStore.BLOCK;
        assertThat(store.firstDue(edition, "")).contains(rows.stream()
                .filter(r -> r.id() / DeliveryStore.BLOCK > lastLeased).findFirst().orElseThrow().id());
    }

    /** The scans of delivery_lease in the executed plan of a named query; at least one. */
    private List<JsonNode> leaseScans(String query, Object[] parameters) throws Exception {
        String plan = jdbc.one("EXPLAIN (ANALYZE, FORMAT JSON) " + SQL.get(query), rs -> rs.getString(1), parameters)
                .orElseThrow();
        List<JsonNode> scans = new ArrayList<>();
        scansOf("delivery_lease", new ObjectMapper().readTree(plan).get(0).get("Plan"), scans);
        assertThat(scans).as(plan).isNotEmpty();
        return scans;
    }

    private static void scansOf(String table, JsonNode node, List<JsonNode> into) {
        if (table.equals(node.path("Relation Name").asText())) {
            into.add(node);
        }
        for (JsonNode child : node.path("Plans")) {
            scansOf(table, child, into);
        }
    }
}
