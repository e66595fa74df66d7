package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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
 * Where a pass over an edition starts ({@code first-due}): the first due row outside the live
 * leases of other senders. A second node looks for it when it joins an edition that has just been
 * planned, before PostgreSQL's statistics know the edition's rows: PostgreSQL then estimated one
 * row and read the edition's leases again for every row (17.6 s for 100,000 rows with 400 leases,
 * most of what made two nodes slower than one).
 */
class FirstDueTest {
    private static final int MEMBERS = 200;
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
    void theFirstDueRowIsTheFirstOutsideOtherSendersLiveLeases() {
        long edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
        List<DeliveryStore.Due> rows = store.page(edition, 0, MEMBERS);
        long first = rows.get(0).id();
        assertThat(store.firstDue(edition, "")).contains(first);

        List<DeliveryStore.Due> firstBlocks = rows.stream().filter(r -> r.id() / DeliveryStore.BLOCK <= first / DeliveryStore.BLOCK + 1).toList();
        store.lease(edition, "other-node", firstBlocks, inst.clock.instant().plusSeconds(60));
        long afterThem = rows.get(firstBlocks.size()).id();
        assertThat(store.firstDue(edition, "")).as("another node holds the first two blocks").contains(afterThem);
        assertThat(store.firstDue(edition, "other-node")).as("its own leases do not hold it back").contains(first);

        inst.clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(store.firstDue(edition, "")).as("a lease that ran out holds nothing").contains(first);
    }

    @Test
    void onPostgresTheLeasesAreReadOnceWhateverTheStatisticsSay() throws Exception {
        Assumptions.assumeTrue(jdbc.postgres(), "the plan is PostgreSQL's");
        jdbc.update("ANALYZE delivery"); // statistics from before the edition: PostgreSQL expects none of its rows
        jdbc.update("ANALYZE delivery_lease");
        long edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
        List<DeliveryStore.Due> rows = store.page(edition, 0, MEMBERS);
        store.lease(edition, "other-node", rows.subList(0, MEMBERS / 2), inst.clock.instant().plusSeconds(60));

        String sql = Queries.load("/sql/delivery.sql").get("first-due");
        String plan = jdbc.one("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, rs -> rs.getString(1),
                store.firstDueParameters(edition, "")).orElseThrow();
        List<JsonNode> leaseScans = new ArrayList<>();
        scansOf("delivery_lease", new ObjectMapper().readTree(plan).get(0).get("Plan"), leaseScans);
        assertThat(leaseScans).as(plan).isNotEmpty()
                .allSatisfy(scan -> assertThat(scan.get("Actual Loops").asLong()).as(plan).isEqualTo(1));
        long lastLeased = rows.get(MEMBERS / 2 - 1).id() / DeliveryStore.BLOCK;
        assertThat(store.firstDue(edition, "")).contains(rows.stream().filter(r -> r.id() / DeliveryStore.BLOCK > lastLeased)
                .findFirst().orElseThrow().id());
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
