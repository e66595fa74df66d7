package org.rundbrief.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rundbrief.bounce.BounceStore;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Actor;
import org.rundbrief.subscriber.Consent;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberImport;
import org.rundbrief.subscriber.SubscriberService;
import org.rundbrief.subscriber.SubscriberStore;

/**
 * Members as the admin manages them: add, edit, unsubscribe, forget, lift a suppression, import,
 * export, each audited with the person who did it.
 */
public final class MemberActions {
    private final SubscriberService service;
    private final SubscriberStore store;
    private final SubscriberImport importer;
    private final SubscriberExport exporter;
    private final BounceStore bounces;
    private final AuditLog audit;
    private final Clock clock;

    public MemberActions(SubscriberService service, SubscriberStore store, SubscriberImport importer,
                         SubscriberExport exporter, BounceStore bounces, AuditLog audit, Clock clock) {
        this.bounces = bounces;
        this.service = service;
        this.store = store;
        this.importer = importer;
        this.exporter = exporter;
        this.audit = audit;
        this.clock = clock;
    }

    public Subscriber byId(long id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no subscriber " + id));
    }

    public Optional<Subscriber> find(long id) {
        return store.byId(id);
    }

    public Optional<Subscriber> byEmail(EmailAddress email) {
        return store.byEmail(email);
    }

    public boolean suppressed(EmailAddress email) {
        return service.suppressed(email);
    }

    public List<SubscriberStore.ConsentRecord> consentLog(long id) {
        return store.consentLog(id);
    }

    /** The member's newest delivery reports (bounces, complaints) as read back from the bounce mailbox. */
    public List<BounceStore.Kept> bounceReports(long id, int limit) {
        return bounces.reports(id, limit);
    }

    /** Adds a confirmed member; {@code note} says how they gave consent. IllegalStateException when the address is taken. */
    public Subscriber add(AuditLog.Actor who, NewSubscriber n, String note) {
        Subscriber s;
        try {
            s = service.addConfirmed(n, note);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        audit.record(who, "subscriber.add", "subscriber:" + s.id(), null);
        return s;
    }

    /**
     * Changes name, cadence, language and topics; the consent log records the change. {@code revision}:
     * the member's {@link Subscriber#revision} the edit was made on (null: whatever is stored now);
     * {@link ChangedMeanwhile} when it is no longer the stored one (the member or another volunteer
     * saved meanwhile), and nothing is stored then.
     */
    public Subscriber update(AuditLog.Actor who, long id, NewSubscriber n, String revision) {
        store.inTransaction(() -> {
            store.lock(id); // no other save lands between the comparison and this one
            Subscriber s = byId(id);
            if (revision != null && !revision.equals(s.revision())) {
                throw new ChangedMeanwhile("subscriber " + id, s.revision(), Optional.empty());
            }
            store.updateProfile(s.id(), n.name(), n.cadence(), n.language(), n.topics(), clock.instant(),
                    new Consent("preferences_admin", Origin.ADMIN, who.ip(), null, null));
            return null;
        });
        audit.record(who, "subscriber.update", "subscriber:" + id, null);
        return byId(id);
    }

    /** Unsubscribes without a goodbye mail. */
    public Subscriber unsubscribe(AuditLog.Actor who, long id) {
        Subscriber s = byId(id);
        service.remove(s.email());
        audit.record(who, "subscriber.remove", "subscriber:" + id, null);
        return byId(id);
    }

    /** Erases the person and keeps only a suppression hash of the address. */
    public void forget(AuditLog.Actor who, long id) {
        forget(who, byId(id).email());
    }

    /**
     * Erases an address (listed or not: it is suppressed either way); audited with the member's
     * id, never the address. False when it was not on the list.
     */
    public boolean forget(AuditLog.Actor who, EmailAddress email) {
        String target = store.byEmail(email).map(s -> "subscriber:" + s.id()).orElse("suppression");
        boolean listed = service.forget(email, Actor.ADMIN);
        audit.record(who, "subscriber.forget", target, null);
        return listed;
    }

    /**
     * Lifts the suppression of an address; {@code note} (required) says why and goes into the
     * consent log. False when the address was not suppressed (nothing is audited then).
     */
    public boolean unsuppress(AuditLog.Actor who, EmailAddress email, String note) {
        if (!service.unsuppress(email, note)) {
            return false;
        }
        audit.record(who, "subscriber.unsuppress", store.byEmail(email).map(s -> "subscriber:" + s.id())
                .orElse("suppression"), note);
        return true;
    }

    public SubscriberImport.Result importCsv(AuditLog.Actor who, Reader csv, SubscriberImport.Options options,
                                             SubscriberImport.Listener listener) {
        SubscriberImport.Result result = importer.run(csv, options, listener);
        audit.record(who, "subscriber.import", null, result.toString());
        return result;
    }

    /** Streams every member as CSV in the import format; audited before the first row goes out. */
    public void export(AuditLog.Actor who, Writer out, SubscriberExport.Layout layout) throws IOException {
        audit.record(who, "subscriber.export", null, null);
        exporter.csv(out, layout);
    }
}
