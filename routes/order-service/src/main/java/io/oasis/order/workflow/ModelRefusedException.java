package io.oasis.order.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * A deployment refused because a model check found errors. It is the engine's own {@link ParseException}, so
 * engine-rest answers it as it answers an invalid model: 400, with every finding listed per file under
 * {@code details} (message and element id) and all of them in {@code message}, which is what Camunda Modeler
 * shows in its deploy dialog. The transaction rolls back: nothing of the deployment is kept.
 */
public class ModelRefusedException extends ParseException {

    private final List<Finding> findings;
    private final boolean atStartUp;

    public ModelRefusedException(List<Finding> findings, boolean atStartUp) {
        super(message(findings), findings.get(0).resourceName(), problems(findings, findings.get(0).resourceName(), true),
                problems(findings, findings.get(0).resourceName(), false));
        this.findings = List.copyOf(findings);
        this.atStartUp = atStartUp;
        Map<String, List<Finding>> byResource = new LinkedHashMap<>();
        findings.forEach(finding -> byResource.computeIfAbsent(finding.resourceName(), name -> new ArrayList<>()).add(finding));
        resorceReports = byResource.entrySet().stream()
                .map(entry -> (ResourceReport) new Report(entry.getKey(), problems(entry.getValue(), entry.getKey(), true),
                        problems(entry.getValue(), entry.getKey(), false)))
                .toList();
    }

    /** Errors and warnings alike. */
    public List<Finding> findings() {
        return findings;
    }

    /** The models packaged into the service, deployed while the engine starts. */
    public boolean atStartUp() {
        return atStartUp;
    }

    private static String message(List<Finding> findings) {
        return "Deployment refused, the previous version keeps serving: " + findings.stream().filter(Finding::error)
                .map(Finding::describe).collect(Collectors.joining("; "));
    }

    private static List<Problem> problems(List<Finding> findings, String resourceName, boolean errors) {
        return findings.stream().filter(finding -> finding.error() == errors && finding.resourceName().equals(resourceName))
                .map(finding -> (Problem) finding).toList();
    }

    private record Report(String getResourceName, List<Problem> getErrors, List<Problem> getWarnings)
            implements ResourceReport {
    }
}
