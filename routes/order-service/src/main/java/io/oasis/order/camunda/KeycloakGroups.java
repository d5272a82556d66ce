package io.oasis.order.camunda;

import io.oasis.common.security.RealmRolesConverter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * What a web-app user signed in as: their realm roles ({@code ROLE_<role>}, as the API's tokens give
 * them) and realm groups ({@code GROUP_<group>}), read from the ID token, where the web apps' Keycloak
 * client puts both. Both become the user's Camunda groups ({@link SignedInPerson}): roles are what
 * {@link RealmRoleAuthorizations} grants rights to, groups are what user tasks name as candidates.
 */
final class KeycloakGroups implements GrantedAuthoritiesMapper {

    static final String ROLE_PREFIX = "ROLE_";
    static final String GROUP_PREFIX = "GROUP_";
    /** The ID token claim with the user's group names (no paths), from the client's group mapper. */
    static final String GROUPS_CLAIM = "groups";

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>();
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority user) {
                Map<String, Object> claims = user.getIdToken().getClaims();
                RealmRolesConverter.realmRoles(claims)
                        .forEach(role -> mapped.add(new SimpleGrantedAuthority(ROLE_PREFIX + role)));
                if (claims.get(GROUPS_CLAIM) instanceof Collection<?> groups) {
                    groups.forEach(group -> mapped.add(new SimpleGrantedAuthority(GROUP_PREFIX + group)));
                }
            }
        }
        return mapped;
    }
}
