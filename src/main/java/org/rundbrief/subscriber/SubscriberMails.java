package org.rundbrief.subscriber;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rundbrief.config.Config;
import org.rundbrief.delivery.Outbox;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.mail.Campaign;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.mail.TextWrapper;
import org.rundbrief.template.Templates;

/**
 * The lifecycle mails (confirm, welcome, goodbye, already subscribed, fresh links, address
 * changed), rendered from
 * {@code templates/email/<kind>.html.ftl} and {@code .txt.ftl} in the member's language, subject
 * from {@code sub.mail.<kind>.subject}. Every one carries the unsubscribe link, the confirmation
 * mail too (issue #4: one-click opt-out on every kind of mail). They are transactional
 * ({@code Auto-Submitted}, {@code Feedback-ID} named after the kind) and their text is wrapped as
 * a digest's (URLs whole, on a line of their own). They are queued in the {@link Outbox}, in the
 * transaction of the change that causes them (the caller's), and sent from there: a mail server
 * that is down delays them, it does not lose them.
 */
public final class SubscriberMails {
    public enum Kind { CONFIRM, WELCOME, GOODBYE, ALREADY, LINK, CHANGED }

    private final Templates templates;
    private final Outbox outbox;
    private final Tokens tokens;
    private final Config.Site site;
    private final UnaryOperator<String> mailtoFor;

    /** {@code mailtoFor} turns an unsubscribe URL into the mailto: alternative of List-Unsubscribe (RFC 2369). */
    public SubscriberMails(Templates templates, Outbox outbox, Tokens tokens, Config.Site site,
                           UnaryOperator<String> mailtoFor) {
        this.templates = templates;
        this.outbox = outbox;
        this.tokens = tokens;
        this.site = site;
        this.mailtoFor = mailtoFor;
    }

    /** Queues the mail of this kind to the member; call it inside the transaction of the change. */
    public void send(Kind kind, Subscriber s) {
        send(kind, s, s.email(), kind == Kind.CONFIRM ? tokens.confirmUrl(s) : null);
    }

    /** A confirmation with a link of its own (the comeback of a member who left). */
    public void sendConfirmation(Subscriber s, String confirmUrl) {
        send(Kind.CONFIRM, s, s.email(), confirmUrl);
    }

    /** The confirmation of a new address chosen on the preferences page goes to that address. */
    public void sendEmailChange(Subscriber s, EmailAddress newEmail) {
        send(Kind.CONFIRM, s, newEmail, tokens.changeEmailUrl(s, newEmail));
    }

    /** Tells the address before a change, with a "that wasn't me" link; nothing else of the member's. */
    public void sendEmailChanged(Subscriber s, EmailAddress oldEmail) {
        send(Kind.CHANGED, s, oldEmail, tokens.undoEmailChangeUrl(s, oldEmail));
    }

    /** {@code actionUrl}: the confirmation link of CONFIRM, the undo link of CHANGED. */
    private void send(Kind kind, Subscriber s, EmailAddress to, String actionUrl) {
        String template = kind.name().toLowerCase(Locale.ROOT);
        // A new address is not confirmed yet: it may be a stranger's; an old one is no longer the
        // member's. Their mail carries nothing of the member's: not the name nor the preferences link.
        boolean toNewAddress = !to.equals(s.email());
        // The name is any text typed into a form: only a mailbox that has confirmed is greeted with
        // it, so a confirmation mail cannot carry somebody's text to a stranger (issue #23).
        String name = toNewAddress || s.confirmedAt() == null || s.name() == null ? null : s.name();
        String confirmUrl = kind == Kind.CONFIRM ? actionUrl : null;
        Map<String, Object> model = new HashMap<>();
        model.put("name", name == null ? "" : name);
        model.put("email", to.value());
        model.put("siteTitle", site.title());
        model.put("siteUrl", site.base());
        model.put("confirmUrl", confirmUrl == null ? "" : confirmUrl);
        model.put("emailChange", toNewAddress);
        model.put("undoUrl", kind == Kind.CHANGED ? actionUrl : "");
        model.put("cadence", s.cadence().id());
        String unsubscribe = tokens.unsubscribeUrl(s);
        model.put("unsubscribeUrl", unsubscribe);
        model.put("preferencesUrl", toNewAddress ? "" : tokens.preferencesUrl(s));
        // The address-change mail is a confirmation too, but must not read like a new subscription.
        String subjectKey = "sub.mail." + (kind == Kind.CONFIRM && toNewAddress ? "change" : template) + ".subject";
        String subject = templates.messages(s.language()).getOrDefault(subjectKey, template)
                .replace("{site}", site.title());
        var mail = new OutgoingMail(to, name, subject,
                templates.render("email/" + template + ".html.ftl", model, s.language()),
                TextWrapper.wrap(templates.render("email/" + template + ".txt.ftl", model, s.language())),
                unsubscribe, mailtoFor.apply(unsubscribe), null)
                .withCampaign(Campaign.transactional(kind == Kind.CHANGED ? "address-changed" : toNewAddress ? "address-change" : template))
                .withBounceReference(to.equals(s.email()) ? BounceReference.subscriber(s.id()) : BounceReference.newAddress(s.id()));
        outbox.enqueue(kind == Kind.CHANGED ? "address-changed" : toNewAddress ? "address-change" : template, s.id(), !toNewAddress, mail);
    }
}
