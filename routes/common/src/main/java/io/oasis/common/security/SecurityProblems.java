package io.oasis.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;
import io.oasis.common.error.ProblemWriter;
import io.oasis.common.error.ServiceUnavailableException;
import io.oasis.common.error.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The security failures as problems, written by the {@link ProblemWriter} like every other Oasis error. The
 * standard bearer handlers decide the {@code WWW-Authenticate} challenge (RFC 6750); the problem carries it.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    /** The type of a 503 when a token could not be checked: the realm's keys were unavailable. */
    public static final String AUTH_UNAVAILABLE = "urn:oasis:problem:auth-unavailable";

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
    private final ProblemWriter problems;

    public SecurityProblems(ObjectMapper json, String realmName) {
        this.problems = new ProblemWriter(json);
        bearerEntryPoint.setRealmName(realmName);
        bearerAccessDenied.setRealmName(realmName);
    }

    /** No token, or a token that is not valid: 401. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) {
        bearerEntryPoint.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException oauth
                ? describe(oauth)
                : "A bearer token is required";
        write(request, response, new UnauthorizedException(detail, response.getHeader("WWW-Authenticate")));
    }

    /** A valid token without the role the endpoint needs: 403, with the bearer challenge naming the scope error. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
        bearerAccessDenied.handle(request, response, denied);
        write(request, response, new Forbidden(response.getHeader("WWW-Authenticate")));
    }

    /**
     * A failed bearer authentication. If the keys could not be fetched at all (Keycloak down and
     * nothing cached yet) the token was not judged, so the answer is 503, not 401.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            write(request, response, keysUnavailable());
            return;
        }
        commence(request, response, failure);
    }

    /** The 503 of a token that could not be checked, for the identity provider's keys could not be had. */
    public static ServiceUnavailableException keysUnavailable() {
        return new ServiceUnavailableException(AUTH_UNAVAILABLE, "Authentication unavailable",
                "The token could not be checked because the identity provider's keys are unavailable", 5);
    }

    private static String describe(OAuth2AuthenticationException failure) {
        if (failure.getError() instanceof BearerTokenError error && error.getDescription() != null) {
            return error.getDescription();
        }
        return "The bearer token is not valid";
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemException failure) {
        problems.write(response, problems.answer(failure, request.getRequestURI(),
                response.getHeader(CorrelationId.HEADER)));
    }

    /** 403 with the challenge the bearer handler chose. */
    private static final class Forbidden extends ProblemException {

        Forbidden(String challenge) {
            super(ProblemType.FORBIDDEN, "The caller's roles do not allow this request",
                    challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge));
        }
    }
}
