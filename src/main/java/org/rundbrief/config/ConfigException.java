package org.rundbrief.config;

/** A configuration problem a person can fix: names the key (and the file) and what was expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
