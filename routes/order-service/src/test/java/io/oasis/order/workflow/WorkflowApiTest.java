package io.oasis.order.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.CamundaModeler;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.Keycloak;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The workflows API: what is deployed, one version with its XML, and moving running instances between versions. */
class WorkflowApiTest extends OrderServiceTest {

    /** A small process of two waits, in two versions: the second has only the later wait. */
    private static final String TWO_STEPS = "workflow-api-two-steps";
    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"MUG-1","name":"Mug","quantity":2,"unitPrice":12.50}]}""";

    private static final Map<String, String> TOKENS = new java.util.LinkedHashMap<>();

    @Autowired
    private ObjectMapper json;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private TaskService tasks;

    @BeforeAll
    static void tokens() throws Exception {
        TOKENS.put("customer", Keycloak.accessToken(DemoUser.CUSTOMER));
        TOKENS.put("support", Keycloak.accessToken(DemoUser.SUPPORT));
        TOKENS.put("manager", Keycloak.accessToken(DemoUser.MANAGER));
        TOKENS.put("designer", Keycloak.accessToken(DemoUser.DESIGNER));
        TOKENS.put("admin", Keycloak.accessToken(DemoUser.ADMIN));
        withProfile(TOKENS.get("customer"));
    }

    @Test
    void designersAndAdminsListWhatIsDeployedWithInstancesPerVersion() throws Exception {
        for (String role : List.of("designer", "admin")) {
            HttpResponse<String> answer = send("GET", "/api/v1/workflows?size=100", TOKENS.get(role), null);

            assertThat(answer.statusCode()).as(role + ": " + answer.body()).isEqualTo(200);
            JsonNode page = json.readTree(answer.body());
            JsonNode lifecycle = item(page, OrderProcess.KEY);
            ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY)
                    .latestVersion().singleResult();
            assertThat(lifecycle.path("type").asText()).isEqualTo("process");
            assertThat(lifecycle.path("latestVersion").asInt()).isEqualTo(latest.getVersion());
            assertThat(lifecycle.path("deployment").path("id").asText()).isEqualTo(latest.getDeploymentId());
            assertThat(lifecycle.path("deployment").path("deployedAt").asText()).isNotBlank();
            assertThat(lifecycle.path("warnings").isArray()).isTrue();
            assertThat(lifecycle.path("versions").get(0).path("version").asInt()).isEqualTo(latest.getVersion());
            assertThat(item(page, "order-approval").path("type").asText()).isEqualTo("decision");
            assertThat(page.path("total").asLong()).isEqualTo(page.path("items").size());
        }
    }

    @Test
    void theListIsPagedLikeTheOtherLists() throws Exception {
        JsonNode first = json.readTree(send("GET", "/api/v1/workflows?size=1", TOKENS.get("designer"), null).body());
        JsonNode second = json.readTree(send("GET", "/api/v1/workflows?size=1&page=1", TOKENS.get("designer"), null).body());

        assertThat(first.path("items")).hasSize(1);
        assertThat(first.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(first.path("totalPages").asLong()).isEqualTo(first.path("total").asLong());
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(second.path("items").get(0).path("key").asText()).isGreaterThan(first.path("items").get(0).path("key").asText());
        assertThat(send("GET", "/api/v1/workflows?size=0", TOKENS.get("designer"), null).statusCode()).isEqualTo(400);
    }

    @Test
    void aVersionComesWithItsModelAndWhereItsInstancesAre() throws Exception {
        ProcessDefinition[] versions = twoStepVersions();
        startAtSecondStep(versions[0]);

        HttpResponse<String> answer = send("GET", "/api/v1/workflows/" + TWO_STEPS + "/versions/" + versions[0].getVersion(),
                TOKENS.get("designer"), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode version = json.readTree(answer.body());
        assertThat(version.path("definitionId").asText()).isEqualTo(versions[0].getId());
        assertThat(version.path("xml").asText()).contains("id=\"Task_First\"", "id=\"Task_Second\"");
        assertThat(version.path("runningInstances").asLong()).isPositive();
        assertThat(StreamSupport.stream(version.path("activities").spliterator(), false)
                .filter(activity -> activity.path("activityId").asText().equals("Task_Second")).findFirst().orElseThrow()
                .path("instances").asLong()).isPositive();

        int decisionVersion = repository.createDecisionDefinitionQuery().decisionDefinitionKey("order-approval")
                .latestVersion().singleResult().getVersion();
        JsonNode decision = json.readTree(send("GET", "/api/v1/workflows/order-approval/versions/" + decisionVersion,
                TOKENS.get("admin"), null).body());
        assertThat(decision.path("type").asText()).isEqualTo("decision");
        assertThat(decision.path("xml").asText()).contains("<decision id=\"order-approval\"");
    }

    @Test
    void aVersionShowsTheWarningsItWentLiveWith() throws Exception {
        String key = "warned-" + UUID.randomUUID();
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(180).startEvent()
                .serviceTask("Task_Refund").camundaDelegateExpression("${callConnector}")
                .camundaInputParameter("connector", "refund-payment")
                .endEvent().done();
        ProcessDefinition deployed = deploy(key + ".bpmn", Bpmn.convertToString(model));

        JsonNode version = json.readTree(send("GET", "/api/v1/workflows/" + key + "/versions/" + deployed.getVersion(),
                TOKENS.get("designer"), null).body());
        JsonNode listed = listed(key);

        assertThat(version.path("warnings")).singleElement().satisfies(warning ->
                assertThat(warning.asText()).startsWith("Task_Refund: ").contains("retry cycle"));
        assertThat(listed.path("warnings")).isEqualTo(version.path("warnings"));
    }

    @Test
    void anUnknownKeyOrVersionIs404AndAVersionThatIsNoNumberIs400() throws Exception {
        for (String path : List.of("/api/v1/workflows/order-lifecycle/versions/99999",
                "/api/v1/workflows/no-such-workflow/versions/1")) {
            HttpResponse<String> answer = send("GET", path, TOKENS.get("designer"), null);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertProblem(answer);
        }
        HttpResponse<String> notANumber = send("GET", "/api/v1/workflows/order-lifecycle/versions/one",
                TOKENS.get("designer"), null);
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertProblem(notANumber);
    }

    @Test
    void customersSupportAndManagersAre403AndNoTokenIs401() throws Exception {
        ProcessDefinition[] versions = twoStepVersions();
        String body = migration(versions[0].getVersion(), versions[1].getVersion());
        for (String role : List.of("customer", "support", "manager")) {
            for (HttpResponse<String> answer : List.of(
                    send("GET", "/api/v1/workflows", TOKENS.get(role), null),
                    send("GET", "/api/v1/workflows/order-lifecycle/versions/1", TOKENS.get(role), null),
                    send("POST", "/api/v1/workflows/" + TWO_STEPS + "/migrations", TOKENS.get(role), body))) {
                assertThat(answer.statusCode()).as(role + ": " + answer.uri()).isEqualTo(403);
                assertProblem(answer);
            }
        }
        assertThat(send("GET", "/api/v1/workflows", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/workflows/order-lifecycle/versions/1", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/workflows/" + TWO_STEPS + "/migrations", null, body).statusCode()).isEqualTo(401);
    }

    @Test
    void aModelerDeployShowsWhoDeployedItAndFromWhere() throws Exception {
        String key = "workflow-api-modeler-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = Bpmn.convertToString(Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(180)
                .startEvent().userTask("Task_Wait").camundaCandidateGroups("order-managers").endEvent().done());
        HttpResponse<String> deployed = CamundaModeler.deploy(baseUrl() + "/engine-rest", TOKENS.get("designer"),
                key + ".bpmn", xml);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

        JsonNode workflow = item(json.readTree(send("GET", "/api/v1/workflows?size=100", TOKENS.get("designer"), null).body()), key);

        assertThat(workflow.path("deployment").path("source").asText()).isEqualTo("Camunda Modeler");
        assertThat(workflow.path("deployment").path("deployedBy").path("username").asText()).isEqualTo("designer");
        assertThat(workflow.path("deployment").path("deployedBy").path("subject").asText()).isNotBlank();
        JsonNode packaged = item(json.readTree(send("GET", "/api/v1/workflows?size=100", TOKENS.get("designer"), null).body()),
                "order-approval");
        assertThat(packaged.path("deployment").path("deployedBy").isNull()).as("deployed at start-up, by no user").isTrue();
    }

    @Test
    void instancesTheEngineCannotMoveStayWithItsReasonAndTheOthersMove() throws Exception {
        ProcessDefinition[] versions = twoStepVersions();
        String atFirst = runtime.startProcessInstanceById(versions[0].getId(), "first-" + UUID.randomUUID()).getId();
        String atSecond = startAtSecondStep(versions[0]);

        HttpResponse<String> answer = send("POST", "/api/v1/workflows/" + TWO_STEPS + "/migrations", TOKENS.get("admin"),
                migration(versions[0].getVersion(), versions[1].getVersion()));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.path("moved").findValuesAsText("processInstanceId")).contains(atSecond).doesNotContain(atFirst);
        JsonNode refused = StreamSupport.stream(result.path("notMoved").spliterator(), false)
                .filter(instance -> instance.path("processInstanceId").asText().equals(atFirst)).findFirst().orElseThrow();
        assertThat(refused.path("failures").get(0).path("activityId").asText()).isEqualTo("Task_First");
        assertThat(refused.path("failures").get(0).path("message").asText()).isNotBlank();
        assertThat(result.path("plan").findValuesAsText("sourceActivityId")).contains("Task_Second");
        assertThat(definitionOfInstance(atSecond)).isEqualTo(versions[1].getId());
        assertThat(definitionOfInstance(atFirst)).isEqualTo(versions[0].getId());
    }

    @Test
    void anOrderStrandedOnABrokenVersionIsMovedToTheFixedOneAndCompletesItsStep() throws Exception {
        String packaged = packagedLifecycle();
        // The validation task's delegate taken from a variable nobody sets: it parses and names only what the engine
        // provides, so no check at deployment can see that it resolves to nothing when an order reaches it. One try
        // only: every order started on this version becomes an incident at once.
        String broken = packaged.replaceFirst("camunda:delegateExpression=\"\\$\\{callConnector}\"",
                "camunda:delegateExpression=\"\\${execution.getVariable('validator')}\"").replaceFirst("R3/PT10S", "R1/PT1S");
        assertThat(broken).contains("getVariable('validator')").isNotEqualTo(packaged);
        ProcessDefinition brokenVersion = deploy("order-lifecycle.bpmn", broken);
        String order = placeOrder(TOKENS.get("customer"), SMALL_ORDER);
        await().atMost(Duration.ofSeconds(30)).until(() -> !incidents(order, "manager").isEmpty());
        ProcessDefinition fixedVersion = deploy("order-lifecycle.bpmn", packaged);

        JsonNode incident = incidents(order, "manager").get(0);
        assertThat(incident.path("activityId").asText()).isEqualTo(OrderProcess.TASK_VALIDATE_ORDER);
        assertThat(incident.path("message").asText()).contains("Delegate Expression", "validator");
        assertThat(incident.path("since").asText()).isNotBlank();
        assertThat(incidents(order, "customer")).as("the engine's messages are for staff").isEmpty();

        // Bad input: a 4xx problem each time, and the order stays where it is.
        String path = "/api/v1/workflows/" + OrderProcess.KEY + "/migrations";
        String designer = TOKENS.get("designer");
        int from = brokenVersion.getVersion();
        int to = fixedVersion.getVersion();
        Map<String, Integer> badRequests = Map.of(
                migration(99999, to), 404,
                migration(from, from), 400,
                "{\"fromVersion\":" + from + ",\"toVersion\":" + to + ",\"activityIds\":[\"Task_NoSuchTask\"]}", 400,
                "{\"fromVersion\":\"one\",\"toVersion\":" + to + "}", 400,
                "{\"fromVersion\":" + from + ".5,\"toVersion\":" + to + "}", 400,
                "{\"fromVersion\":" + from + ",\"toVersion\":" + to + ",\"everything\":true}", 400,
                "{\"toVersion\":" + to + "}", 400);
        for (Map.Entry<String, Integer> bad : badRequests.entrySet()) {
            HttpResponse<String> answer = send("POST", path, designer, bad.getKey());
            assertThat(answer.statusCode()).as(bad.getKey() + ": " + answer.body()).isEqualTo(bad.getValue());
            assertProblem(answer);
        }
        HttpResponse<String> unknownKey = send("POST", "/api/v1/workflows/no-such-process/migrations", designer,
                migration(from, to));
        assertThat(unknownKey.statusCode()).isEqualTo(404);
        assertThat(definitionOfInstance(instanceOf(order))).isEqualTo(brokenVersion.getId());
        assertThat(incidents(order, "manager")).hasSize(1);

        String key = UUID.randomUUID().toString();
        String body = "{\"fromVersion\":" + from + ",\"toVersion\":" + to + ",\"activityIds\":[\""
                + OrderProcess.TASK_VALIDATE_ORDER + "\"]}";
        HttpResponse<String> migrated = send("POST", "http://localhost:" + port + path, designer, body,
                Map.of("Idempotency-Key", key));

        assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(200);
        JsonNode result = json.readTree(migrated.body());
        assertThat(result.path("moved")).hasSize(1);
        assertThat(result.path("moved").get(0).path("businessKey").asText()).isEqualTo(order);
        assertThat(result.path("moved").get(0).path("jobsRetried").asInt()).isEqualTo(1);
        assertThat(result.path("notMoved")).isEmpty();
        assertThat(result.path("migratedBy").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_PAYMENT".equals(
                json.readTree(send("GET", "/api/v1/orders/" + order, TOKENS.get("customer"), null).body()).path("status").asText()));
        assertThat(incidents(order, "manager")).isEmpty();
        assertThat(definitionOfInstance(instanceOf(order))).isEqualTo(fixedVersion.getId());

        HttpResponse<String> again = send("POST", "http://localhost:" + port + path, designer, body,
                Map.of("Idempotency-Key", key));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json.readTree(again.body())).isEqualTo(result);
    }

    private ProcessDefinition[] twoStepVersions() {
        ProcessDefinition first = repository.createProcessDefinitionQuery().processDefinitionKey(TWO_STEPS)
                .latestVersion().singleResult();
        if (first != null && first.getVersion() >= 2) {
            return new ProcessDefinition[] {repository.createProcessDefinitionQuery().processDefinitionKey(TWO_STEPS)
                    .processDefinitionVersion(first.getVersion() - 1).singleResult(), first};
        }
        BpmnModelInstance both = Bpmn.createExecutableProcess(TWO_STEPS).camundaHistoryTimeToLive(180).startEvent()
                .userTask("Task_First").camundaCandidateGroups("order-managers")
                .userTask("Task_Second").camundaCandidateGroups("order-managers")
                .endEvent().done();
        BpmnModelInstance secondOnly = Bpmn.createExecutableProcess(TWO_STEPS).camundaHistoryTimeToLive(180).startEvent()
                .userTask("Task_Second").camundaCandidateGroups("order-managers")
                .endEvent().done();
        return new ProcessDefinition[] {deploy(TWO_STEPS + ".bpmn", Bpmn.convertToString(both)),
                deploy(TWO_STEPS + ".bpmn", Bpmn.convertToString(secondOnly))};
    }

    private String startAtSecondStep(ProcessDefinition definition) {
        ProcessInstance instance = runtime.startProcessInstanceById(definition.getId(), "second-" + UUID.randomUUID());
        tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_First")
                .singleResult().getId());
        return instance.getId();
    }

    private ProcessDefinition deploy(String resource, String xml) {
        String deployment = repository.createDeployment().name(resource).addString(resource, xml).deploy().getId();
        return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
    }


    private List<JsonNode> incidents(String order, String role) throws Exception {
        JsonNode view = json.readTree(send("GET", "/api/v1/orders/" + order, TOKENS.get(role), null).body());
        return StreamSupport.stream(view.path("process").path("incidents").spliterator(), false).toList();
    }

    private String instanceOf(String order) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(order).singleResult().getId();
    }

    private String definitionOfInstance(String instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId();
    }

    private static String migration(int from, int to) {
        return "{\"fromVersion\":" + from + ",\"toVersion\":" + to + "}";
    }

    private static String packagedLifecycle() throws Exception {
        try (InputStream in = WorkflowApiTest.class.getResourceAsStream("/order-lifecycle.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The list's entry for a key, from whichever page holds it. */
    private JsonNode listed(String key) throws Exception {
        for (int page = 0; ; page++) {
            JsonNode answer = json.readTree(send("GET", "/api/v1/workflows?size=100&page=" + page, TOKENS.get("designer"),
                    null).body());
            for (JsonNode item : answer.path("items")) {
                if (item.path("key").asText().equals(key)) {
                    return item;
                }
            }
            if (page + 1 >= answer.path("totalPages").asInt()) {
                throw new AssertionError(key + " is not listed");
            }
        }
    }

    private static JsonNode item(JsonNode page, String key) {
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(item -> item.path("key").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not listed: " + page));
    }

    private static void assertProblem(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type")).as(answer.body()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
