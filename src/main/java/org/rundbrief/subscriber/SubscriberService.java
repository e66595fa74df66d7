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
    /** Pending subscribers who do not confirm within this many days are purged. */
    public static final int PENDING_DAYS = 7;
    static final Duration NOTICE_INTERVAL = Duration.ofHours(24);
    /** The suppression reason that only an admin lifts. */
    static final String COMPLAINED = "complained";

    public enum Outcome { DONE, ALREADY, EXPIRED, INVALID, GONE, RATE_LIMITED }

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
     * A form post. New address: pending + confirmation mail. Pending or unsubscribed: pending
     * again with the new choices + a new confirmation mail. Confirmed: at most one "already
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
            case PENDING, UNSUBSCRIBED, BOUNCED -> store.inTransaction(() -> {
                store.makePending(old.id(), s, now, actor.consent("subscribed"));
                mails.send(SubscriberMails.Kind.CONFIRM, store.byId(old.id()).orElseThrow());
                return null;
            });
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

    public Optional<Subscriber> byId(long id) {
        return store.byId(id);
    }

    /** The link of a confirmation mail: confirms (idempotent) and sends the welcome mail once. */
    public Outcome confirm(String token, Actor actor) {
        Tokens.Check check = tokens.check(Tokens.Purpose.CONFIRM, token);
        if (!check.valid()) {
            Tokens.Check change = tokens.check(Tokens.Purpose.CHANGE_EMAIL, token);
            return change.state() == Tokens.Check.State.INVALID ? outcome(check) : confirmEmailChange(change, actor);
        }
        Optional<Subscriber> s = store.byId(check.subscriberId());
        if (s.isEmpty()) {
            return Outcome.GONE;
        }
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

    private Outcome confirmEmailChange(Tokens.Check check, Actor actor) {
        if (!check.valid()) {
            return outcome(check);
        }
        Optional<Subscriber> s = store.byId(check.subscriberId());
        EmailAddress newEmail = EmailAddress.parse(check.detail());
        if (s.isEmpty() || s.get().status() != Subscriber.Status.CONFIRMED) {
            return Outcome.GONE;
        }
        if (s.get().email().equals(newEmail)) {
            return Outcome.ALREADY;
        }
        if (store.byEmail(newEmail).isPresent() || store.isSuppressed(signer.emailHash(newEmail))) {
            return Outcome.GONE;
        }
        store.updateEmail(s.get().id(), newEmail, clock.instant(), actor.consent("email_changed"));
        return Outcome.DONE;
    }

    /** The subscriber an unsubscribe link is for (for the page with the button); nothing changes. */
    public Optional<Subscriber> unsubscribeTarget(String token) {
        Tokens.Check check = tokens.check(Tokens.Purpose.UNSUBSCRIBE, token);
        return check.valid() ? store.byId(check.subscriberId()) : Optional.empty();
    }

    /** The POST of an unsubscribe link (the page's button or RFC 8058 one-click). Idempotent. */
    public Outcome unsubscribe(String token, Actor actor, boolean goodbyeMail) {
        Optional<Subscriber> s = unsubscribeTarget(token);
        if (s.isEmpty()) {
            return tokens.check(Tokens.Purpose.UNSUBSCRIBE, token).valid() ? Outcome.GONE : Outcome.INVALID;
        }
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

    /** The subscriber a preferences link is for; empty for bad tokens and removed members. */
    public Optional<Subscriber> preferencesTarget(String token) {
        Tokens.Check check = tokens.check(Tokens.Purpose.PREFERENCES, token);
        return check.valid() ? store.byId(check.subscriberId()).filter(s -> s.status() != Subscriber.Status.UNSUBSCRIBED)
                : Optional.empty();
    }

    /**
     * Saves name, cadence, language and topics at once; a different address only gets a
     * confirmation mail (it takes effect when that link is followed). RATE_LIMITED (and nothing
     * saved) when this member or that address has had too many such mails lately.
     */
    public Outcome updatePreferences(String token, NewSubscriber choices, Actor actor) {
        Optional<Subscriber> target = preferencesTarget(token);
        if (target.isEmpty()) {
            return Outcome.INVALID;
        }
        Subscriber s = target.get();
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

    /** The admin unsubscribes someone (no goodbye mail). False when the address is not on the list. */
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

    public boolean remove(EmailAddress email) {
        Optional<Subscriber> s = store.byEmail(email);
        s.ifPresent(x -> store.unsubscribe(x.id(), clock.instant(), Actor.ADMIN.consent("unsubscribed")));
        return s.isPresent();
    }

    /**
     * Erases everything personal about an address and suppresses it for good: the row goes, its
     * consent rows lose IP, user agent and the link to it. Returns whether it was on the list;
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

    /** Deletes pending subscriptions older than {@value #PENDING_DAYS} days; returns how many. */
    public int purgeExpired() {
        Instant before = clock.instant().minus(Duration.ofDays(PENDING_DAYS));
        int total = 0;
        List<Long> ids;
        do {
            ids = store.expiredPending(before, 500);
            ids.forEach(id -> store.erase(id, clock.instant(), Consent.of("expired", Origin.ADMIN)));
            total += ids.size();
        } while (!ids.isEmpty());
        return total;
    }

    private static Outcome outcome(Tokens.Check check) {
        return check.state() == Tokens.Check.State.EXPIRED ? Outcome.EXPIRED : Outcome.INVALID;
    }
}
