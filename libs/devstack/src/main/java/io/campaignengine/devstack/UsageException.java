package io.campaignengine.devstack;

/** Bad command line; the message is shown with the usage text. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
