package io.oasis.gateway.access;

import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.config.GatewayProperties;
import io.oasis.gateway.contract.ApiOperation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The role table of config/gateway.yml: which roles may call each documented operation. An
 * operation without a rule is refused to everyone (closed by default).
 */
public final class AccessPolicy {

    private final Map<String, List<String>> rolesByOperation = new HashMap<>();

    public AccessPolicy(List<GatewayProperties.AccessRule> rules) {
        for (GatewayProperties.AccessRule rule : rules) {
            rolesByOperation.put(rule.method().toUpperCase(Locale.ROOT) + " " + rule.path(), List.copyOf(rule.roles()));
        }
    }

    /** The roles of an operation; empty if the table has no rule for it. */
    public List<String> roles(ApiOperation operation) {
        return rolesByOperation.getOrDefault(operation.key(), List.of());
    }

    public boolean isPublic(ApiOperation operation) {
        return isPublic(roles(operation));
    }

    /** Whether the operation is public or the caller has one of its roles. */
    public boolean allows(ApiOperation operation, Optional<CurrentUser> caller) {
        List<String> allowed = roles(operation);
        return isPublic(allowed) || (caller.isPresent() && allowed.stream().anyMatch(caller.get()::hasRole));
    }

    /** The detail of the 403 for a caller the operation does not allow. */
    public static String refusal(ApiOperation operation) {
        return "The caller's roles do not allow " + operation.key();
    }

    private static boolean isPublic(List<String> roles) {
        return roles.contains(GatewayProperties.PUBLIC);
    }
}
