package org.rundbrief.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.article.Article;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Consent;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.Installation;

/**
 * The sender picks each row's articles itself (watermark and topics) when no topic edition shares
 * the edition's articles; the database's query ({@link EditionStore#newArticles}) is the rule's
 * reference. Random members, topics and watermarks, with changes after planning, must give the same
 * digests both ways.
 */
class NewArticlesOfAPageTest {
    private static final List<String> TOPICS = List.of("termine", "verein", "sport");

    @TempDir
    Path dir;
    Installation inst;

    @BeforeEach
    void setUp() throws Exception {
        inst = new Installation(dir, 2525, "");
    }

    @AfterEach
    void tearDown() {
        inst.close();
    }

    private static String[] someTopics(Random random) {
        return TOPICS.stream().filter(t -> random.nextInt(3) == 0).toArray(String[]::new);
    }

    @Test
    void theSendersDigestsAreTheDatabasesForRandomMembersTopicsAndWatermarks() {
        Random random = new Random(20261207);
        List<Subscriber> members = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            members.add(inst.subscriber("mitglied" + i + "@example.org", Cadence.DAILY, someTopics(random)));
        }
        List<Instant> collected = new ArrayList<>(List.of(inst.clock.instant()));
        for (int j = 0; j < 8; j++) {
            inst.tick();
            inst.article("Beitrag Nr. " + j + " – „Vereinsleben“", someTopics(random));
            collected.add(inst.clock.instant());
        }
        for (Subscriber m : members) { // watermarks at, before and between the articles' times
            inst.app.database.jdbc().update("UPDATE subscriber SET delivered_until = ? WHERE id = ?",
                    collected.get(random.nextInt(collected.size() - 1)), m.id());
        }
        inst.tick();
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        inst.tick();
        for (Subscriber m : members.subList(0, 15)) { // after planning: new topics, or gone
            if (random.nextBoolean()) {
                inst.app.subscribers.updateProfile(m.id(), m.name(), Cadence.DAILY, "de", List.of(someTopics(random)),
                        inst.clock.instant(), Consent.of("preferences", Origin.ADMIN));
            } else {
                inst.app.subscribers.unsubscribe(m.id(), inst.clock.instant(), Consent.of("unsubscribe", Origin.ADMIN));
            }
        }
        List<DeliveryStore.Due> rows = inst.app.deliveries.page(edition.id(), 0, 500);
        EditionMessages messages = new EditionMessages(inst.app.editionStore, inst.app.articles::byIds,
                inst.app.recipients(), inst.app.digests);
        assertThat(inst.app.editionStore.sharesTopicEditions(edition.id())).isFalse();

        Map<Long, List<Long>> senders = new LinkedHashMap<>();
        for (EditionMessages.Digest d : messages.digests(edition.id(), rows)) {
            senders.put(d.deliveryId(), d.articles().stream().map(Article::id).toList());
        }
        Set<Long> active = new HashSet<>();
        inst.app.recipients().active(rows.stream().map(DeliveryStore.Due::subscriberId).toList())
                .forEach(s -> active.add(s.id()));
        Map<Long, List<Long>> databases = new LinkedHashMap<>();
        for (EditionStore.NewArticles n : inst.app.editionStore.newArticles(edition.id(),
                rows.stream().map(DeliveryStore.Due::id).toList())) {
            if (active.contains(n.subscriberId())) {
                databases.put(n.deliveryId(), n.articleIds());
            }
        }

        assertThat(rows).as("most members have something new").hasSizeGreaterThan(30);
        assertThat(databases.size()).as("some left or lost their topics after planning").isLessThan(rows.size());
        assertThat(new HashSet<>(databases.values())).as("digests of many shapes").hasSizeGreaterThan(10);
        assertThat(senders).containsExactlyEntriesOf(databases);
    }

    @Test
    void aTopicEditionHoldingAnArticleMakesThePageAskTheDatabase() {
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Termin am Samstag", "termine");
        inst.article("Vereinsfest mit Grillen", "verein");
        inst.tick();
        inst.app.editions.plan(Cadence.DAILY, "termine").orElseThrow(); // queued there counts as sent there
        Edition regular = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        EditionMessages messages = new EditionMessages(inst.app.editionStore, inst.app.articles::byIds,
                inst.app.recipients(), inst.app.digests);

        assertThat(inst.app.editionStore.sharesTopicEditions(regular.id())).isTrue();
        assertThat(messages.digests(regular.id(), inst.app.deliveries.page(regular.id(), 0, 500)))
                .singleElement().satisfies(d -> assertThat(d.articles()).extracting(Article::title)
                        .as("sent in the topic edition already").containsExactly("Vereinsfest mit Grillen"));
    }
}
