package dev.jbgp.peering.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every error found in it, not only the first. The
 * message lists them one a line, so a log line or a CLI error names each resource, field and
 * value.
 */
public final class ConfigException extends Exception {
    private final List<ResourceError> errors;

    public ConfigException(List<ResourceError> errors) {
        super(message(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ConfigException(ResourceError error) {
        this(List.of(error));
    }

    public List<ResourceError> errors() {
        return errors;
    }

    private static String message(List<ResourceError> errors) {
        if (errors.size() == 1) {
            return errors.getFirst().toString();
        }
        StringBuilder s = new StringBuilder(errors.size() + " errors in the configuration:");
        for (ResourceError e : errors) {
            s.append("\n  ").append(e);
        }
        return s.toString();
    }
}
