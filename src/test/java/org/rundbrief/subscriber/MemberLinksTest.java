package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.SubscriberService.Outcome;

/**
 * Issue #23: links in mails are revocable (a per-member link key) and preferences links expire; an
 * address change is told to the old address with a "that wasn't me" link valid 7 days.
 */
class MemberLinksTest {
    static final Actor FORM = new Actor(Origin.FORM, "192.0.2.7", "Mozilla/5.0 Test");

    @TempDir
    Path dir;
    SubscriberFixture f;
    String base;

    @BeforeEach
    void open() {
        f = new SubscriberFixture(dir);
        base = f.app.config.site().base();
    }

    @AfterEach
    void close() {
        f.close();
    }

    String lastLink(String to, String route) {
        var mails = f.mailbox.to(to);
        return Mailbox.link(mails.get(mails.size() - 1), base + route).substring((base + route).length());
    }

    Outcome preferences(String token) {
        return f.service.preferencesLink(token).outcome();
    }

    Outcome unsubscribeLink(String token) {
        return f.service.follow(Tokens.Purpose.UNSUBSCRIBE, token).outcome();
    }

    static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void aFreshLinkRevokesEveryLinkMailedBefore() {
        Subscriber s = f.service.addConfirmed(f.person("anna@example.org"), null);
        String oldPreferences = token(f.tokens.preferencesUrl(s));
        String oldUnsubscribe = token(f.tokens.unsubscribeUrl(s));

        assertThat(f.service.sendFreshLinks(EmailAddress.parse("anna@example.org"))).isEqualTo(Outcome.DONE);

        var mail = f.mailbox.to("anna@example.org");
        assertThat(mail).extracting(Mailbox::subject).containsExactly("Ihr neuer Link – Rundbrief");
        String fresh = lastLink("anna@example.org", "/preferences/");
        assertThat(preferences(fresh)).isEqualTo(Outcome.DONE);
        assertThat(preferences(oldPreferences)).isEqualTo(Outcome.EXPIRED);
        assertThat(unsubscribeLink(oldUnsubscribe)).isEqualTo(Outcome.EXPIRED);
        assertThat(f.service.unsubscribe(oldUnsubscribe, FORM, false)).isEqualTo(Outcome.EXPIRED);
        assertThat(f.stored("anna@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(unsubscribeLink(lastLink("anna@example.org", "/unsubscribe/"))).isEqualTo(Outcome.DONE);
    }

    @Test
    void askingForAFreshLinkAnswersTheSameWhateverTheAddress() {
        f.service.subscribe(f.person("pending@example.org"), FORM);
        int before = f.mailbox.messages().size();

        assertThat(f.service.sendFreshLinks(EmailAddress.parse("stranger@example.org"))).isEqualTo(Outcome.DONE);
        assertThat(f.service.sendFreshLinks(EmailAddress.parse("pending@example.org"))).isEqualTo(Outcome.DONE);

        assertThat(f.mailbox.messages()).hasSize(before);
    }

    @Test
    void askingForFreshLinksIsLimitedPerAddress() {
        f.service.addConfirmed(f.person("anna@example.org"), null);
        for (int i = 0; i < 3; i++) {
            assertThat(f.service.sendFreshLinks(EmailAddress.parse("anna@example.org"))).isEqualTo(Outcome.DONE);
        }
        assertThat(f.service.sendFreshLinks(EmailAddress.parse("anna@example.org"))).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(f.mailbox.to("anna@example.org")).hasSize(3);
    }

    @Test
    void preferencesLinksExpireAfterPreferencesLinkDaysButUnsubscribeLinksDoNot() {
        Subscriber s = f.service.addConfirmed(f.person("anna@example.org"), null);
        String preferences = token(f.tokens.preferencesUrl(s));
        String unsubscribe = token(f.tokens.unsubscribeUrl(s));

        f.clock.advance(Duration.ofDays(180));
        assertThat(preferences(preferences)).isEqualTo(Outcome.DONE);
        f.clock.advance(Duration.ofDays(1));
        assertThat(preferences(preferences)).isEqualTo(Outcome.EXPIRED);
        assertThat(f.service.updatePreferences(preferences, f.person("evil@example.org"), FORM)).isEqualTo(Outcome.EXPIRED);
        assertThat(f.mailbox.to("evil@example.org")).isEmpty();

        f.clock.advance(Duration.ofDays(3000));
        assertThat(f.service.unsubscribe(unsubscribe, FORM, false)).isEqualTo(Outcome.DONE);
    }

    /** A forwarded digest: whoever holds the preferences link moves the subscription to their own address. */
    @Test
    void anAddressChangeIsToldToTheOldAddressWhichCanUndoItForSevenDays() {
        Subscriber s = f.service.addConfirmed(f.person("anna@example.org"), null);
        String forwarded = token(f.tokens.preferencesUrl(s));
        assertThat(f.service.updatePreferences(forwarded, f.person("mallory@example.org"), FORM)).isEqualTo(Outcome.DONE);
        assertThat(f.service.confirm(lastLink("mallory@example.org", "/confirm/"), FORM)).isEqualTo(Outcome.DONE);
        assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("mallory@example.org");
        assertThat(preferences(forwarded)).as("links mailed to the old address").isEqualTo(Outcome.EXPIRED);

        var notice = f.mailbox.to("anna@example.org");
        assertThat(notice).extracting(Mailbox::subject).containsExactly("Ihre Adresse für den Newsletter wurde geändert – Rundbrief");
        assertThat(Mailbox.text(notice.get(0)).replaceAll("\\s+", " ")).contains("nicht mehr an anna@example.org").doesNotContain("mallory")
                .doesNotContain(base + "/preferences/");
        String undo = lastLink("anna@example.org", "/undo/");
        f.service.sendFreshLinks(EmailAddress.parse("mallory@example.org"));
        String mallorysLink = lastLink("mallory@example.org", "/preferences/");

        f.clock.advance(Duration.ofDays(6));
        assertThat(f.service.undoEmailChange(undo, FORM)).isEqualTo(Outcome.DONE);

        assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("anna@example.org");
        assertThat(preferences(mallorysLink)).isEqualTo(Outcome.EXPIRED);
        assertThat(f.mailbox.to("anna@example.org")).extracting(Mailbox::subject).last().isEqualTo("Ihr neuer Link – Rundbrief");
        assertThat(preferences(lastLink("anna@example.org", "/preferences/"))).isEqualTo(Outcome.DONE);
        assertThat(f.service.undoEmailChange(undo, FORM)).isEqualTo(Outcome.ALREADY);
        assertThat(f.app.subscribers.consentLog(s.id())).extracting(SubscriberStore.ConsentRecord::action)
                .containsSubsequence("email_changed", "email_change_undone");
    }

    @Test
    void theUndoLinkExpiresAfterSevenDays() {
        Subscriber s = f.service.addConfirmed(f.person("anna@example.org"), null);
        f.service.updatePreferences(token(f.tokens.preferencesUrl(s)), f.person("neu@example.org"), FORM);
        f.service.confirm(lastLink("neu@example.org", "/confirm/"), FORM);
        String undo = lastLink("anna@example.org", "/undo/");

        f.clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(f.service.undoEmailChange(undo, FORM)).isEqualTo(Outcome.EXPIRED);
        assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("neu@example.org");
    }

    @Test
    void forgettingAMemberKillsEveryLink() {
        Subscriber s = f.service.addConfirmed(f.person("anna@example.org"), null);
        String unsubscribe = token(f.tokens.unsubscribeUrl(s));
        String preferences = token(f.tokens.preferencesUrl(s));

        f.service.forget(EmailAddress.parse("anna@example.org"), Actor.ADMIN);

        assertThat(unsubscribeLink(unsubscribe)).isEqualTo(Outcome.GONE);
        assertThat(preferences(preferences)).isEqualTo(Outcome.GONE);
    }

    @Test
    void linksOfOtherMembersStayValidWhenOneAsksForAFreshLink() {
        Subscriber anna = f.service.addConfirmed(f.person("anna@example.org"), null);
        Subscriber bert = f.service.addConfirmed(f.person("bert@example.org"), null);
        String bertsLink = token(f.tokens.preferencesUrl(bert));

        f.service.sendFreshLinks(anna.email());

        assertThat(preferences(bertsLink)).isEqualTo(Outcome.DONE);
        assertThat(f.service.preferencesLink(bertsLink).member()).map(Subscriber::id).contains(bert.id());
        assertThat(List.of(anna.linkKey(), bert.linkKey())).containsOnly(0);
    }
}
