package org.rundbrief.subscriber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.store.StoreException;

/**
 * The subscriber lifecycle: double opt-in, opt-out, preferences, admin add/remove, forget and
 * expiry of unconfirmed subscriptions. Every state change writes a consent row; suppressed
 * addresses are never (re)added. {@link #subscribe} answers the same whatever the address's state,
 * so the form cannot be used to find out who is on the list.
 */
public final class SubscriberService {
    /** Pending subscribers who do not confirm within this many days after their confirmation mail went out are purged. */
    public static final int PENDING_DAYS = 7;
    static final Duration NOTICE_INTERVAL = Duration.ofHours(24);
    /** The suppression reason that only an admin lifts. */
    static final String COMPLAINED = "complained";

    /** EXPIRED also stands for a link revoked by a newer link key: the member's remedy is the same. */
    public enum Outcome { DONE, ALREADY, EXPIRED, INVALID, GONE, RATE_LIMITED }

    /**
     * Where a member link leads: DONE with its member and detail when it works; else why not. An
     * EXPIRED link (too old, or revoked by a newer link key) still names its member, whose
     * language the page may speak; a GONE one's member was removed.
     */
    public record Link(Outcome outcome, Optional<Subscriber> member, String detail) {
        static final Link INVALID = new Link(Outcome.INVALID, Optional.empty(), null);

        public boolean valid() {
            return outcome == Outcome.DONE;
        }
    }

    private final SubscriberStore store;
    private final Signer signer;
    private final Tokens tokens;
    private final SubscriberMails mails;
    private final Clock clock;
    private final RateLimiter perAddress;
    private final RateLimiter perMember;

    public SubscriberService(SubscriberStore store, Signer signer, Tokens tokens, SubscriberMails mails, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.tokens = tokens;
        this.mails = mails;
        this.clock = clock;
        // an address gets at most 3 confirmation mails at once, then one more per 10 minutes
        this.perAddress = new RateLimiter(clock, 3, Duration.ofMinutes(10), 100_000);
        // a member's link may ask for 3 address changes at once, then one more per 8 hours (a
        // forwarded link must not become a way to mail strangers)
        this.perMember = new RateLimiter(clock, 3, Duration.ofHours(8), 100_000);
    }

    /**
     * A form post. New address: pending + confirmation mail. Pending: the new choices + a new
     * confirmation mail. Unsubscribed: nothing changes, a confirmation mail carries the form's
     * choices, which take effect when its link is followed (a post alone must not rename or reset
     * a member, nor let the purge of unconfirmed rows erase their history). Confirmed: at most one "already
     * subscribed, manage here" mail per 24 h. Forgotten or bounced (suppressed): welcome back
     * through double opt-in, as a new address; the confirmation lifts the suppression (a person
     * who asked to be forgotten may come back, and a confirmed link proves a bounced address
     * works again). Complained: nothing, only an admin lifts that ({@link #unsuppress}). The
     * result is DONE in every case except RATE_LIMITED, so the answer never tells which case it was.
     */
    public Outcome subscribe(NewSubscriber s, Actor actor) {
        if (!perAddress.tryAcquire(s.email().value())) {
            return Outcome.RATE_LIMITED;
        }
        if (store.suppressionReason(signer.emailHash(s.email())).filter(COMPLAINED::equals).isPresent()) {
            return Outcome.DONE;
        }
        Instant now = clock.instant();
        Optional<Subscriber> existing = store.byEmail(s.email());
        if (existing.isEmpty()) {
            try {
                store.inTransaction(() -> {
                    long id = store.insert(s, Subscriber.Status.PENDING, now, actor.consent("subscribed"));
                    mails.send(SubscriberMails.Kind.CONFIRM, store.byId(id).orElseThrow());
                    return id;
                });
            } catch (StoreException e) {
                if (store.byEmail(s.email()).isPresent()) {
                    return Outcome.DONE; // a parallel post for the same address won the insert
                }
                throw e;
            }
            return Outcome.DONE;
        }
        Subscriber old = existing.get();
        switch (old.status()) {
            case PENDING, BOUNCED -> store.inTransaction(() -> {
                store.makePending(old.id(), s, now, actor.consent("subscribed"));
                mails.send(SubscriberMails.Kind.CONFIRM, store.byId(old.id()).orElseThrow());
                return null;
            });
            case UNSUBSCRIBED -> mails.sendConfirmation(old, tokens.resubscribeUrl(old, ResubscribeChoices.write(s)));
            case CONFIRMED -> store.inTransaction(() -> {
                if (store.claimNotice(old.id(), now, now.minus(NOTICE_INTERVAL))) {
                    mails.send(SubscriberMails.Kind.ALREADY, old);
                }
                return null;
            });
            default -> { } // complained: never mailed again
        }
        return Outcome.DONE;
    }

