package io.oasis.order.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What each realm role may do on engine-rest, the embedded engine's REST API: every endpoint group,
 * each role. Anonymous callers get 401; customers, support agents, order managers and integration
 * clients get 403 everywhere; process designers deploy and read definitions and get 403 for all else;
 * admins get through to the engine. Behind the HTTP rules the engine checks the same roles itself.
 */
class EngineRestAccessTest extends OrderServiceTest {

    private static final String MISSING = UUID.randomUUID().toString();
    private static final String LARGE_ORDER = """
            {"currency":"EUR","items":[{"sku":"TV-1","name":"Television","quantity":1,"unitPrice":1499.00}]}""";

    /**
     * Every endpoint group of engine-rest; {@code designer} marks what a process designer may call,
     * {@code keycloak} what nobody may: people are managed in Keycloak, the engine's identity is read-only.
     */
    private static final String ENDPOINTS = """
            GET    /engine-rest/engine                                                    designer
            GET    /engine-rest/version                                                   designer
            GET    /engine-rest/deployment                                                designer
            GET    /engine-rest/deployment/count                                          designer
            POST   /engine-rest/deployment/create                          multipart      designer
            DELETE /engine-rest/deployment/%1$s
            POST   /engine-rest/deployment/%1$s/redeploy                   {}
            GET    /engine-rest/process-definition                                        designer
            GET    /engine-rest/process-definition/key/order-lifecycle/xml                designer
            POST   /engine-rest/process-definition/key/no-such-process/start {}
            PUT    /engine-rest/process-definition/key/no-such-process/suspended {"suspended":true}
            DELETE /engine-rest/process-definition/key/no-such-process
            GET    /engine-rest/decision-definition                                       designer
            POST   /engine-rest/decision-definition/key/no-such-decision/evaluate {"variables":{}}
            GET    /engine-rest/decision-requirements-definition                          designer
            GET    /engine-rest/process-instance
            POST   /engine-rest/process-instance/%1$s/variables            {"modifications":{}}
            POST   /engine-rest/process-instance/%1$s/modification         {"instructions":[]}
            DELETE /engine-rest/process-instance/%1$s
            GET    /engine-rest/execution
            POST   /engine-rest/execution/%1$s/signal                      {}
            GET    /engine-rest/task
            POST   /engine-rest/task/%1$s/complete                         {}
            POST   /engine-rest/task/%1$s/claim                            {"userId":"someone"}
            GET    /engine-rest/variable-instance
            POST   /engine-rest/message                                    {"messageName":"NoSuchMessage","businessKey":"none"}
            POST   /engine-rest/signal                                     {"name":"NoSuchSignal"}
            POST   /engine-rest/condition                                  {"variables":{}}
            GET    /engine-rest/event-subscription
            GET    /engine-rest/incident
            GET    /engine-rest/job
            PUT    /engine-rest/job/%1$s/retries                           {"retries":1}
            GET    /engine-rest/job-definition
            GET    /engine-rest/external-task
            POST   /engine-rest/external-task/fetchAndLock                 {"workerId":"w","maxTasks":1,"topics":[]}
            GET    /engine-rest/batch
            POST   /engine-rest/migration/generate                         {"sourceProcessDefinitionId":"a","targetProcessDefinitionId":"b"}
            POST   /engine-rest/modification/execute                       {}
            GET    /engine-rest/history/process-instance
            GET    /engine-rest/history/variable-instance
            GET    /engine-rest/history/task
            GET    /engine-rest/history/user-operation
            GET    /engine-rest/user
            POST   /engine-rest/user/create                                {"profile":{}} keycloak
            GET    /engine-rest/group
            GET    /engine-rest/identity/groups?userId=nobody
            GET    /engine-rest/tenant
            GET    /engine-rest/authorization
            POST   /engine-rest/authorization/create                       {}
            GET    /engine-rest/filter
            GET    /engine-rest/metrics/activity-instance/sum
            GET    /engine-rest/schema/log
            GET    /engine-rest/telemetry/data
            GET    /engine-rest/engine/default/deployment
            GET    /engine-rest/engine/default/task
            POST   /engine-rest/engine/default/message                     {"messageName":"NoSuchMessage","businessKey":"none"}
            """.formatted(MISSING);

    private static final List<String> ROLES = List.of("anonymous", "customer", "support-agent", "order-manager",
            "integration", "process-designer", "admin");

    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @Autowired
    private ObjectMapper json;
    @Autowired
    private IdentityService identity;
    @Autowired
    private TaskService tasks;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private RepositoryService repository;

