package io.oasis.order.camunda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person Spring Security has authenticated for the current request, as the engine's identity
 * service sees them: a web-app user signed in through Keycloak (their ID token) or an engine-rest
 * caller (their access token). The user id is the token's subject, as orders record actors; the
 * groups are the realm roles and, for web-app users, the realm groups ({@link KeycloakGroups}).
 */
record SignedInPerson(String id, String firstName, String lastName, String email, List<String> groups) {

    /** Authorities that name a Camunda group: {@code ROLE_<realm role>} and {@code GROUP_<realm group>}. */
    static final List<String> GROUP_AUTHORITY_PREFIXES =
            List.of(KeycloakGroups.ROLE_PREFIX, KeycloakGroups.GROUP_PREFIX);

    static Optional<SignedInPerson> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        Map<String, Object> claims = null;
        if (authentication.getPrincipal() instanceof OidcUser user) {
            claims = user.getClaims();
        } else if (authentication.getPrincipal() instanceof Jwt token) {
            claims = token.getClaims();
        }
        if (claims == null || !(claims.get("sub") instanceof String subject)) {
            return Optional.empty();
        }
        return Optional.of(new SignedInPerson(subject, text(claims, "given_name"), text(claims, "family_name"),
                text(claims, "email"), groups(authentication)));
    }

    private static List<String> groups(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .flatMap(authority -> GROUP_AUTHORITY_PREFIXES.stream().filter(authority::startsWith)
                        .map(prefix -> authority.substring(prefix.length())))
                .distinct().toList();
    }

    private static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }
}
