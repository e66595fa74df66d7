package org.rundbrief.subscriber;

/**
 * A value of one field that cannot be used, with the kind of problem (control, tooLong, unknown)
 * and the value itself, so that {@link Choices} can name it in the reader's language; the message
 * is English.
 */
final class InvalidValue extends IllegalArgumentException {
    private final String kind;
    private final String value;

    InvalidValue(String kind, String value, String message) {
        super(message);
        this.kind = kind;
        this.value = value;
    }

    String kind() {
        return kind;
    }

    String value() {
        return value;
    }
}
