package io.oasis.order.workflow;

import io.oasis.common.security.CurrentUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records who made each new deployment, when the engine knows: the signed-in engine user (the token's
 * subject, see {@code TokenAuthenticationProvider}) and their username. Written in the deployment's own
 * transaction, so a refused deployment leaves no row.
 */
@Component
public class DeploymentActors extends AbstractProcessEnginePlugin {

    private final ObjectProvider<JdbcTemplate> jdbc;
    private final Clock clock;

    public DeploymentActors(ObjectProvider<JdbcTemplate> jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Who deployed: the token's subject, and the username where it was known. */
    public record Actor(String subject, String username) {
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = new ArrayList<>();
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        deployers.add(this::record);
        configuration.setCustomPreDeployers(deployers);
    }

    /** Who made the deployment, if it was a signed-in user. */
    public Optional<Actor> of(String deploymentId) {
        return jdbc.getObject().query("SELECT deployed_by, deployed_by_name FROM workflow_deployment WHERE deployment_id = ?",
                (rs, i) -> new Actor(rs.getString(1), rs.getString(2)), deploymentId).stream().findFirst();
    }

    private void record(DeploymentEntity deployment) {
        // The engine deploys again from the database when a definition drops out of its cache: not new then.
        if (!deployment.isNew()) {
            return;
        }
        String user = Context.getCommandContext().getAuthenticatedUserId();
        if (user == null || user.isBlank()) {
            return;
        }
        String username = CurrentUser.current().filter(caller -> user.equals(caller.subject()))
                .map(CurrentUser::username).orElse(null);
        jdbc.getObject().update("INSERT INTO workflow_deployment (deployment_id, deployed_by, deployed_by_name, deployed_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", deployment.getId(), user, username,
                Timestamp.from(clock.instant()));
    }
}