    @BeforeAll
    static void tokens() throws Exception {
        TOKENS.put("customer", Keycloak.accessToken(DemoUser.CUSTOMER));
        TOKENS.put("support-agent", Keycloak.accessToken(DemoUser.SUPPORT));
        TOKENS.put("order-manager", Keycloak.accessToken(DemoUser.MANAGER));
        TOKENS.put("integration", Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO));
        TOKENS.put("process-designer", Keycloak.accessToken(DemoUser.DESIGNER));
        TOKENS.put("admin", Keycloak.accessToken(DemoUser.ADMIN));
        withProfile(TOKENS.get("customer"));
    }

    static Stream<Arguments> endpointsByRole() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : ENDPOINTS.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+", 3);
            String rest = cells.length > 2 ? cells[2].trim() : "";
            boolean designer = rest.endsWith("designer");
            boolean keycloak = rest.endsWith("keycloak");
            String body = (designer || keycloak ? rest.substring(0, rest.lastIndexOf(' ') + 1) : rest).trim();
            for (String role : ROLES) {
                cases.add(Arguments.of(role, cells[0], cells[1], body.isEmpty() ? null : body,
                        keycloak && "admin".equals(role) ? "read-only" : expected(role, designer)));
            }
        }
        return cases.stream();
    }

    private static String expected(String role, boolean designerMayCall) {
        return switch (role) {
            case "anonymous" -> "401";
            case "admin" -> "through";
            case "process-designer" -> designerMayCall ? "through" : "403";
            default -> "403";
        };
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {4}")
    @MethodSource("endpointsByRole")
    void eachRoleGetsWhatTheTableSays(String role, String method, String path, String body, String expected)
            throws Exception {
        HttpResponse<String> response = "multipart".equals(body)
                ? send(method, "http://localhost:" + port + path, TOKENS.get(role), "--none--\r\n",
                        Map.of("Content-Type", "multipart/form-data; boundary=none"))
                : send(method, path, TOKENS.get(role), body);

        if ("read-only".equals(expected)) {
            // Past the role table, the engine refuses: its identity service has no users to create.
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(response.body()).contains("read-only");
        } else if ("through".equals(expected)) {
            assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, role, response.body())
                    .isNotIn(401, 403);
            if ("GET".equals(method) && !path.contains(MISSING)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } else {
            assertThat(response.statusCode()).as("%s %s as %s: %s", method, path, role, response.body())
                    .isEqualTo(Integer.parseInt(expected));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void aDesignerCannotApproveAnOrderNorMarkItPaidThroughTheEngine() throws Exception {
        String designer = TOKENS.get("process-designer");
        String order = placedAndInReview();
        Task review = reviewTask(order);

        HttpResponse<String> completed = send("POST", "/engine-rest/task/" + review.getId() + "/complete", designer, """
                {"variables":{"approved":{"value":true},"reviewedBy":{"value":"someone-else"}}}""");
        HttpResponse<String> paid = send("POST", "/engine-rest/message", designer, """
                {"messageName":"%s","businessKey":"%s","processVariables":{"paymentId":{"value":"forged"}}}"""
                .formatted(OrderProcess.MESSAGE_PAYMENT_RECEIVED, order));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(403);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(403);
        assertThat(status(order)).isEqualTo("IN_REVIEW");
        assertThat(reviewTask(order)).as("the review still waits").isNotNull();
    }

    @Test
    void theEngineChecksTheRealmRolesItself() throws Exception {
        String order = placedAndInReview();
        Task review = reviewTask(order);

        identity.setAuthentication("a-designer", List.of(EngineRestAccess.PROCESS_DESIGNER));
        try {
            assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).count())
                    .as("designers read definitions").isPositive();
            assertThat(repository.createDeploymentQuery().count()).as("and deployments").isPositive();
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(order).count())
                    .as("and instances, as Cockpit shows them").isOne();
            assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of(OrderProcess.APPROVED, true)))
                    .isInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> runtime.correlateMessage(OrderProcess.MESSAGE_CANCELLATION_REQUESTED, order,
                    Map.of(OrderProcess.CANCEL_REASON, "forged", OrderProcess.CANCELLED_BY, "someone-else")))
                    .isInstanceOf(AuthorizationException.class);
        } finally {
            identity.clearAuthentication();
        }

        identity.setAuthentication("a-manager", List.of("order-manager"));
        try {
            assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of(OrderProcess.APPROVED, true)))
                    .as("the role opens Tasklist; the task is granted to its candidate group only (order-managers)")
                    .isInstanceOf(AuthorizationException.class);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(status(order)).isEqualTo("IN_REVIEW");
    }

    @Test
    void anAdminCompletingTheReviewInTheEngineIsRecordedAsTheActorWhateverTheRequestSays() throws Exception {
        String admin = TOKENS.get("admin");
        String order = placedAndInReview();
        Task review = reviewTask(order);

        HttpResponse<String> completed = send("POST", "/engine-rest/task/" + review.getId() + "/complete", admin, """
                {"variables":{"approved":{"value":true},"reviewedBy":{"value":"someone-else"}}}""");

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        JsonNode approved = awaitHistory(order, "APPROVED");
        assertThat(approved.path("actor").asText()).isEqualTo(subject(admin)).isNotEqualTo("someone-else");
    }

    @Test
    void theAdminAppsFirstAdminSetupIsRefused() throws Exception {
        HttpResponse<String> setup = send("POST", "/camunda/api/admin/setup/default/user/create", null, """
                {"profile":{"id":"intruder","firstName":"I","lastName":"N","email":"i@example.com"},
                 "credentials":{"password":"intruder-password"}}""");

        assertThat(setup.statusCode()).as("not signed in").isEqualTo(401);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    }

    private String placedAndInReview() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/orders", TOKENS.get("customer"), LARGE_ORDER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_REVIEW".equals(status(id)) && reviewTask(id) != null);
        return id;
    }

    private Task reviewTask(String order) {
        return tasks.createTaskQuery().processInstanceBusinessKey(order)
                .taskDefinitionKey(OrderProcess.TASK_REVIEW_ORDER).singleResult();
    }

    private String status(String order) throws Exception {
        return json.readTree(send("GET", "/api/v1/orders/" + order, TOKENS.get("admin"), null).body())
                .path("status").asText();
    }

    private JsonNode awaitHistory(String order, String to) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode change : json.readTree(send("GET", "/api/v1/orders/" + order, TOKENS.get("admin"), null)
                    .body()).path("history")) {
                if (to.equals(change.path("to").asText())) {
                    found.add(change);
                    return true;
                }
            }
            return false;
        });
        return found.get(0);
    }

    private String subject(String token) throws Exception {
        String payload = token.split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asText();
    }
}