    /**
     * Checks a member link: its signature and age ({@link Tokens}), that its member still exists,
     * and that it carries the member's current link key. The "that wasn't me" link of an address
     * change skips the key: it must work however often the address changed since.
     */
    public Link follow(Tokens.Purpose purpose, String token) {
        Tokens.Check check = tokens.check(purpose, token);
        if (check.state() == Tokens.Check.State.INVALID) {
            return Link.INVALID;
        }
        Optional<Subscriber> s = store.byId(check.subscriberId());
        if (s.isEmpty()) {
            return new Link(Outcome.GONE, s, null);
        }
        boolean revoked = purpose != Tokens.Purpose.UNDO_EMAIL_CHANGE && s.get().linkKey() != check.linkKey();
        boolean lapsed = purpose == Tokens.Purpose.CONFIRM && s.get().status() == Subscriber.Status.PENDING
                && store.pendingExpired(s.get().id(), pendingCutOff());
        return new Link(check.valid() && !revoked && !lapsed ? Outcome.DONE : Outcome.EXPIRED, s, check.detail());
    }

    private static final List<Tokens.Purpose> CONFIRMATIONS = List.of(Tokens.Purpose.CONFIRM,
            Tokens.Purpose.CHANGE_EMAIL, Tokens.Purpose.RESUBSCRIBE);

    /** A confirmation link (of a subscription, an address change or a comeback), whatever it found. */
    public Link confirmationLink(String token) {
        for (Tokens.Purpose purpose : CONFIRMATIONS) {
            Link link = follow(purpose, token);
            if (link.outcome() != Outcome.INVALID) {
                return link;
            }
        }
        return Link.INVALID;
    }

    /** The link of a confirmation mail: confirms (idempotent) and sends the welcome mail once. */
    public Outcome confirm(String token, Actor actor) {
        Link link = follow(Tokens.Purpose.CONFIRM, token);
        if (link.outcome() == Outcome.INVALID) {
            Link change = follow(Tokens.Purpose.CHANGE_EMAIL, token);
            if (change.outcome() != Outcome.INVALID) {
                return confirmEmailChange(change, actor);
            }
            Link comeback = follow(Tokens.Purpose.RESUBSCRIBE, token);
            return comeback.outcome() == Outcome.INVALID ? Outcome.INVALID : confirmComeback(comeback, actor);
        }
        if (!link.valid()) {
            return link.outcome();
        }
        Optional<Subscriber> s = link.member();
        if (s.get().status() == Subscriber.Status.CONFIRMED) {
            return Outcome.ALREADY;
        }
        return store.inTransaction(() -> {
            if (!store.confirm(s.get().id(), clock.instant(), actor.consent("confirmed"))) {
                return Outcome.GONE; // unsubscribed meanwhile: re-subscribing needs a new opt-in
            }
            store.unsuppress(signer.emailHash(s.get().email())); // a forgotten or bounced address came back
            mails.send(SubscriberMails.Kind.WELCOME, store.byId(s.get().id()).orElseThrow());
            return Outcome.DONE;
        });
    }

    /** A member who left confirmed a new form post: its choices take effect now, and the welcome mail goes out. */
    private Outcome confirmComeback(Link link, Actor actor) {
        if (!link.valid()) {
            return link.outcome();
        }
        Subscriber s = link.member().get();
        if (s.status() == Subscriber.Status.CONFIRMED) {
            return Outcome.ALREADY;
        }
        return store.inTransaction(() -> {
            if (!store.resubscribe(s.id(), ResubscribeChoices.read(s.email(), link.detail()), clock.instant(),
                    actor.consent("confirmed"))) {
                return Outcome.GONE;
            }
            mails.send(SubscriberMails.Kind.WELCOME, store.byId(s.id()).orElseThrow());
            return Outcome.DONE;
        });
    }

