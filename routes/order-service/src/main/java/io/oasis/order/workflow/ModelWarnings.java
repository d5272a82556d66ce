package io.oasis.order.workflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The warnings of each deployment that went live, in table {@code workflow_model_warning}, written in the
 * deployment's own transaction (the engine shares this service's datasource and transactions), so they exist
 * exactly when the deployment does. Start-up deploys happen while the engine is built, hence after Flyway.
 */
@Component
@DependsOn("flywayInitializer")
public class ModelWarnings {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ModelWarnings(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String deploymentId, List<Finding> warnings) {
        Timestamp now = Timestamp.from(clock.instant());
        int position = 0;
        for (Finding warning : warnings) {
            jdbc.update("INSERT INTO workflow_model_warning (deployment_id, resource_name, position, element_id, message,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?)", deploymentId, warning.resourceName(), position++,
                    warning.elementId(), warning.message(), now);
        }
    }

    /** The warnings a deployment went live with, in the order they were found. */
    public List<Finding> of(String deploymentId) {
        return jdbc.query("SELECT resource_name, element_id, message FROM workflow_model_warning WHERE deployment_id = ?"
                + " ORDER BY resource_name, position", (row, i) -> new Finding(row.getString(1), row.getString(2),
                        row.getString(3), false), deploymentId);
    }
}
