package org.rundbrief.bounce;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberService;
import org.rundbrief.subscriber.SubscriberStore;

/**
 * Acts on a report: finds whom it is about, by the VERP token first (the address it was sent to,
 * or the original's envelope sender quoted in it), by the failed address second; a token with a
 * wrong signature makes the report forged and it is ignored. A hard bounce or a complaint ends
 * the subscription at once (bounced or complained, address suppressed); soft bounces count one a
 * day, and {@code softLimit} days with one within {@code softDays} days end it too. The report is
 * kept with the subscriber. A bounce of a mail to a new address a member asked for changes nothing
 * on the list.
 */
final class BounceHandler {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"',;:]+@[^\\s<>\"',;:]+");
    private final Verp verp;
    private final String verpPrefix;
    private final BounceStore store;
    private final SubscriberStore subscribers;
    private final SubscriberService service;
    private final Clock clock;
    private final int softLimit;
    private final int softDays;

    /** {@code verp} and {@code bounceAddress} null when bounce.address is not set. */
    BounceHandler(Verp verp, String bounceAddress, BounceStore store, SubscriberStore subscribers, SubscriberService service,
                  Clock clock, int softLimit, int softDays) {
        this.verp = verp;
        this.verpPrefix = bounceAddress == null ? null
                : bounceAddress.substring(0, bounceAddress.lastIndexOf('@')).toLowerCase(Locale.ROOT) + "+";
        this.store = store;
        this.subscribers = subscribers;
        this.service = service;
        this.clock = clock;
        this.softLimit = softLimit;
        this.softDays = softDays;
    }

    /** What the report counts as, once attributed: UNRELATED when it is about no one on the list (or forged). */
    BounceReport.Type handle(BounceReport report, Supplier<String> raw) {
        if (report.type() == BounceReport.Type.UNRELATED) {
            return report.type();
        }
        Attribution who = attribute(report);
        if (who == null) {
            return BounceReport.Type.UNRELATED;
        }
        if (report.type() == BounceReport.Type.AUTO_REPLY) {
            return report.type();
        }
        Instant now = clock.instant();
        store.insert(who.subscriberId(), who.deliveryId(), report, raw.get(), now);
        if (!who.onTheList()) {
            return report.type();
        }
        String reason = (report.status() == null ? "" : report.status() + " ")
                + (report.diagnostic() == null ? "" : report.diagnostic());
        switch (report.type()) {
            case HARD -> service.hardBounce(who.subscriberId(), "bounce report: " + reason.strip());
            case COMPLAINT -> service.complained(who.subscriberId(), "feedback report: " + reason.strip());
            case SOFT -> {
                long days = store.softDays(who.subscriberId(), BounceStore.day(now).minusDays(softDays - 1L));
                if (days >= softLimit) {
                    service.hardBounce(who.subscriberId(), "soft bounces on " + days + " days within " + softDays
                            + " days (bounce.softLimit " + softLimit + "), last: " + reason.strip());
                }
            }
            default -> { }
        }
        return report.type();
    }

    /** Whom a report is about; {@code onTheList} false for a mail to an address not (yet) on the list. */
    private record Attribution(long subscriberId, Long deliveryId, boolean onTheList) {}

    private Attribution attribute(BounceReport report) {
        if (verp != null) {
            for (String candidate : report.returnPaths()) {
                Matcher m = ADDRESS.matcher(candidate == null ? "" : candidate);
                while (m.find()) {
                    String address = m.group();
                    if (!address.toLowerCase(Locale.ROOT).startsWith(verpPrefix)) {
                        continue;
                    }
                    Optional<BounceReference> ref = verp.reference(address);
                    if (ref.isEmpty()) {
                        return null; // looks like ours but is not signed by us: forged or mangled
                    }
                    return byReference(ref.get());
                }
            }
        }
        if (report.recipient() == null) {
            return null;
        }
        try {
            return subscribers.byEmail(EmailAddress.parse(report.recipient()))
                    .map(s -> new Attribution(s.id(), null, true)).orElse(null);
        } catch (RuntimeException e) {
            return null; // not an address: nothing to go by
        }
    }

    private Attribution byReference(BounceReference ref) {
        return switch (ref.kind()) {
            case DELIVERY -> store.subscriberOfDelivery(ref.id()).map(id -> new Attribution(id, ref.id(), true)).orElse(null);
            case SUBSCRIBER -> subscribers.byId(ref.id()).map(Subscriber::id).map(id -> new Attribution(id, null, true))
                    .orElse(null);
            case NEW_ADDRESS -> subscribers.byId(ref.id()).map(Subscriber::id).map(id -> new Attribution(id, null, false))
                    .orElse(null);
        };
    }
}
