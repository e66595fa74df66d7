package org.rundbrief.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.Installation;

/**
 * A new club's first newsletter: the sources were collected before the members were imported, so
 * a plain send has nothing new; it says why, and {@code --include-recent} sends a first issue once.
 */
class FirstIssueTest {
    static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path dir;
    DigestsWorld world;
    GreenMail smtp;
    Installation inst;

    @BeforeEach
    void setUp() throws Exception {
        world = new DigestsWorld(dir, "");
        smtp = world.smtp;
        inst = world.inst;
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    List<Edition> send(Duration includeRecent) throws InterruptedException {
        return world.send(Cadence.DAILY, includeRecent);
    }

    List<String> digestsOf(String email) {
        return world.digestsOf(email);
    }

    /** Three articles collected over the last days, then the members imported. */
    void articlesCollectedBeforeTheMembersSignedUp() {
        inst.clock.advance(Duration.ofDays(-8));
        inst.article("Zu alt für die erste Ausgabe");
        inst.clock.advance(Duration.ofDays(3));
        inst.article("Jahreshauptversammlung");
        inst.clock.advance(Duration.ofDays(2));
        inst.article("Sommerfest");
        inst.clock.advance(Duration.ofDays(3));
        inst.tick();
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.subscriber("bernd@example.org", Cadence.DAILY);
    }

    @Test
    void aSendWithNothingNewSaysThatTheArticlesAreOlderThanTheSignUpAndHowToSendThem() throws Exception {
        articlesCollectedBeforeTheMembersSignedUp();

        assertThat(send(null)).isEmpty();

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(inst.app.editions.whyNothingNew(Cadence.DAILY, null).explain(Cadence.DAILY)).isEqualTo(
                "Nothing new for daily subscribers; no mail sent: 2 articles are older than the members' sign-up; "
                        + "to send them once, use 'send --cadence daily --include-recent 7d'.");
    }

    @Test
    void theFirstIssueSendsTheRecentArticlesOnceAndTheNextSendsOnlyWhatIsNew() throws Exception {
        articlesCollectedBeforeTheMembersSignedUp();

        assertThat(send(WEEK)).hasSize(1);
        assertThat(send(WEEK)).as("a second first issue finds nothing: they got one").isEmpty();
        inst.article("Neuer Beitrag");
        assertThat(send(null)).hasSize(1);
        assertThat(send(WEEK)).isEmpty();

        for (String member : List.of("anna@example.org", "bernd@example.org")) {
            List<String> digests = digestsOf(member);
            assertThat(digests).hasSize(2);
            assertThat(digests.get(0)).contains("Jahreshauptversammlung", "Sommerfest")
                    .doesNotContain("Zu alt", "Neuer Beitrag");
            assertThat(digests.get(1)).contains("Neuer Beitrag").doesNotContain("Sommerfest", "Jahreshauptversammlung");
        }
        assertThat(inst.app.editions.whyNothingNew(Cadence.DAILY, null).explain(Cadence.DAILY))
                .endsWith("the 3 articles of the last 7 days went out already.");
    }

    @Test
    void aFirstIssueLeavesMembersWhoGotADigestAlone() throws Exception {
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Für Anna");
        send(null);
        inst.subscriber("neu@example.org", Cadence.DAILY);

        assertThat(send(WEEK)).hasSize(1);

        assertThat(digestsOf("anna@example.org")).hasSize(1);
        assertThat(digestsOf("neu@example.org")).singleElement().satisfies(d -> assertThat(d).contains("Für Anna"));
    }

    @Test
    void aFirstIssueFurtherBackThanMaxAgeDaysOrForOneTopicIsRefusedAndChangesNothing() throws Exception {
        articlesCollectedBeforeTheMembersSignedUp();

        assertThatThrownBy(() -> send(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery.maxAgeDays (7)").hasMessageContaining("at most 7d");
        assertThatThrownBy(() -> inst.app.editions.sendDue(Cadence.DAILY, "verein", WEEK, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave out the topic");

        assertThat(inst.app.database.jdbc().count("SELECT COUNT(*) FROM edition")).isZero();
        assertThat(send(null)).isEmpty();
    }

    @Test
    void withoutSubscribersOrArticlesTheReasonSaysSo() throws Exception {
        assertThat(inst.app.editions.whyNothingNew(Cadence.DAILY, null).explain(Cadence.DAILY))
                .isEqualTo("No confirmed daily subscribers; no mail sent.");
        inst.subscriber("anna@example.org", Cadence.DAILY);
        assertThat(inst.app.editions.whyNothingNew(Cadence.DAILY, null).explain(Cadence.DAILY))
                .contains("no article was published in the last 7 days").contains("'collect'");
    }
}
