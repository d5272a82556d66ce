package io.oasis.order.workflow.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Every user task offers itself to a candidate group that exists in the realm, as a realm role or a group
 * (people see and claim tasks through these): a task for no group, or for a group nobody is in, is never done.
 * The realm export ({@code oasis.workflows.realm-file}, by default the one the repository's {@code keycloak/realm/}
 * packages) says which exist. Groups given by expression are resolved per order and not checked.
 */
@Component
public class CandidateGroupCheck implements ModelCheck {

    private final Set<String> groups;

    public CandidateGroupCheck(@Value("${oasis.workflows.realm-file}") Resource realm, ObjectMapper json) {
        this.groups = groups(realm, json);
    }

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            List<String> candidates = task.getCamundaCandidateGroupsList();
            if (candidates.isEmpty()) {
                findings.error(task.getId(), "User task " + task.getId() + " has no candidate group, so no one is "
                        + "offered it: set one of " + groups);
                continue;
            }
            for (String group : candidates) {
                if (!group.contains("${") && !group.contains("#{") && !groups.contains(group.trim())) {
                    findings.error(task.getId(), "User task " + task.getId() + " is for candidate group '" + group.trim()
                            + "', which is neither a role nor a group of the realm: use one of " + groups);
                }
            }
        }
    }

    private static Set<String> groups(Resource realm, ObjectMapper json) {
        try (InputStream in = realm.getInputStream()) {
            JsonNode export = json.readTree(in);
            Set<String> names = new TreeSet<>();
            export.path("roles").path("realm").forEach(role -> names.add(role.path("name").asText()));
            List<JsonNode> groups = new ArrayList<>();
            export.path("groups").forEach(groups::add);
            while (!groups.isEmpty()) {
                JsonNode group = groups.remove(groups.size() - 1);
                names.add(group.path("name").asText());
                group.path("subGroups").forEach(groups::add);
            }
            names.remove("");
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the realm export " + realm, e);
        }
    }
}
