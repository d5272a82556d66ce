package io.oasis.common.contract;

import java.util.List;
import java.util.function.Predicate;

/**
 * One operation of the public API, as {@link ApiDocument} describes it.
 *
 * @param id the {@code operationId}, which is also the route id of the service's operation
 * @param method HTTP method, upper case
 * @param path the path template, e.g. {@code /api/v1/customers/{id}}
 * @param service the service that answers it ({@code x-oasis-service}); {@link #GATEWAY} for the gateway's own
 * @param roles the realm roles that may call it ({@code x-oasis-roles}); empty for a public operation
 * @param open public: no token needed, for a provider's callback that carries its own signature
 */
public record ApiOperation(String id, String method, String path, String service, List<String> roles,
        boolean open) {

    /** Operations the gateway answers itself rather than forwarding. */
    public static final String GATEWAY = "gateway";

    public ApiOperation {
        roles = List.copyOf(roles);
    }

    public boolean forwarded() {
        return !GATEWAY.equals(service);
    }

    /** {@code METHOD path}. */
    public String key() {
        return method + " " + path;
    }

    /** Whether the operation is public or a caller with these roles has one of its roles. */
    public boolean allows(Predicate<String> callerHasRole) {
        return open || roles.stream().anyMatch(callerHasRole);
    }

    /** The detail of the 403 for a caller the operation does not allow. */
    public String refusal() {
        return "The caller's roles do not allow " + key() + " (" + id + "): it needs one of " + String.join(", ", roles);
    }
}
