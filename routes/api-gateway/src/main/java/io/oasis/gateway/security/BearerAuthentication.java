package io.oasis.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.security.OasisSecurityAutoConfiguration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The caller of a request, from its {@code Authorization: Bearer} token, as the services' resource
 * server finds it: the realm's decoder judges the token (signature, issuer, audience, expiry, type).
 * A request without a bearer token has no caller; one with a token that is not valid fails with
 * {@link Failure#INVALID_TOKEN}, or with {@link Failure#UNAVAILABLE} when the realm's keys could not be
 * fetched at all, so the token was not judged.
 */
public final class BearerAuthentication {

    /** The scheme and the one space after it, in any case. */
    private static final String PREFIX = "bearer ";
    /** RFC 6750's b64token, the rule of Spring Security's own resolver, for what follows the prefix. */
    private static final Pattern B64TOKEN = Pattern.compile("[a-zA-Z0-9-._~+/]+=*");

    private final JwtDecoder decoder;
    private final Function<String, Jwt> accepted;
    // The decoder hands out the same Jwt for the same token (see VerifiedTokenCache), so its caller is
    // made once, and held as long as that Jwt is.
    private final Cache<Jwt, CurrentUser> callers = Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    /** @param decoder the realm's decoder; a {@link VerifiedTokenCache} also answers {@link #knownCaller} */
    public BearerAuthentication(JwtDecoder decoder) {
        this.decoder = decoder;
        this.accepted = decoder instanceof VerifiedTokenCache cache ? cache::known : token -> null;
    }

    /**
     * The caller of a bearer token the decoder has accepted before and that has not expired, found without
     * checking anything again; null for any other header (none, another scheme, a token not checked yet or
     * refused). What Authenticate asks first: everything else is checked only after its address has paid.
     */
    public CurrentUser knownCaller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        // Only well-formed tokens were ever accepted, so the lookup needs no check of the token's form
        // (matching it against B64TOKEN on every request cost a tenth of the gateway's CPU).
        Jwt jwt = accepted.apply(authorization.substring(PREFIX.length()));
        return jwt == null ? null : callers.get(jwt, CurrentUser::from);
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @return the caller; empty without a bearer token
     * @throws AuthenticationFailure if the token is malformed or not valid, or could not be checked
     */
    public Optional<CurrentUser> caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length() - 1)) {
            return Optional.empty();
        }
        // Another scheme (Basic, say) is no bearer token; "Bearer" with anything but a b64token is a bad one.
        String token = wellFormedToken(authorization);
        if (token == null) {
            throw new AuthenticationFailure(Failure.INVALID_TOKEN, "Bearer token is malformed");
        }
        try {
            Jwt jwt = decoder.decode(token);
            return Optional.of(callers.get(jwt, CurrentUser::from));
        } catch (BadJwtException e) {
            throw new AuthenticationFailure(Failure.INVALID_TOKEN, e.getMessage());
        } catch (JwtException e) {
            throw new AuthenticationFailure(Failure.UNAVAILABLE, e.getMessage());
        }
    }

    /** The token of a well-formed {@code Authorization: Bearer <token>}, else null. */
    private static String wellFormedToken(String authorization) {
        if (!authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = authorization.substring(PREFIX.length());
        return B64TOKEN.matcher(token).matches() ? token : null;
    }

    /**
     * The {@code WWW-Authenticate} challenge of a 401 (RFC 6750), as the services' resource server
     * writes it: the realm, and for a token that was refused, why.
     *
     * @param failure why the token was refused, or null when the request had none
     */
    public static String challenge(AuthenticationFailure failure) {
        String challenge = "Bearer realm=\"" + OasisSecurityAutoConfiguration.REALM_NAME + "\"";
        if (failure == null) {
            return challenge;
        }
        return challenge + ", error=\"invalid_token\", error_description=\"" + quotable(failure.getMessage())
                + "\", error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"";
    }

    /** The text as a quoted-string may hold it: printable ASCII, without quotes or backslashes. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : ' ');
        }
        return out.toString();
    }

    public enum Failure {
        INVALID_TOKEN, UNAVAILABLE
    }

    /** Why a request's token was not accepted. */
    public static final class AuthenticationFailure extends RuntimeException {

        private final Failure failure;

        AuthenticationFailure(Failure failure, String message) {
            super(message == null ? "The bearer token is not valid" : message, null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
