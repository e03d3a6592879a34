package io.campaignengine.publishing.service;

import io.campaignengine.publishing.config.PublishingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens at rest: AES-256-GCM, a random 96-bit IV per value, the owning row and column as additional data (a value
 * copied into another row does not decrypt). Values read {@code v1.<keyId>.<iv>.<ciphertext+tag>} (base64url), so a
 * new key can be introduced while values under an older one stay readable until they are written again.
 */
@ApplicationScoped
public class TokenCipher {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    @jakarta.inject.Inject
    public TokenCipher(PublishingConfig config) {
        this(config.tokens().keyId(), config.tokens().key(), config.tokens().previousKeys().orElse(java.util.List.of()));
    }

    public TokenCipher(String keyId, String base64Key, java.util.List<String> previous) {
        if (keyId.contains(".")) throw new IllegalArgumentException("token key id must not contain '.'");
        this.currentId = keyId;
        keys.put(keyId, key(keyId, base64Key));
        for (String p : previous) {
            int i = p.indexOf(':');
            if (i <= 0) throw new IllegalArgumentException("previous token key must read <id>:<base64>");
            keys.putIfAbsent(p.substring(0, i).trim(), key(p.substring(0, i), p.substring(i + 1).trim()));
        }
    }

    private static SecretKeySpec key(String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token key " + id + " is not base64");
        }
        if (raw.length != 32) throw new IllegalArgumentException("token key " + id + " must be 32 bytes (AES-256), is " + raw.length);
        return new SecretKeySpec(raw, "AES");
    }

    public String currentKeyId() {
        return currentId;
    }

    /** Encrypts {@code plain} for {@code context} (row id + column); null stays null. */
    public String encrypt(String plain, String context) {
        if (plain == null) return null;
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return "v1." + currentId + "." + b64.encodeToString(iv) + "." + b64.encodeToString(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed", e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null) return null;
        String[] parts = stored.split("\\.");
        if (parts.length != 4 || !parts[0].equals("v1")) throw new IllegalStateException("not an encrypted token value");
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) throw new IllegalStateException("token encrypted under unknown key id " + parts[1]);
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[2])));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(b64.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("token cannot be decrypted (wrong key or tampered value)");
        }
    }

    /** The key id a stored value was encrypted under. */
    public static String keyIdOf(String stored) {
        if (stored == null) return null;
        String[] parts = stored.split("\\.");
        return parts.length == 4 ? parts[1] : null;
    }
}
