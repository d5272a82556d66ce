package io.oasis.order.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.camunda.WorkflowFolderDeployer;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.CamundaModeler;
import io.oasis.testsupport.Keycloak;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Models are checked before they go live, whichever way they arrive: Camunda Modeler's deploy through
 * engine-rest (as the designer), the workflow folder, and the checks one by one. A refused model leaves the
 * previous version serving; a model with warnings deploys and its warnings are kept and reported.
 */
class ModelChecksTest extends OrderServiceTest {

    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"PEN-1","name":"Pen","quantity":1,"unitPrice":3.00}]}""";
    /** The typo of the issue: one letter missing from the connector delegate's name. */
    private static final String TYPO = "camunda:delegateExpression=\"${callConnectr}\"";

    @TempDir
    Path folder;

    @Autowired
    private RepositoryService repository;
    @Autowired
    private ModelValidation validation;
    @Autowired
    private ModelWarnings warnings;
    @Autowired
    private ObjectMapper json;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private String customer;

    @BeforeEach
    void listen() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER2);
        withProfile(customer);
        log.start();
        ((Logger) LoggerFactory.getLogger(DeploymentLog.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(DeploymentLog.class)).detachAppender(log);
    }

    @Test
    void aMisspelledDelegateFromModelerIsRefusedWithItsElementIdAndOrdersKeepFlowing() throws Exception {
        ProcessDefinition before = latestLifecycle();
        String typo = lifecycle().replaceFirst("(<bpmn:serviceTask id=\"Task_ReserveInventory\"[^>]*?)"
                + "camunda:delegateExpression=\"\\$\\{callConnector}\"", "$1" + Matcher.quoteReplacement(TYPO));
        assertThat(typo).contains(TYPO);

        HttpResponse<String> answer = modelerDeploy(Keycloak.accessToken(DemoUser.DESIGNER), "order-lifecycle.bpmn", typo);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("type").asText()).isEqualTo("ParseException");
        assertThat(body.path("message").asText()).contains("order-lifecycle.bpmn", "Task_ReserveInventory",
                "callConnectr", "did you mean callConnector?");
        JsonNode error = body.path("details").path("order-lifecycle.bpmn").path("errors").get(0);
        assertThat(error.path("mainElementId").asText()).isEqualTo("Task_ReserveInventory");
        assertThat(error.path("message").asText()).contains("callConnectr");
        assertThat(latestLifecycle().getId()).as("nothing deployed").isEqualTo(before.getId());
        assertThat(definitionOf(placeOrder(customer, SMALL_ORDER))).as("new orders start the previous version").isEqualTo(before.getId());
        assertThat(lines(Level.ERROR)).anySatisfy(line -> assertThat(line)
                .contains("Refused order-lifecycle.bpmn Task_ReserveInventory", "callConnectr"));
    }

    @Test
    void aMisspelledDelegateSavedInTheFolderIsRefusedAndOrdersKeepFlowing() throws Exception {
        Files.writeString(folder.resolve("order-lifecycle.bpmn"), lifecycle());
        try (WorkflowFolderDeployer deployer = new WorkflowFolderDeployer(repository, folder, Duration.ofMillis(200), false)) {
            deployer.start();
            ProcessDefinition before = latestLifecycle();

            Files.writeString(folder.resolve("order-lifecycle.bpmn"), lifecycle().replaceFirst(
                    "(<bpmn:serviceTask id=\"Task_CreateShipment\"[^>]*?)camunda:delegateExpression=\"\\$\\{callConnector}\"",
                    "$1" + Matcher.quoteReplacement(TYPO)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines(Level.ERROR)).anySatisfy(line ->
                    assertThat(line).contains("Refused order-lifecycle.bpmn Task_CreateShipment", "callConnectr",
                            "the previous version keeps serving")));
            assertThat(latestLifecycle().getId()).isEqualTo(before.getId());
            assertThat(definitionOf(placeOrder(customer, SMALL_ORDER))).isEqualTo(before.getId());
        }
    }

    @Test
    void warningsDeployAreKeptWithTheDeploymentAndReported() throws Exception {
        String key = "warned-" + UUID.randomUUID().toString().substring(0, 8);
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Warned" targetNamespace="http://oasis.io/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Event_Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:serviceTask id="Task_CallsOut" camunda:delegateExpression="${callConnector}">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:inputParameter name="connector">validate-order</camunda:inputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:endEvent id="Event_End"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_CallsOut"/>
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_CallsOut" targetRef="Event_End"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key);

        HttpResponse<String> answer = modelerDeploy(Keycloak.accessToken(DemoUser.DESIGNER), key + ".bpmn", model);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String deploymentId = json.readTree(answer.body()).path("id").asText();
        assertThat(warnings.of(deploymentId)).singleElement().satisfies(warning -> {
            assertThat(warning.resourceName()).isEqualTo(key + ".bpmn");
            assertThat(warning.elementId()).isEqualTo("Task_CallsOut");
            assertThat(warning.message()).contains("asyncBefore", "retry cycle");
        });
        assertThat(lines(Level.INFO)).anySatisfy(line -> assertThat(line)
                .contains("Deployed " + key + ".bpmn: " + key + " version 1, 1 warning", "Camunda Modeler"));
        assertThat(lines(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("Warning " + key + ".bpmn Task_CallsOut", "asyncBefore"));
    }

    /** Each rule on the shipped lifecycle with one thing changed: the element it names and what it says. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            expression that does not parse | ${orderStatus.change(execution, 'PAID', null, null)}        | ${orderStatus.change(execution, 'PAID', null, null}        | Task_RecordPayment     | does not parse
            method on an unknown bean      | ${orderStatus.change(execution, 'PAID', null, null)}        | ${orderStatuz.change(execution, 'PAID', null, null)}       | Task_RecordPayment     | 'orderStatuz', which is no bean
            called decision missing        | camunda:decisionRef="order-approval"                        | camunda:decisionRef="order-aproval"                         | Task_DecideApproval    | decision 'order-aproval', which is not deployed
            message nothing correlates     | name="PaymentReceived"                                      | name="PaymentRecieved"                                      | Event_PaymentReceived  | 'PaymentRecieved', which nothing sends
            candidate group not in realm   | camunda:candidateGroups="order-managers"                    | camunda:candidateGroups="order-manager-team"                | Task_ReviewOrder       | 'order-manager-team', which is neither a role nor a group
            """)
    void eachCheckNamesTheElementAndWhatIsWrong(String rule, String original, String changed, String element,
            String says) throws Exception {
        String model = lifecycle();
        assertThat(model).contains(original);

        List<Finding> findings = validation.check("order-lifecycle.bpmn",
                Bpmn.readModelFromStream(new ByteArrayInputStream(model.replace(original, changed).getBytes(StandardCharsets.UTF_8))));

        assertThat(findings).filteredOn(Finding::error).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo(element);
            assertThat(finding.message()).contains(says);
        });
    }

    @Test
    void theShippedLifecycleHasNoErrorsAndNoWarnings() throws Exception {
        List<Finding> findings = validation.check("order-lifecycle.bpmn",
                Bpmn.readModelFromStream(new ByteArrayInputStream(lifecycle().getBytes(StandardCharsets.UTF_8))));

        assertThat(findings).isEmpty();
    }

    @Test
    void aCompensationHandlerThatCallsOutWarnsWhenTheEventThrowingCompensationIsNotRetried() throws Exception {
        String notRetried = lifecycle().replace(
                "<bpmn:intermediateThrowEvent id=\"Event_CompensateOutOfStock\" name=\"Refund\" camunda:asyncBefore=\"true\">",
                "<bpmn:intermediateThrowEvent id=\"Event_CompensateOutOfStock\" name=\"Refund\">");
        assertThat(notRetried).isNotEqualTo(lifecycle());

        List<Finding> findings = validation.check("order-lifecycle.bpmn",
                Bpmn.readModelFromStream(new ByteArrayInputStream(notRetried.getBytes(StandardCharsets.UTF_8))));

        assertThat(findings).extracting(Finding::elementId)
                .containsExactlyInAnyOrder("Task_RefundPayment", "Task_ReleaseInventory");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.error()).isFalse();
            assertThat(finding.message()).contains("Compensation handler", "not retried");
        });
    }

    private HttpResponse<String> modelerDeploy(String token, String fileName, String content) throws Exception {
        return CamundaModeler.deploy("http://localhost:" + port + "/engine-rest", token, fileName, content);
    }

    private List<String> lines(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private ProcessDefinition latestLifecycle() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).latestVersion()
                .singleResult();
    }



    static String lifecycle() throws Exception {
        try (InputStream in = ModelChecksTest.class.getResourceAsStream("/order-lifecycle.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
