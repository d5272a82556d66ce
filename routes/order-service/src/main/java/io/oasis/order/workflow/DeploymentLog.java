package io.oasis.order.workflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXParseException;

/**
 * One log line per deployed file (file, key, version, who and how) and per warning, after the deployment has
 * committed; one line per problem of a refused deployment (file, element, what is wrong), whoever refused it (a
 * model check or the engine's parser). It wraps every engine command outside its transaction and looks only at
 * deployments, so start-up, folder and engine-rest deploys are all reported alike. The launcher prints this
 * logger on its console.
 * <p>
 * A refusal of the packaged models at start-up is reported and does not stop the engine: the service starts
 * with the versions deployed before, as it would keep serving them after any other refused deployment.
 */
final class DeploymentLog extends CommandInterceptor {

    static final Logger LOG = LoggerFactory.getLogger(DeploymentLog.class);

    private final ModelWarnings warnings;

    DeploymentLog(ModelWarnings warnings) {
        this.warnings = warnings;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (!(command instanceof DeployCmd)) {
            return next.execute(command);
        }
        try {
            T result = next.execute(command);
            if (result instanceof DeploymentWithDefinitions deployment) {
                deployed(deployment);
            }
            return result;
        } catch (ParseException refused) {
            refused(refused);
            if (refused instanceof ModelRefusedException models && models.atStartUp()) {
                // A model refused at start-up must not keep the service down: it serves what was deployed before.
                LOG.error("The models packaged into the service were refused: it starts with the versions deployed "
                        + "before (none on a first start); fix the files and deploy them again");
                return null;
            }
            throw refused;
        } catch (RuntimeException failed) {
            LOG.error("Refused: {}{}; the previous version keeps serving", failed.getMessage(), position(failed));
            throw failed;
        }
    }

    private void deployed(DeploymentWithDefinitions deployment) {
        List<ResourceDefinition> definitions = new ArrayList<>();
        if (deployment.getDeployedProcessDefinitions() != null) {
            definitions.addAll(deployment.getDeployedProcessDefinitions());
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            definitions.addAll(deployment.getDeployedDecisionDefinitions());
        }
        String how = " (" + (deployment.getSource() == null ? "deployment " : deployment.getSource() + ", deployment ")
                + deployment.getId() + ")";
        if (definitions.isEmpty()) {
            LOG.info("Unchanged {}: same as the version serving, no new version{}", deployment.getName(), how);
            return;
        }
        List<Finding> found = warnings.of(deployment.getId());
        for (ResourceDefinition definition : definitions) {
            long count = found.stream().filter(w -> w.resourceName().equals(definition.getResourceName())).count();
            LOG.info("Deployed {}: {} version {}{}{}", DecisionsWithTheirProcesses.fileName(definition.getResourceName()),
                    definition.getKey(),
                    definition.getVersion(), count == 0 ? "" : ", " + count + (count == 1 ? " warning" : " warnings"), how);
        }
        for (Finding warning : found) {
            LOG.warn("Warning {}", warning.describe());
        }
    }

    /** A file that is not well-formed XML: the line and column are only in the XML parser's exception. */
    private static String position(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SAXParseException xml) {
                return " (line " + xml.getLineNumber() + ", column " + xml.getColumnNumber() + ")";
            }
        }
        return "";
    }

    private static void refused(ParseException refused) {
        List<ResourceReport> reports = refused.getResorceReports();
        if (reports == null || reports.stream().allMatch(report -> report.getErrors().isEmpty())) {
            LOG.error("Refused: {}; the previous version keeps serving", refused.getMessage());
            return;
        }
        for (ResourceReport report : reports) {
            for (Problem problem : report.getErrors()) {
                String where = problem.getMainElementId() == null ? "" : " " + problem.getMainElementId();
                String position = problem.getLine() > 0 ? " (line " + problem.getLine() + ", column " + problem.getColumn()
                        + ")" : "";
                LOG.error("Refused {}{}: {}{}; the previous version keeps serving", report.getResourceName(), where,
                        problem.getMessage(), position);
            }
        }
    }
}
