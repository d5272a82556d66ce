package io.oasis.common.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Who is calling, from the validated access token: what routes need for role and ownership checks.
 *
 * @param subject the stable user id ({@code sub}); compare owners with this, not the username
 * @param username {@code preferred_username} ({@code service-account-<client>} for a service account)
 * @param email may be null (service accounts)
 * @param name full name; may be null
 * @param givenName {@code given_name}; may be null
 * @param familyName {@code family_name}; may be null
 * @param roles realm roles
 * @param clientId the client the token was issued to ({@code azp})
 * @param emailVerified the identity provider checked that the user receives mail at {@code email}
 *     ({@code email_verified})
 */
public record CurrentUser(String subject, String username, String email, String name, String givenName,
        String familyName, List<String> roles, String clientId, boolean emailVerified) {

    /** A caller whose address nobody verified. */
    public CurrentUser(String subject, String username, String email, String name, String givenName,
            String familyName, List<String> roles, String clientId) {
        this(subject, username, email, name, givenName, familyName, roles, clientId, false);
    }

    /** Exchange property under which the caller is kept once resolved, so later steps still find it. */
    public static final String EXCHANGE_PROPERTY = "OasisCurrentUser";

    public static CurrentUser from(Jwt jwt) {
        return new CurrentUser(text(jwt, "sub"), text(jwt, "preferred_username"), text(jwt, "email"),
                text(jwt, "name"), text(jwt, "given_name"), text(jwt, "family_name"),
                RealmRolesConverter.realmRoles(jwt), text(jwt, "azp"), "true".equals(text(jwt, "email_verified")));
    }

    /** A claim as text, read from the parsed claims: getClaimAsString converts each one, on every request. */
    private static String text(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        return value == null ? null : value.toString();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The caller of an HTTP exchange. Camel runs platform-http routes on its own threads, so the
     * caller is read from the servlet request (where Spring Security keeps the context of a
     * stateless request) rather than from the thread; the current thread is the fallback.
     *
     * @throws IllegalStateException if the exchange has no authenticated caller
     */
    public static CurrentUser of(Exchange exchange) {
        return find(exchange).orElseThrow(() -> new IllegalStateException("No authenticated caller on this exchange"));
    }

    public static Optional<CurrentUser> find(Exchange exchange) {
        CurrentUser known = exchange.getProperty(EXCHANGE_PROPERTY, CurrentUser.class);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CurrentUser> caller = fromRequest(exchange).or(CurrentUser::current);
        caller.ifPresent(user -> exchange.setProperty(EXCHANGE_PROPERTY, user));
        return caller;
    }

    /** The caller on the current thread (plain Spring MVC code, tests). */
    public static Optional<CurrentUser> current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    private static Optional<CurrentUser> fromRequest(Exchange exchange) {
        HttpServletRequest request = exchange.getIn() instanceof PlatformHttpMessage message
                ? message.getRequest()
                : exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        if (request == null) {
            return Optional.empty();
        }
        Object context = request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        return context instanceof SecurityContext security ? from(security.getAuthentication()) : Optional.empty();
    }

    private static Optional<CurrentUser> from(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()
                ? Optional.of(from(token.getToken()))
                : Optional.empty();
    }
}
