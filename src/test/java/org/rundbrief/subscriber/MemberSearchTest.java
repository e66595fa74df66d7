package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.mail.EmailAddress;

/**
 * The member search through the word index (issue #22): a member is found when each word of the
 * term begins one of their words, whether the catch-up has written their words yet or not. Runs on
 * H2 and, with the postgresql profile, on PostgreSQL.
 */
class MemberSearchTest extends WithSubscriberFixture {
    private Subscriber grete;

    private Subscriber add(String email, String name) {
        return f.service.addConfirmed(f.app.subscriberChoices.subscriber(email, name, "de", List.of(), "weekly"), "Liste");
    }

    private List<String> found(String term) {
        return f.app.adminStore.membersAfter(term, null, 0, 50).stream().map(AdminStore.MemberRow::email).toList();
    }

    private void members() {
        grete = add("grete.koehler@gartenfreunde-süd.de", "Grete Köhler");
        add("grete.meier@example.org", "Grete Meier");
        add("hans.koehler@example.org", "Hans Köhlerer");
        add("ohlerich@example.net", null);
    }

    private long words(String sql, Object... params) {
        return f.app.database.jdbc().count(sql, params);
    }

    private void termsFindTheirMembers() {
        assertThat(found("köh")).containsExactly("grete.koehler@gartenfreunde-süd.de", "hans.koehler@example.org");
        assertThat(found("Grete KÖH")).containsExactly("grete.koehler@gartenfreunde-süd.de");
        assertThat(found("köh grete")).containsExactly("grete.koehler@gartenfreunde-süd.de");
        assertThat(found("gartenfreunde")).containsExactly("grete.koehler@gartenfreunde-süd.de");
        assertThat(found("süd.de")).containsExactly("grete.koehler@gartenfreunde-süd.de");
        assertThat(found("ohler")).containsExactly("ohlerich@example.net"); // the beginning of a word only
        assertThat(found("grete xyz")).isEmpty();
        assertThat(found("100%_")).isEmpty(); // LIKE's wildcards are no wildcards here
        assertThat(f.app.adminStore.countMembers("grete", null)).isEqualTo(2);
        assertThat(f.app.adminStore.countMembers("grete", Subscriber.Status.PENDING)).isZero();
        assertThat(f.app.adminStore.countMembers("", null)).isEqualTo(4);
        assertThat(found("")).hasSize(4);
    }

    @Test
    void aNamePrefixADomainAndTwoWordsFindTheirMembersAndTheMiddleOfAWordDoesNot() {
        members();
        assertThat(words("SELECT COUNT(*) FROM subscriber_word")).as("added members wait for the catch-up").isZero();
        termsFindTheirMembers(); // from the list: every member is above the mark

        assertThat(f.app.searchWords.catchUp()).isEqualTo(4);
        assertThat(words("SELECT COUNT(*) FROM subscriber_word WHERE subscriber_id = ?", grete.id())).isEqualTo(6);
        termsFindTheirMembers(); // from the word index
        assertThat(f.app.searchWords.catchUp()).isZero();

        add("grete.quast@example.org", "Grete Quast"); // above the mark again: found beside those of the index
        assertThat(found("grete")).containsExactly("grete.koehler@gartenfreunde-süd.de", "grete.meier@example.org",
                "grete.quast@example.org");
        assertThat(found("quast")).containsExactly("grete.quast@example.org");
        assertThat(f.app.adminStore.membersAfter("grete", null, grete.id(), 1)).extracting(AdminStore.MemberRow::email)
                .containsExactly("grete.meier@example.org");
    }

    @Test
    void aWholeAddressFindsThatMemberAloneAndAnAddressNobodyHasSearchesItsWords() {
        members();
        assertThat(found("Grete.Koehler@gartenfreunde-süd.de")).containsExactly("grete.koehler@gartenfreunde-süd.de");
        assertThat(found("grete@example.org")).containsExactly("grete.meier@example.org");
    }

    @Test
    void theWordsFollowAnAddressChangeAndANameChange() {
        members();
        f.app.searchWords.catchUp();
        var now = f.clock.instant();
        f.app.subscribers.updateEmail(grete.id(), EmailAddress.parse("grete@kleingarten.example"), now,
                Actor.ADMIN.consent("email_changed"));
        f.app.subscribers.updateProfile(grete.id(), "Grete Schulze", grete.cadence(), "de", List.of(), now,
                Actor.ADMIN.consent("preferences_changed"));
        assertThat(found("gartenfreunde")).isEmpty();
        assertThat(found("köhler")).containsExactly("hans.koehler@example.org");
        assertThat(found("kleingarten")).containsExactly("grete@kleingarten.example");
        assertThat(found("grete schul")).containsExactly("grete@kleingarten.example");
        assertThat(f.app.database.jdbc().list("SELECT word FROM subscriber_word WHERE subscriber_id = ? ORDER BY word",
                rs -> rs.getString(1), grete.id())).containsExactly("example", "grete", "kleingarten", "schulze");
    }

