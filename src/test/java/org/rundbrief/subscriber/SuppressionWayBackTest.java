package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.SubscriberService.Outcome;

/**
 * A forgotten or bounced person who subscribes again is welcome back through double opt-in (their
 * confirmation lifts the suppression); a complained address stays suppressed until an admin lifts it.
 */
class SuppressionWayBackTest extends WithSubscriberFixture {
    static final Actor FORM = SubscriberServiceTest.FORM;

    boolean suppressed(String email) {
        return f.app.subscribers.isSuppressed(f.app.signer.emailHash(EmailAddress.parse(email)));
    }

    void confirmFromTheLastMail(String email) {
        var mails = f.mailbox.to(email);
        String prefix = f.app.config.site().base() + "/confirm/";
        String token = Mailbox.link(mails.get(mails.size() - 1), prefix).substring(prefix.length());
        assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.DONE);
    }

    @Test
    void aForgottenPersonWhoSubscribesAgainGetsAConfirmationAndConfirmingLiftsTheSuppression() {
        f.service.addConfirmed(f.person("zurueck@example.org"), null);
        f.service.forget(EmailAddress.parse("zurueck@example.org"), Actor.ADMIN);

        assertThat(f.service.subscribe(f.person("zurueck@example.org"), FORM)).isEqualTo(Outcome.DONE);
        assertThat(f.mailbox.to("zurueck@example.org")).extracting(Mailbox::subject)
                .containsExactly("Bitte bestätigen Sie Ihr Abo – Rundbrief");
        assertThat(suppressed("zurueck@example.org")).as("suppressed until confirmed").isTrue();

        confirmFromTheLastMail("zurueck@example.org");

        assertThat(f.stored("zurueck@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(suppressed("zurueck@example.org")).isFalse();
    }

    @Test
    void aBouncedMemberWhoSubscribesAgainIsWelcomeBackOnceTheLinkIsConfirmed() {
        Subscriber s = f.service.addConfirmed(f.person("voll@example.org"), null);
        f.service.hardBounce(s.id(), "550 mailbox full");

        f.service.subscribe(f.person("voll@example.org"), FORM);
        assertThat(f.stored("voll@example.org").status()).isEqualTo(Subscriber.Status.PENDING);
        confirmFromTheLastMail("voll@example.org");

        assertThat(f.stored("voll@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(suppressed("voll@example.org")).isFalse();
    }

    @Test
    void aComplainedAddressGetsNoMailUntilAnAdminLiftsTheSuppressionWithANote() {
        f.app.subscribers.suppress(f.app.signer.emailHash(EmailAddress.parse("spam@example.org")),
                SubscriberService.COMPLAINED, SubscriberFixture.T0);

        assertThat(f.service.subscribe(f.person("spam@example.org"), FORM)).isEqualTo(Outcome.DONE);
        assertThat(f.mailbox.to("spam@example.org")).isEmpty();

        assertThatThrownBy(() -> f.service.unsuppress(EmailAddress.parse("spam@example.org"), " "))
                .hasMessageContaining("--note");
        assertThat(suppressed("spam@example.org")).isTrue();
        assertThat(f.service.unsuppress(EmailAddress.parse("spam@example.org"), "Beschwerde zurückgezogen (Telefonat)"))
                .isTrue();
        assertThat(f.service.unsuppress(EmailAddress.parse("spam@example.org"), "noch einmal")).isFalse();

        f.service.subscribe(f.person("spam@example.org"), FORM);
        assertThat(f.mailbox.to("spam@example.org")).hasSize(1);
    }
}
