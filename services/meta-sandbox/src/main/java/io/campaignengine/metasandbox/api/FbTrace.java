package io.campaignengine.metasandbox.api;

import java.security.SecureRandom;

/** fbtrace_id values shaped like Meta's (11 characters). */
final class FbTrace {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FbTrace() {
    }

    static String next() {
        StringBuilder sb = new StringBuilder("A");
        for (int i = 0; i < 10; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
