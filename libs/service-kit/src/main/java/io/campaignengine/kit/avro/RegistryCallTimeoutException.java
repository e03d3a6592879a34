package io.campaignengine.kit.avro;

/**
 * A registry call that was not answered in time; the registry client has been replaced, so trying again is the right
 * thing (consumers treat it as transient, see {@code Failures}).
 */
public class RegistryCallTimeoutException extends RuntimeException {
    public RegistryCallTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
