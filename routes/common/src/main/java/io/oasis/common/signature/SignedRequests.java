package io.oasis.common.signature;

import io.oasis.common.web.ApiRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * Requests that a third party (a payment provider, a carrier, a CRM) signs instead of sending a
 * token, and the one place that says what such a signature covers. The sender sends two headers:
 * <ul>
 * <li>a timestamp header: seconds since the epoch when it signed, and</li>
 * <li>a signature header: {@code sha256=} and the hex HMAC-SHA256, keyed with the secret shared with
 * that sender, of the four parts of the request joined by line feeds:
 * <pre>
 * timestamp + "\n" + METHOD + "\n" + path + "\n" + body
 * </pre></li>
 * </ul>
 * {@code METHOD} is the HTTP method in capitals ({@code POST}); {@code path} is the path the sender
 * calls, as written in its request line, without scheme, host or query
 * ({@code /api/v1/orders/3f2b8c1e-7d4a-4e21-9c55-0a1b2c3d4e5f/shipment}: the gateway forwards it
 * unchanged, so the service sees the same); {@code body} is the raw bytes sent, nothing for no body.
 * A line feed cannot occur in a timestamp, a method or a request path, so no two requests sign the
 * same text. Signing the method and path binds a signature to the one operation and resource it was
 * made for: a carrier's notice for one order's shipment is not one for another order, nor for its
 * delivery.
 *
 * <p>A request is accepted once: when its timestamp lies within the tolerance of now (a captured
 * request cannot be sent later), the signature matches, and the signature was not used before. The
 * signature is recorded in {@link UsedSignatures}, in the transaction of the request's effect, so a
 * copy sent again while the timestamp is still fresh is refused on every node that shares the
 * database. A request that fails changes nothing, the record of its signature included.
 */
public final class SignedRequests {

    public static final String SCHEME = "sha256=";

    /** How long past the tolerance a used signature is kept: nodes' clocks may differ a little. */
    static final Duration CLOCK_SKEW_MARGIN = Duration.ofMinutes(1);

    /** What an accepted request does, in the transaction that records its signature as used. */
    @FunctionalInterface
    public interface Effect<T> {
        T apply() throws IOException;
    }

    /** A verified request: its signature (lowercase hex) and when keeping it stops mattering. */
    record Verified(String signature, Instant expiresAt) {
    }

    private final String sender;
    private final String timestampHeader;
    private final String signatureHeader;
    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;
    private final UsedSignatures usedSignatures;

    /**
     * @param sender who signs, for messages and the record of used signatures ("the CRM webhook")
     * @param secret the shared secret; null or blank refuses every request (nothing configured)
     */
    public SignedRequests(String sender, String timestampHeader, String signatureHeader, String secret,
            Duration tolerance, Clock clock, UsedSignatures usedSignatures) {
        this.sender = sender;
        this.timestampHeader = timestampHeader;
        this.signatureHeader = signatureHeader;
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
        this.usedSignatures = usedSignatures;
    }

    public boolean isConfigured() {
        return secret != null;
    }

    /**
     * Verifies the REST request on {@code exchange} and, if it is signed, fresh and not seen before,
     * runs {@code effect} in the transaction that records its signature.
     *
     * @throws InvalidSignatureException (401) when it is not; nothing is changed then
     */
    public <T> T accept(Exchange exchange, Effect<T> effect) throws IOException {
        return accept(Request.of(exchange, timestampHeader, signatureHeader), effect);
    }

    /** {@link #accept(Exchange, Effect)} for a request already taken apart. */
    public <T> T accept(Request request, Effect<T> effect) throws IOException {
        Verified verified = verify(request);
        return usedSignatures.useOnce(sender, verified.signature(), verified.expiresAt(), effect);
    }

    /**
     * Checks that the request was signed with the shared secret at a moment within the tolerance.
     * Says nothing about whether the signature was used before.
     *
     * @throws InvalidSignatureException when it was not
     */
    Verified verify(Request request) {
        if (secret == null) {
            throw new InvalidSignatureException("No shared secret for " + sender + " is configured here, so "
                    + "every call is refused.");
        }
        if (request.timestamp() == null || request.signature() == null) {
            throw new InvalidSignatureException("Sign the request: send " + timestampHeader + " and "
                    + signatureHeader + " (" + SCHEME + "...).");
        }
        String timestamp = request.timestamp().trim();
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | DateTimeException e) {
            throw new InvalidSignatureException(timestampHeader + " must be seconds since the epoch.");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw new InvalidSignatureException(timestampHeader + " is too far from now: the request is refused "
                    + "as a possible replay.");
        }
        byte[] expected = hmac(secret, timestamp, request.method(), request.path(), request.body());
        // Constant time, so the comparison does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(expected, given(request.signature()))) {
            throw new InvalidSignatureException("The signature does not match the request: sign the timestamp, "
                    + "method, path and body as the API documentation says.");
        }
        // The computed value, not the header: "SHA256=ABC..." must count as the same signature as "sha256=abc...".
        return new Verified(HexFormat.of().formatHex(expected), signedAt.plus(tolerance).plus(CLOCK_SKEW_MARGIN));
    }

    /** The signature header value a sender computes for a request. */
    public static String sign(String secret, String timestamp, String method, String path, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, method,
                path, body));
    }

    /** The HMAC in a signature header, or nothing that can match. */
    private static byte[] given(String header) {
        String value = header.trim();
        if (value.length() < SCHEME.length() || !value.substring(0, SCHEME.length()).equalsIgnoreCase(SCHEME)) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(value.substring(SCHEME.length()));
        } catch (IllegalArgumentException notHex) {
            return new byte[0];
        }
    }

    private static byte[] hmac(byte[] secret, String timestamp, String method, String path, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String head = timestamp + "\n" + method + "\n" + path + "\n";
            mac.update(head.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The parts of a request that its signature covers, and the two signature headers.
     *
     * @param method    the HTTP method, in capitals
     * @param path      the path as the sender wrote it in the request line, without the query
     * @param body      the raw body, null for none
     */
    public record Request(String method, String path, String timestamp, String signature, byte[] body) {

        /**
         * The request a REST route received: method and path from the HTTP request itself (never from
         * headers a caller could set), the two signature headers and the raw body.
         */
        static Request of(Exchange exchange, String timestampHeader, String signatureHeader) {
            Message in = exchange.getMessage();
            String method;
            String path;
            if (in instanceof PlatformHttpMessage http) {
                method = http.getRequest().getMethod();
                path = http.getRequest().getRequestURI();
            } else {
                method = in.getHeader(Exchange.HTTP_METHOD, String.class);
                path = in.getHeader(Exchange.HTTP_URI, String.class);
            }
            return new Request(method, path, in.getHeader(timestampHeader, String.class),
                    in.getHeader(signatureHeader, String.class), ApiRequests.rawBody(exchange));
        }
    }
}
