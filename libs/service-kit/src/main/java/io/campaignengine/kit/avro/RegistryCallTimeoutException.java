package io.campaignengine.kit.avro;

import io.campaignengine.kit.consumer.TransientEventException;

/**
 * A registry call that was not answered in time; the registry client has been replaced, so trying again is the right
 * thing: a transient failure, which consumers retry with back-off.
 */
public class RegistryCallTimeoutException extends TransientEventException {
    public RegistryCallTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
