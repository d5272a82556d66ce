package io.oasis.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Writes the security failures as {@code application/problem+json}, in the same shape as every
 * other Oasis error (type, title, status, detail, instance). The standard bearer handlers set the
 * status and the {@code WWW-Authenticate} header (RFC 6750); this adds the body.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String UNAUTHORIZED = "urn:oasis:problem:unauthorized";
    static final String FORBIDDEN = "urn:oasis:problem:forbidden";
    /** The type of a 503 when a token could not be checked: the realm's keys were unavailable. */
    public static final String AUTH_UNAVAILABLE = "urn:oasis:problem:auth-unavailable";

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
    private final ObjectMapper json;

    public SecurityProblems(ObjectMapper json, String realmName) {
        this.json = json;
        bearerEntryPoint.setRealmName(realmName);
        bearerAccessDenied.setRealmName(realmName);
    }

    /** No token, or a token that is not valid: 401. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearerEntryPoint.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException oauth
                ? describe(oauth)
                : "A bearer token is required";
        write(request, response, UNAUTHORIZED, "Unauthorized", detail);
    }

    /** A valid token without the role the endpoint needs: 403. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerAccessDenied.handle(request, response, denied);
        write(request, response, FORBIDDEN, "Forbidden", "The caller's roles do not allow this request");
    }

    /**
     * A failed bearer authentication. If the keys could not be fetched at all (Keycloak down and
     * nothing cached yet) the token was not judged, so the answer is 503, not 401.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            write(request, response, AUTH_UNAVAILABLE, "Authentication unavailable",
                    "The token could not be checked because the identity provider's keys are unavailable");
            return;
        }
        commence(request, response, failure);
    }

    private static String describe(OAuth2AuthenticationException failure) {
        if (failure.getError() instanceof BearerTokenError error && error.getDescription() != null) {
            return error.getDescription();
        }
        return "The bearer token is not valid";
    }

    private void write(HttpServletRequest request, HttpServletResponse response, String type, String title,
            String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", response.getStatus());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter.
        response.setContentType(MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
