package io.oasis.order.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.KafkaTopics;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The catalog API, and the connectors at work in the order lifecycle against the partners' stand-ins. */
class ConnectorApiTest extends OrderServiceTest {

    private static String designer;
    private static String customer;

    @Autowired
    private ObjectMapper json;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService management;

    @BeforeAll
    static void tokens() throws Exception {
        designer = Keycloak.accessToken(DemoUser.DESIGNER);
        customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        withProfile(customer);
    }

    @Test
    void theCatalogListsEveryConnectorWithWhereTheLifecycleUsesIt() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/v1/connectors", designer, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode connectors = json.readTree(answer.body());
        assertThat(connectors.findValuesAsText("name")).contains("reserve-inventory", "release-inventory",
                "refund-payment", "create-shipment", "http-request", "kafka-publish", "send-email", "send-sms",
                "validate-order");
        JsonNode reserve = named(connectors, "reserve-inventory");
        assertThat(reserve.path("version").asText()).hasSize(12);
        assertThat(reserve.path("errors").get(0).path("code").asText()).isEqualTo("OutOfStock");
        assertThat(reserve.path("usedBy")).anySatisfy(usage -> {
            assertThat(usage.path("processDefinitionKey").asText()).isEqualTo("order-lifecycle");
            assertThat(usage.path("activityId").asText()).isEqualTo("Task_ReserveInventory");
        });
    }

    @Test
    void secretsAreShownByNameAndWhetherTheyAreSetNeverByValue() throws Exception {
        HttpResponse<String> list = send("GET", "/api/v1/connectors", designer, null);
        HttpResponse<String> one = send("GET", "/api/v1/connectors/refund-payment", designer, null);

        for (HttpResponse<String> answer : List.of(list, one)) {
            assertThat(answer.body()).doesNotContain(PAYMENT_API_KEY);
        }
        JsonNode apiKey = StreamSupport.stream(json.readTree(one.body()).path("properties").spliterator(), false)
                .filter(property -> property.path("name").asText().equals("apiKey")).findFirst().orElseThrow();
        assertThat(apiKey.path("secret").asBoolean()).isTrue();
        assertThat(apiKey.path("source").asText()).isEqualTo("configuration");
        assertThat(apiKey.path("configurationKey").asText()).isEqualTo("camel.kamelet.refund-payment.apiKey");
        assertThat(apiKey.path("configured").asBoolean()).isTrue();
    }

    @Test
    void onlyDesignersIntegrationAndAdminsReadTheCatalog() throws Exception {
        assertThat(send("GET", "/api/v1/connectors", customer, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/connectors/element-templates", customer, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/connectors", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = send("GET", "/api/v1/connectors/reserve-inventtory", designer, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void theElementTemplatesAreOnePerConnector() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/v1/connectors/element-templates", designer, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).findValuesAsText("id")).contains("io.oasis.connector.reserve-inventory",
                "io.oasis.connector.validate-order");
    }

    @Test
    void aPaidOrderReservesItsItemsAndBooksTheShipmentWithThePartners() throws Exception {
        HttpResponse<String> placed = send("POST", "/api/v1/orders", customer,
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"LAMP-7\",\"name\":\"Lamp\",\"quantity\":3,\"unitPrice\":20.00}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = json.readTree(placed.body()).path("id").asText();
        awaitStatus(id, "AWAITING_PAYMENT");

        KafkaTopics.produce("oasis.payment.events", id, """
                {"specversion":"1.0","id":"%s","source":"/payment-provider","type":"PaymentReceived",
                 "subject":"%s","datacontenttype":"application/json","data":{"orderId":"%s","paymentId":"pay-%s","amount":60.00,"currency":"EUR"}}"""
                .formatted(UUID.randomUUID(), id, id, id));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PARTNERS.verify(postRequestedFor(urlEqualTo("/warehouse/reservations"))
                    .withHeader("Idempotency-Key", equalTo("reserve-" + id))
                    .withRequestBody(equalToJson("{\"orderId\":\"" + id + "\",\"items\":[{\"sku\":\"LAMP-7\",\"quantity\":3}]}")));
            PARTNERS.verify(postRequestedFor(urlEqualTo("/carrier/shipments"))
                    .withRequestBody(matchingJsonPath("$.orderId", equalTo(id))));
        });
        JsonNode health = json.readTree(send("GET", "/api/v1/connectors/create-shipment", designer, null).body())
                .path("health");
        assertThat(health.path("calls").asLong()).isPositive();
        assertThat(health.path("circuitBreaker").asText()).isEqualTo("CLOSED");
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createVariableInstanceQuery()
                .processInstanceIdIn(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId())
                .variableName("trackingId").singleResult() != null);
    }

    @Test
    void aTaskMadeFromATemplateGetsItsRetryCycleAndAFailureNamesTheCause() throws Exception {
        PARTNERS.stubFor(WireMock.get("/crm/down").willReturn(aResponse().withStatus(503)));
        BpmnModelInstance model = Bpmn.createExecutableProcess("connector-retry-test").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_CallCrm").camundaAsyncBefore().camundaDelegateExpression("${callConnector}")
                    .camundaInputParameter("connector", "http-request")
                    .camundaInputParameter("method", "GET")
                    .camundaInputParameter("url", PARTNERS.baseUrl() + "/crm/down")
                .endEvent().done();
        ServiceTask task = model.getModelElementById("Task_CallCrm");
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        CamundaProperty retry = model.newInstance(CamundaProperty.class);
        retry.setCamundaName("retryCycle");
        retry.setCamundaValue("R5/PT1H");
        properties.addChildElement(retry);
        task.getExtensionElements().addChildElement(properties);
        repository.createDeployment().addModelInstance("connector-retry-test.bpmn", model).deploy();

        String instance = runtime.startProcessInstanceByKey("connector-retry-test").getId();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Job job = management.createJobQuery().processInstanceId(instance).singleResult();
            // R5: 5 tries in all, so 4 are left after the first failure (the engine's default would leave 2).
            assertThat(job.getRetries()).isEqualTo(4);
            assertThat(job.getExceptionMessage()).contains("Connector http-request").contains("HTTP 503");
        });
    }

    private JsonNode named(JsonNode connectors, String name) {
        return StreamSupport.stream(connectors.spliterator(), false).filter(c -> c.path("name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(json.readTree(send("GET", "/api/v1/orders/" + id, customer, null).body()).path("status")
                        .asText()).isEqualTo(status));
    }
}
