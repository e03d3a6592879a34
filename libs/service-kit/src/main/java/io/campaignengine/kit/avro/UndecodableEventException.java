package io.campaignengine.kit.avro;

/** The bytes of a record are not an event of the contract (not Avro of the registry, unknown class...): poison. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