    /**
     * The new address takes effect and the member's link key goes up (the links mailed so far went
     * to the old address); the old address is told, with a "that wasn't me" link valid
     * {@link Tokens#UNDO_VALIDITY} (issue #23: a forwarded digest must not hand over the subscription unnoticed).
     */
    private Outcome confirmEmailChange(Link link, Actor actor) {
        if (link.member().isEmpty()) {
            return link.outcome();
        }
        Subscriber s = link.member().get();
        EmailAddress newEmail = EmailAddress.parse(link.detail());
        if (s.email().equals(newEmail)) {
            return Outcome.ALREADY;
        }
        if (!link.valid()) {
            return link.outcome();
        }
        if (s.status() != Subscriber.Status.CONFIRMED || store.byEmail(newEmail).isPresent()
                || store.isSuppressed(signer.emailHash(newEmail))) {
            return Outcome.GONE;
        }
        return store.inTransaction(() -> {
            store.updateEmail(s.id(), newEmail, clock.instant(), actor.consent("email_changed"));
            mails.sendEmailChanged(store.byId(s.id()).orElseThrow(), s.email());
            return Outcome.DONE;
        });
    }

    /**
     * "That wasn't me": the address from before the change comes back, the link key goes up (the
     * links mailed to the other address stop working), and fresh links go to the address that is back.
     */
    public Outcome undoEmailChange(String token, Actor actor) {
        Link link = follow(Tokens.Purpose.UNDO_EMAIL_CHANGE, token);
        if (!link.valid()) {
            return link.outcome();
        }
        Subscriber s = link.member().get();
        EmailAddress old = EmailAddress.parse(link.detail());
        if (s.email().equals(old)) {
            return Outcome.ALREADY;
        }
        if (store.byEmail(old).isPresent() || store.isSuppressed(signer.emailHash(old))) {
            return Outcome.GONE;
        }
        return store.inTransaction(() -> {
            store.updateEmail(s.id(), old, clock.instant(), actor.consent("email_change_undone"));
            mails.send(SubscriberMails.Kind.LINK, store.byId(s.id()).orElseThrow());
            return Outcome.DONE;
        });
    }

    /**
     * "Send me a new link": a confirmed member at {@code email} gets a mail with fresh links, and
     * every link mailed before stops working. DONE whatever the address (the answer must not tell
     * who is on the list); RATE_LIMITED when this address was asked for too often.
     */
    public Outcome sendFreshLinks(EmailAddress email) {
        if (!perAddress.tryAcquire(email.value())) {
            return Outcome.RATE_LIMITED;
        }
        store.byEmail(email).filter(s -> s.status() == Subscriber.Status.CONFIRMED).ifPresent(s -> store.inTransaction(() -> {
            store.newLinkKey(s.id());
            mails.send(SubscriberMails.Kind.LINK, store.byId(s.id()).orElseThrow());
            return null;
        }));
        return Outcome.DONE;
    }

    /** The POST of an unsubscribe link (the page's button or RFC 8058 one-click). Idempotent. */
    public Outcome unsubscribe(String token, Actor actor, boolean goodbyeMail) {
        Link link = follow(Tokens.Purpose.UNSUBSCRIBE, token);
        if (!link.valid()) {
            return link.outcome();
        }
        Optional<Subscriber> s = link.member();
        return store.inTransaction(() -> {
            if (!store.unsubscribe(s.get().id(), clock.instant(), actor.consent("unsubscribed"))) {
                return Outcome.ALREADY;
            }
            if (goodbyeMail) {
                mails.send(SubscriberMails.Kind.GOODBYE, s.get());
            }
            return Outcome.DONE;
        });
    }

    /** Where a preferences link leads; a member who left counts as GONE. */
    public Link preferencesLink(String token) {
        Link link = follow(Tokens.Purpose.PREFERENCES, token);
        boolean left = link.valid() && link.member().get().status() == Subscriber.Status.UNSUBSCRIBED;
        return left ? new Link(Outcome.GONE, Optional.empty(), null) : link;
    }

    /**
     * Saves name, cadence, language and topics at once; a different address only gets a
     * confirmation mail (it takes effect when that link is followed). RATE_LIMITED (and nothing
     * saved) when this member or that address has had too many such mails lately.
     */
    public Outcome updatePreferences(String token, NewSubscriber choices, Actor actor) {
        Link link = preferencesLink(token);
        if (!link.valid()) {
            return link.outcome();
        }
        Subscriber s = link.member().get();
        boolean newAddress = !choices.email().equals(s.email());
        if (newAddress && (!perMember.tryAcquire(String.valueOf(s.id())) || !perAddress.tryAcquire(choices.email().value()))) {
            return Outcome.RATE_LIMITED;
        }
        store.inTransaction(() -> {
            store.updateProfile(s.id(), choices.name(), choices.cadence(), choices.language(), choices.topics(),
                    clock.instant(), actor.consent("preferences_changed"));
            if (newAddress) {
                mails.sendEmailChange(store.byId(s.id()).orElseThrow(), choices.email());
            }
            return null;
        });
        return Outcome.DONE;
    }

