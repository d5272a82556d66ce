package io.oasis.common.idempotency;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.InvalidRequestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code Idempotency-Key} for requests that create. The key is claimed in the same transaction as
 * the creation, so a key exists exactly when its effect does:
 * <ul>
 * <li>a new key runs the action and keeps its response;</li>
 * <li>the same key with the same body replays that response, creating nothing;</li>
 * <li>the same key with another body is a 409;</li>
 * <li>two requests racing with one key: the database makes the second wait for the first, then
 * replays its response.</li>
 * </ul>
 * Keys are scoped (typically operation plus caller), so two callers never share one.
 */
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code create} once per key. Without a key it simply runs it.
     *
     * @param scope   who and what the key belongs to, e.g. {@code "customer-create:" + subject}
     * @param key     the request's {@code Idempotency-Key}, or null
     * @param request the request body as received, compared with the body of earlier uses of the key
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public CreatedResponse run(String scope, String key, byte[] request, Supplier<CreatedResponse> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw InvalidRequestException.field(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = sha256(request);
        int claimed = jdbc.update("INSERT INTO idempotency_key (scope, idem_key, request_hash, created_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", scope, key, hash, OffsetDateTime.now(ZoneOffset.UTC));
        if (claimed == 1) {
            CreatedResponse response = create.get();
            jdbc.update("UPDATE idempotency_key SET response_status = ?, response_body = ?, location = ?, etag = ? "
                    + "WHERE scope = ? AND idem_key = ?", response.status(), response.body(), response.location(),
                    response.etag(), scope, key);
            return response;
        }
        return replay(scope, key, hash);
    }

    private CreatedResponse replay(String scope, String key, String hash) {
        List<CreatedResponse> stored = jdbc.query("SELECT request_hash, response_status, response_body, location, etag "
                + "FROM idempotency_key WHERE scope = ? AND idem_key = ?", (rs, i) -> {
                    if (!hash.equals(rs.getString("request_hash"))) {
                        throw new ConflictException("This Idempotency-Key was already used with a different request body.");
                    }
                    return new CreatedResponse(rs.getInt("response_status"), rs.getString("response_body"),
                            rs.getString("location"), rs.getString("etag"), true);
                }, scope, key);
        if (stored.isEmpty()) {
            // The key's first request rolled back after we looked: the caller may simply retry.
            throw new ConflictException("A request with this Idempotency-Key did not complete; retry it.");
        }
        return stored.get(0);
    }

    private static String sha256(byte[] request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    request == null ? new byte[0] : request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
