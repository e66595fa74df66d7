package org.rundbrief.web;

/** A request value that cannot be used: answered 400 naming {@code field}. */
final class BadInput extends RuntimeException {
    private final String field;

    BadInput(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
