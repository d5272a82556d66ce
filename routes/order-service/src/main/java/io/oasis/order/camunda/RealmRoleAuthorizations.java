package io.oasis.order.camunda;

import io.oasis.order.order.OrderAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks, in terms of the realm's roles (which engine-rest passes as the
 * caller's groups): the realm's {@code admin} is a Camunda admin with every right on every resource; a
 * {@code process-designer} may deploy and read deployments and definitions. No other role has any right in the engine: the order API calls
 * it on the caller's behalf, without an engine user, after its own checks.
 */
@Component
public class RealmRoleAuthorizations extends AbstractProcessEnginePlugin {

    /** Group (realm role) → resource → what it may do on every resource of that type. */
    static final Map<String, Map<Resources, List<Permission>>> GRANTS = Map.of(
            EngineRestAccess.PROCESS_DESIGNER, Map.of(
                    Resources.DEPLOYMENT, List.of(Permissions.CREATE, Permissions.READ),
                    Resources.PROCESS_DEFINITION, List.of(Permissions.READ),
                    Resources.DECISION_DEFINITION, List.of(Permissions.READ),
                    Resources.DECISION_REQUIREMENTS_DEFINITION, List.of(Permissions.READ)),
            // Being in an admin group only opens the admin-only operations; every resource needs its grant,
            // as Camunda's own admin set-up gives its camunda-admin group.
            OrderAccess.ADMIN, Arrays.stream(Resources.values())
                    .collect(Collectors.toMap(resource -> resource, resource -> List.of(Permissions.ALL))));

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The engine adds its own camunda-admin group to these.
        List<String> adminGroups = new ArrayList<>(configuration.getAdminGroups() == null ? List.of()
                : configuration.getAdminGroups());
        adminGroups.add(OrderAccess.ADMIN);
        configuration.setAdminGroups(adminGroups);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        GRANTS.forEach((group, resources) -> resources.forEach((resource, permissions) ->
                grant(authorizations, group, resource, permissions)));
    }

    /** Adds what is missing to the group's grant on every resource of the type; several nodes may race here. */
    private static void grant(AuthorizationService authorizations, String group, Resource resource,
            List<Permission> permissions) {
        Authorization grant = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(Authorization.ANY).singleResult();
        if (grant == null) {
            grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId(Authorization.ANY);
        } else if (permissions.stream().allMatch(grant::isPermissionGranted)) {
            return;
        }
        permissions.forEach(grant::addPermission);
        try {
            authorizations.saveAuthorization(grant);
        } catch (RuntimeException raced) {
            Authorization saved = authorizations.createAuthorizationQuery().groupIdIn(group)
                    .resourceType(resource).resourceId(Authorization.ANY).singleResult();
            if (saved == null || !permissions.stream().allMatch(saved::isPermissionGranted)) {
                throw raced;
            }
        }
    }
}
