package io.oasis.notification.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push provider's service-account key as its key file has it, made up for a test: a fresh RSA key, so
 * no key is ever stored, with the token endpoint of the test's stand-in.
 */
public record ServiceAccountKey(KeyPair keys, String clientEmail, String projectId) {

    public static ServiceAccountKey generate(String projectId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ServiceAccountKey(generator.generateKeyPair(), "oasis-push@" + projectId + ".test", projectId);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** The key file's JSON, with this token endpoint. */
    public String json(String tokenUri) {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", projectId);
        file.put("private_key_id", "test-key-1");
        file.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        file.put("client_email", clientEmail);
        file.put("client_id", "100000000000000000001");
        file.put("token_uri", tokenUri);
        try {
            return new ObjectMapper().writeValueAsString(file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
