package org.rundbrief.subscriber;

/** Where a consent state change came from; stored in the consent log. */
public enum Origin {
    FORM, IMPORT, ADMIN, API,
    /** The mail server refused the address for good (hard bounce). */
    DELIVERY
}
