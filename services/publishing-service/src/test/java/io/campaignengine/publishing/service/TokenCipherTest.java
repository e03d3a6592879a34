package io.campaignengine.publishing.service;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCipherTest {
    static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void roundTripWithARandomIvPerValue() {
        TokenCipher c = new TokenCipher("k1", K1, List.of());
        String a = c.encrypt("EAAG-secret-token", "row1:access");
        String b = c.encrypt("EAAG-secret-token", "row1:access");
        assertNotEquals(a, b, "same token, different IV");
        assertFalse(a.contains("secret"));
        assertTrue(a.startsWith("v1.k1."));
        assertEquals("EAAG-secret-token", c.decrypt(a, "row1:access"));
        assertEquals("k1", TokenCipher.keyIdOf(a));
    }

    @Test
    void boundToItsRowAndColumnAndTamperProof() {
        TokenCipher c = new TokenCipher("k1", K1, List.of());
        String a = c.encrypt("token", "row1:access");
        assertThrows(IllegalStateException.class, () -> c.decrypt(a, "row2:access"));
        assertThrows(IllegalStateException.class, () -> c.decrypt(a, "row1:page"));
        String tampered = a.substring(0, a.length() - 2) + (a.endsWith("A") ? "BB" : "AA");
        assertThrows(IllegalStateException.class, () -> c.decrypt(tampered, "row1:access"));
    }

    @Test
    void rotation_oldValuesStayReadableNewOnesUseTheNewKey() {
        TokenCipher old = new TokenCipher("k1", K1, List.of());
        String before = old.encrypt("token", "r:access");
        TokenCipher rotated = new TokenCipher("k2", K2, List.of("k1:" + K1));
        assertEquals("token", rotated.decrypt(before, "r:access"));
        assertEquals("k2", TokenCipher.keyIdOf(rotated.encrypt("token", "r:access")));
        TokenCipher withoutOld = new TokenCipher("k2", K2, List.of());
        assertThrows(IllegalStateException.class, () -> withoutOld.decrypt(before, "r:access"));
    }

    @Test
    void keysMustBe256Bits() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher("k", Base64.getEncoder().encodeToString(new byte[16]), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher("k", "not base64!", List.of()));
    }
}