    @Test
    void afterForgetNoWordOfTheErasedMemberIsLeft() {
        members();
        f.app.searchWords.catchUp();
        assertThat(f.service.forget(grete.email(), Actor.ADMIN)).isTrue();
        assertThat(f.app.database.jdbc().count("SELECT COUNT(*) FROM subscriber_word WHERE subscriber_id = ?", grete.id())).isZero();
        assertThat(f.app.database.jdbc().count("SELECT COUNT(*) FROM subscriber_word WHERE word LIKE '%gartenfreunde%'"
                + " OR word LIKE '%grete.koehler%'")).isZero();
        assertThat(found("gartenfreunde")).isEmpty();
    }

    /** serve starts the catch-up: the words of a member who subscribes come within seconds. */
    @Test
    void theStartedCatchUpWritesANewMembersWords() {
        members();
        f.app.searchWords.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> words("SELECT COUNT(*) FROM subscriber_word WHERE subscriber_id = ?", grete.id()) == 6);
        Subscriber paula = add("paula.pech@example.org", "Paula Pech");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> words("SELECT COUNT(*) FROM subscriber_word WHERE subscriber_id = ?", paula.id()) == 4);
    }

    /** subscriber_word has no foreign key: the purge deletes the words of exactly the members it deletes. */
    @Test
    void purgedPendingMembersLeaveNoWordsAndTheOthersKeepTheirs() {
        members();
        Actor form = new Actor(Origin.FORM, "192.0.2.7", "Mozilla/5.0 Test");
        f.service.subscribe(f.app.subscriberChoices.subscriber("lotte.quandt@example.org", "Lotte Quandt", "de", List.of(), "weekly"), form);
        f.mailbox.to("lotte.quandt@example.org"); // the confirmation mail goes out
        long lotte = f.stored("lotte.quandt@example.org").id();
        f.app.searchWords.catchUp();
        f.clock.advance(Duration.ofDays(SubscriberService.PENDING_DAYS + 1));
        long words = f.app.database.jdbc().count("SELECT COUNT(*) FROM subscriber_word");

        assertThat(f.service.purgeExpired()).isEqualTo(1);
        assertThat(f.app.database.jdbc().count("SELECT COUNT(*) FROM subscriber_word WHERE subscriber_id = ?", lotte)).isZero();
        assertThat(f.app.database.jdbc().count("SELECT COUNT(*) FROM subscriber_word")).isEqualTo(words - 4); // lotte, quandt, example, org
        assertThat(found("quandt")).isEmpty();
        assertThat(found("grete")).hasSize(2);
    }

    @Test
    void importedMembersAreFoundAndACommonWordPagesThroughTheListInIdOrder() {
        StringBuilder csv = new StringBuilder("email,name\n");
        int members = 2100; // more than AdminStore.FEW: "verein" and "mitglied" begin more index entries than it
        for (int i = 1; i <= members; i++) {
            csv.append("m").append(i).append("@verein.example,Mitglied Nummer ").append(i).append('\n');
        }
        csv.append("ilse.quast@verein.example,Ilse Quast\n");
        var result = f.importer.run(new StringReader(csv.toString()), new SubscriberImport.Options(true, "Liste"),
                new SubscriberImport.Listener() {
                    public void rejected(long line, InvalidInput why) {}

                    public void progress(long rows) {}
                });
        assertThat(result.imported()).isEqualTo(members + 1);
        assertThat(found("quast")).as("above the mark, from the list").containsExactly("ilse.quast@verein.example");
        assertThat(f.app.searchWords.catchUp()).isEqualTo(members + 1);

        assertThat(found("quast")).containsExactly("ilse.quast@verein.example");
        assertThat(found("verein quast")).containsExactly("ilse.quast@verein.example"); // the rare word leads
        assertThat(found("nummer 1234")).containsExactly("m1234@verein.example");
        // every word of "mitglied verein" begins more entries than the index is read for: the list is read in id order
        List<String> seen = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 3; page++) {
            List<AdminStore.MemberRow> rows = f.app.adminStore.membersAfter("mitglied verein", null, after, 50);
            assertThat(rows).hasSize(50);
            rows.forEach(r -> seen.add(r.email()));
            after = rows.get(rows.size() - 1).id();
        }
        assertThat(seen).doesNotHaveDuplicates().startsWith("m1@verein.example", "m2@verein.example").contains("m150@verein.example");
        assertThat(f.app.adminStore.countMembers("verein", null)).isEqualTo(members + 1);
        assertThat(f.app.adminStore.countMembers("nummer 12", null)).isEqualTo(111); // 12, 120–129, 1200–1299
    }
}
