package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.Role;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Actor;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberService;

/**
 * A volunteer has a member's page open while the member changes their own choices (or another
 * volunteer saves): her save must not undo that change unseen. It is refused (409), the form shows
 * what is stored now and the consent log below what changed; saving from that form works.
 */
class ConcurrentMemberEditsTest extends SignedInAdmin {
    private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"([0-9a-f]+)\"");
    private Subscriber grete;

    ConcurrentMemberEditsTest() {
        super("vorstand@example.org", Role.PUBLISHER, "Vorstand-2026");
    }

    @BeforeEach
    void aMember() {
        grete = h.app.subscriberService.addConfirmed(new NewSubscriber(EmailAddress.parse("grete@example.org"), "Grete Köhler",
                Cadence.DAILY, "de", List.of("verein")), "Aufnahmeantrag");
    }

    @Test
    void aSaveOnAPageOpenedBeforeTheMemberChangedTheirCadenceIsRefusedAndTheMembersChoiceStands() throws Exception {
        String page = h.page("GET", "/admin/subscribers/" + grete.id(), session, null).body();

        // meanwhile Grete follows her preferences link and chooses the weekly digest
        String token = h.app.tokens.preferencesUrl(grete).substring(h.app.tokens.preferencesUrl(grete).lastIndexOf('/') + 1);
        assertThat(h.app.subscriberService.updatePreferences(token, new NewSubscriber(grete.email(), "Grete Köhler",
                Cadence.WEEKLY, "de", List.of("verein")), new Actor(Origin.FORM, "192.0.2.7", "Test")))
                .isEqualTo(SubscriberService.Outcome.DONE);

        AdminHarness.Page refused = h.page("POST", "/admin/subscribers/" + grete.id(), session, form("csrf", csrf(page),
                "revision", revision(page), "name", "Grete Köhler-Schmidt", "language", "de", "cadence", "daily", "topics", "verein"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("wurden geändert, nachdem Sie die Seite geöffnet hatten")
                .contains("Einstellungen geändert");
        Subscriber stored = h.app.subscribers.byId(grete.id()).orElseThrow();
        assertThat(stored.cadence()).as("the member's own choice stands").isEqualTo(Cadence.WEEKLY);
        assertThat(stored.name()).isEqualTo("Grete Köhler");
        assertThat(h.app.audit.recent(10)).noneMatch(e -> e.action().equals("subscriber.update"));

        AdminHarness.Page saved = h.page("POST", "/admin/subscribers/" + grete.id(), session, form("csrf", csrf(refused.body()),
                "revision", revision(refused.body()), "name", "Grete Köhler-Schmidt", "language", "de", "cadence", "weekly",
                "topics", "verein"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        stored = h.app.subscribers.byId(grete.id()).orElseThrow();
        assertThat(stored.name()).isEqualTo("Grete Köhler-Schmidt");
        assertThat(stored.cadence()).isEqualTo(Cadence.WEEKLY);
    }

    @Test
    void aPutWithTheRevisionOfAnOlderGetIsRefused() throws Exception {
        String revision = new ObjectMapper().readTree(h.api("GET", "/api/subscribers/" + grete.id(), null).body())
                .get("revision").asText();
        assertThat(h.api("PUT", "/api/subscribers/" + grete.id(), "{\"topics\":[\"termine\"],\"revision\":\"" + revision + "\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> stale = h.api("PUT", "/api/subscribers/" + grete.id(), "{\"cadence\":\"weekly\",\"revision\":\"" + revision + "\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("subscriber " + grete.id() + " was changed after the revision this edit was made on");
        Subscriber stored = h.app.subscribers.byId(grete.id()).orElseThrow();
        assertThat(stored.topics()).containsExactly("termine");
        assertThat(stored.cadence()).isEqualTo(Cadence.DAILY);
    }

    private static String revision(String page) {
        Matcher m = REVISION.matcher(page);
        assertThat(m.find()).as("the member form carries the revision it shows: " + page).isTrue();
        return m.group(1);
    }
}
