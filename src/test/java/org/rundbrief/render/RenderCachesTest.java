package org.rundbrief.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.edition.Edition;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.Installation;

/**
 * Regression: the web versions and the sender's frozen editions were kept in maps emptied whole when
 * full, so a crawler walking old web versions (or a burst of small editions) dropped the edition in
 * use too. Now the rarely used ones go and the busy one stays; the caches stay bounded.
 */
class RenderCachesTest {
    @TempDir
    Path dir;
    Installation inst;
    /** Article look-ups per edition: one per render of a web version, one per freezing of an edition. */
    final Map<Long, Integer> lookUps = new HashMap<>();
    /** The edition the next look-up is for (the look-up itself only sees article ids). */
    long working;
    long current;

    @BeforeEach
    void setUp() throws Exception {
        inst = new Installation(dir, 1, ""); // nothing is sent here
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Termin am Samstag");
        current = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
    }

    @AfterEach
    void tearDown() {
        inst.close();
    }

    private ArticlesById counting() {
        return ids -> {
            lookUps.merge(working, 1, Integer::sum);
            return inst.app.articles.byIds(ids);
        };
    }

    private Edition edition(long id) {
        working = id;
        return inst.app.editionStore.byId(id).orElseThrow();
    }

    private long anotherEdition() {
        return inst.app.editionStore.insert(Cadence.WEEKLY, null, Edition.Status.DONE, inst.clock.instant(), inst.clock.instant());
    }

    @Test
    void aCrawlerWalkingOldWebVersionsDoesNotPushOutTheOneReadersOpen() {
        WebVersions versions = new WebVersions(inst.app.editionStore, counting(), inst.app.digests);
        for (int i = 0; i < WebVersions.MAX; i++) {
            versions.html(edition(anotherEdition()));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(versions.html(edition(current))).contains("Termin am Samstag");
        }
        for (int i = 0; i < 3 * WebVersions.MAX; i++) {
            versions.html(edition(anotherEdition()));
        }
        versions.html(edition(current));

        assertThat(lookUps.get(current)).as("renders of the open edition").isEqualTo(1);
        assertThat(versions.pagesKept()).isBetween(WebVersions.MAX / 2L, (long) WebVersions.MAX);
    }

    @Test
    void smallEditionsComingAndGoingDoNotPushOutTheEditionBeingSent() {
        EditionMessages messages = new EditionMessages(inst.app.editionStore, counting(), inst.app.recipients(), inst.app.digests);
        List<DeliveryStore.Due> page = inst.app.deliveries.page(current, 0, 500);
        for (int i = 0; i < EditionMessages.CACHED_EDITIONS; i++) {
            messages.prepare(edition(anotherEdition()).id(), noOne());
        }
        // Busy: read once per page of 500 members, here an edition of some 7,500. (The cache ranks
        // entries by how often each was read. It used to count reads on a pool thread, later, and
        // dropped some when they came fast: in 16 of 400 repeated runs a newcomer outranked it.
        // Now the reading thread counts them, and 0 of 400 runs failed.)
        for (int i = 0; i < 15; i++) {
            assertThat(messages.prepare(edition(current).id(), page)).hasSize(1);
        }
        for (int i = 0; i < 3 * EditionMessages.CACHED_EDITIONS; i++) {
            messages.prepare(edition(anotherEdition()).id(), noOne());
        }
        messages.prepare(edition(current).id(), page);

        assertThat(lookUps.get(current)).as("freezings of the edition being sent").isEqualTo(1);
        assertThat(messages.editionsKept()).isBetween(1L, (long) EditionMessages.CACHED_EDITIONS);
    }

    /** A row of no one: preparing it loads the edition and sends nothing. */
    private static List<DeliveryStore.Due> noOne() {
        return List.of(new DeliveryStore.Due(-1, -1, -1, Instant.EPOCH, 0, "queued", Instant.EPOCH));
    }
}
