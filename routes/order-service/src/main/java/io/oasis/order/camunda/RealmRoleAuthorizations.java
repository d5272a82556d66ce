package io.oasis.order.camunda;

import io.oasis.order.order.OrderAccess;
import java.util.ArrayList;
import java.util.List;
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
 * The engine's authorization checks, in terms of the realm's roles (the Camunda groups of engine-rest
 * callers and of web-app users): the realm's {@code admin} is a Camunda admin with every right on every
 * resource, every web app included. A {@code process-designer} may deploy, and read deployments,
 * definitions and their instances, incidents and history: Cockpit, read-only. An {@code order-manager}
 * opens Tasklist and its task lists; which tasks they see and may complete the engine grants per task
 * to its candidate group (Task_ReviewOrder's {@code order-managers}, a realm group), with
 * {@code TASK_WORK} only (claim and complete, see order-service.yml). No other role has any right in the
 * engine: the order API calls it on the caller's behalf, without an engine user, after its own checks.
 */
@Component
public class RealmRoleAuthorizations extends AbstractProcessEnginePlugin {

    /** One grant: a group's permissions on one resource of a type, or on all ({@link Authorization#ANY}). */
    record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
    }

    static final List<Grant> GRANTS = grants();

    private static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>(List.of(
                new Grant(EngineRestAccess.PROCESS_DESIGNER, Resources.APPLICATION, "cockpit",
                        List.of(Permissions.ACCESS)),
                new Grant(EngineRestAccess.PROCESS_DESIGNER, Resources.DEPLOYMENT, Authorization.ANY,
                        List.of(Permissions.CREATE, Permissions.READ)),
                new Grant(EngineRestAccess.PROCESS_DESIGNER, Resources.PROCESS_DEFINITION, Authorization.ANY,
                        List.of(Permissions.READ, Permissions.READ_INSTANCE, Permissions.READ_HISTORY)),
                new Grant(EngineRestAccess.PROCESS_DESIGNER, Resources.DECISION_DEFINITION, Authorization.ANY,
                        List.of(Permissions.READ, Permissions.READ_HISTORY)),
                new Grant(EngineRestAccess.PROCESS_DESIGNER, Resources.DECISION_REQUIREMENTS_DEFINITION,
                        Authorization.ANY, List.of(Permissions.READ)),
                new Grant(OrderAccess.ORDER_MANAGER, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
                new Grant(OrderAccess.ORDER_MANAGER, Resources.FILTER, Authorization.ANY, List.of(Permissions.READ))));
        // Being in an admin group only opens the admin-only operations; every resource needs its grant,
        // as Camunda's own admin set-up gives its camunda-admin group.
        for (Resources resource : Resources.values()) {
            grants.add(new Grant(OrderAccess.ADMIN, resource, Authorization.ANY, List.of(Permissions.ALL)));
        }
        return List.copyOf(grants);
    }

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
        GRANTS.forEach(grant -> grant(authorizations, grant));
    }

    /** Adds what is missing to the group's grant on the resource; several nodes may race here. */
    private static void grant(AuthorizationService authorizations, Grant wanted) {
        Authorization grant = existing(authorizations, wanted);
        if (grant == null) {
            grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(wanted.group());
            grant.setResource(wanted.resource());
            grant.setResourceId(wanted.resourceId());
        } else if (wanted.permissions().stream().allMatch(grant::isPermissionGranted)) {
            return;
        }
        wanted.permissions().forEach(grant::addPermission);
        try {
            authorizations.saveAuthorization(grant);
        } catch (RuntimeException raced) {
            Authorization saved = existing(authorizations, wanted);
            if (saved == null || !wanted.permissions().stream().allMatch(saved::isPermissionGranted)) {
                throw raced;
            }
        }
    }

    private static Authorization existing(AuthorizationService authorizations, Grant wanted) {
        return authorizations.createAuthorizationQuery().groupIdIn(wanted.group())
                .resourceType(wanted.resource()).resourceId(wanted.resourceId()).singleResult();
    }
}
