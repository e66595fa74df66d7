package org.rundbrief.delivery;

/** Told when the mail server refuses a subscriber's address for good (a hard bounce). */
@FunctionalInterface
public interface Bounces {
    void hardBounce(long subscriberId, String reason);
}
