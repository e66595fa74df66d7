package org.rundbrief.subscriber;

import java.time.Clock;

/**
 * The subscriber lifecycle: admin add and remove, double opt-in, opt-out, preferences, forget.
 * Every state change writes a consent row; suppressed addresses are never (re)added.
 */
public final class SubscriberService {
    /** Pending subscribers who do not confirm within this many days are purged. */
    public static final int PENDING_DAYS = 7;
    private final SubscriberStore store;
    private final Signer signer;
    private final Clock clock;

    public SubscriberService(SubscriberStore store, Signer signer, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.clock = clock;
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
}