    /** An admin adds a member who gave consent elsewhere: confirmed at once (origin admin). */
    public Subscriber addConfirmed(NewSubscriber s, String note) {
        if (store.isSuppressed(signer.emailHash(s.email()))) {
            throw new IllegalArgumentException(s.email() + " is on the suppression list (forgotten, bounced or complained)");
        }
        if (store.byEmail(s.email()).isPresent()) {
            throw new IllegalArgumentException(s.email() + " is already on the list");
        }
        long id = store.insert(s, Subscriber.Status.CONFIRMED, clock.instant(),
                new Consent("added_confirmed", Origin.ADMIN, null, null, note));
        return store.byId(id).orElseThrow();
    }

    /**
     * The mail server said the address does not exist (5xx for the recipient): the subscriber is
     * marked bounced and the address suppressed, so no later import or form brings it back.
     */
    public void hardBounce(long subscriberId, String reason) {
        store.byId(subscriberId).ifPresent(s -> {
            Instant now = clock.instant();
            store.markBounced(s.id(), now, new Consent("bounced", Origin.DELIVERY, null, null, reason));
            store.suppress(signer.emailHash(s.email()), "bounced", now);
        });
    }

    /**
     * The member marked a message as spam (a feedback report came back): marked complained and
     * the address suppressed at once, as a hard bounce is.
     */
    public void complained(long subscriberId, String reason) {
        store.byId(subscriberId).ifPresent(s -> {
            Instant now = clock.instant();
            store.markComplained(s.id(), now, new Consent("complained", Origin.DELIVERY, null, null, reason));
            store.suppress(signer.emailHash(s.email()), "complained", now);
        });
    }

    /** The admin unsubscribes someone (no goodbye mail). False when the address is not on the list. */
    public boolean remove(EmailAddress email) {
        Optional<Subscriber> s = store.byEmail(email);
        s.ifPresent(x -> store.unsubscribe(x.id(), clock.instant(), Actor.ADMIN.consent("unsubscribed")));
        return s.isPresent();
    }

    /**
     * Erases everything personal about an address and suppresses it for good: the row goes, its
     * consent rows lose IP, user agent and the link to it; every link mailed to it names nobody any
     * more (GONE). Returns whether it was on the list;
     * the suppression is added either way.
     */
    public boolean forget(EmailAddress email, Actor actor) {
        Instant now = clock.instant();
        store.suppress(signer.emailHash(email), "forgotten", now);
        Optional<Subscriber> s = store.byEmail(email);
        s.ifPresent(x -> store.erase(x.id(), now, actor.consent("forgotten")));
        return s.isPresent();
    }

    /**
     * An admin lifts the suppression of an address (after a complaint was withdrawn, say); the
     * note goes into the consent log. False when the address was not suppressed. The address is
     * not subscribed by this: it may subscribe again, or be added or imported.
     */
    public boolean unsuppress(EmailAddress email, String note) {
        String cleanNote = Choices.text("--note", note);
        if (cleanNote == null) {
            throw new IllegalArgumentException("--note TEXT is required: say why the suppression is lifted");
        }
        if (!store.unsuppress(signer.emailHash(email))) {
            return false;
        }
        store.byEmail(email).ifPresent(s -> store.logConsent(s.id(), clock.instant(),
                Actor.ADMIN.consent("unsuppressed", cleanNote)));
        return true;
    }

    /** Whether the address is on the suppression list (forgotten, bounced or complained). */
    public boolean suppressed(EmailAddress email) {
        return store.isSuppressed(signer.emailHash(email));
    }

    /** Queues the confirmation mail of a pending subscriber (the CSV import without --confirmed, in its chunk's transaction). */
    public void sendConfirmation(Subscriber s) {
        mails.send(SubscriberMails.Kind.CONFIRM, s);
    }

    /**
     * Deletes pending subscriptions whose confirmation mail went out more than {@value #PENDING_DAYS}
     * days ago (one still waiting in the outbox keeps its member); returns how many.
     */
    public int purgeExpired() {
        Instant before = pendingCutOff();
        int total = 0;
        List<Long> ids;
        do {
            ids = store.expiredPending(before, 500);
            ids.forEach(id -> store.erase(id, clock.instant(), Consent.of("expired", Origin.ADMIN)));
            total += ids.size();
        } while (!ids.isEmpty());
        return total;
    }

    /** A pending subscription whose confirmation mail went out before this has lapsed. */
    private Instant pendingCutOff() {
        return clock.instant().minus(Duration.ofDays(PENDING_DAYS));
    }
}
