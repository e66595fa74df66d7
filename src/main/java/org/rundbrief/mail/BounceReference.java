package org.rundbrief.mail;

import java.util.Optional;

/**
 * What a message's bounces refer back to, as carried in its envelope sender (VERP): a digest's
 * delivery, a transactional mail to a subscriber's address, or one to a new address a subscriber
 * asked for (a bounce of that one says nothing about the address on the list). Written as a letter
 * and a number ({@code d42}, {@code s7}, {@code n7}) so it fits into an address's local part.
 */
public record BounceReference(Kind kind, long id) {
    public enum Kind {
        DELIVERY('d'), SUBSCRIBER('s'), NEW_ADDRESS('n');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }
    }

    public static BounceReference delivery(long deliveryId) {
        return new BounceReference(Kind.DELIVERY, deliveryId);
    }

    public static BounceReference subscriber(long subscriberId) {
        return new BounceReference(Kind.SUBSCRIBER, subscriberId);
    }

    public static BounceReference newAddress(long subscriberId) {
        return new BounceReference(Kind.NEW_ADDRESS, subscriberId);
    }

    /** The reference written by {@link #toString}; empty for anything else. */
    public static Optional<BounceReference> parse(String s) {
        if (s == null || s.length() < 2 || s.length() > 20 || !s.substring(1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        for (Kind k : Kind.values()) {
            if (Character.toLowerCase(s.charAt(0)) == k.letter) {
                try {
                    return Optional.of(new BounceReference(k, Long.parseLong(s.substring(1))));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind.letter + Long.toString(id);
    }
}
