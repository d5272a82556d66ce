package io.oasis.order.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.connector.ConnectorCatalog;
import io.oasis.order.workflow.check.ModelFindings;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.env.MockEnvironment;

/**
 * The deploy-time connector check, on models as Modeler's templates make them. Issue 21's validator applies
 * every ModelCheck bean to each deployment; these tests apply this one directly.
 */
class ConnectorModelCheckTest {

    private static DefaultCamelContext camel;
    private static ConnectorModelCheck check;

    @BeforeAll
    static void catalog() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        ConnectorCatalog catalog = new ConnectorCatalog(camel);
        for (String pattern : List.of(ConnectorConfiguration.BUILT_IN, ConnectorConfiguration.PACKAGED)) {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                try (InputStream in = resource.getInputStream()) {
                    catalog.install(resource.getFilename(), in.readAllBytes());
                }
            }
        }
        MockEnvironment environment = new MockEnvironment()
                .withProperty("camel.kamelet.create-shipment.baseUrl", "https://carrier.example.com")
                .withProperty("camel.kamelet.reserve-inventory.baseUrl", "https://warehouse.example.com");
        check = new ConnectorModelCheck(catalog, environment);
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void aTaskFromTheTemplatePasses() {
        Findings findings = check(task("create-shipment").camundaInputParameter("service", "express"));

        assertThat(findings.errors).isEmpty();
        assertThat(findings.warnings).isEmpty();
    }

    @Test
    void aMisspelledConnectorIsRefusedNamingTheActivityAndTheConnector() {
        Findings findings = check(task("create-shipmnet"));

        assertThat(findings.errors).singleElement().asString()
                .startsWith("Task_Ship: Activity Task_Ship calls connector 'create-shipmnet', which is not loaded (loaded: ")
                .contains("create-shipment, ");
    }

    @Test
    void aMissingRequiredPropertyIsRefusedNamingIt() {
        Findings findings = check(task("kafka-publish").camundaInputParameter("eventType", "OrderFlagged"));

        assertThat(findings.errors).containsExactly("Task_Ship: Activity Task_Ship leaves out property 'topic' of "
                + "connector kafka-publish, which is required (Topic)");
    }

    @Test
    void aRequiredPropertyWithADefaultMayBeLeftOut() {
        assertThat(check(task("create-shipment")).errors).isEmpty();
    }

    @Test
    void aTaskWithoutAConnectorNameIsRefused() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent()
                .serviceTask("Task_Ship").camundaDelegateExpression("${callConnector}").endEvent().done();

        assertThat(check(model).errors).singleElement().asString().contains("without naming the connector");
    }

    @Test
    void aSecretWrittenIntoTheDiagramIsRefused() {
        Findings findings = check(task("refund-payment").camundaInputParameter("apiKey", "sk_live_typed_in"));

        assertThat(findings.errors).singleElement().asString().contains("sets property 'apiKey' of connector refund-payment, "
                + "which is a secret and comes from configuration (camel.kamelet.refund-payment.apiKey)");
    }

    @Test
    void aValueOutsideTheChoicesIsRefused() {
        assertThat(check(task("create-shipment").camundaInputParameter("service", "overnight")).errors).singleElement()
                .asString().contains("to 'overnight', which is not one of [standard, express]");
    }

    @Test
    void missingConfigurationIsAWarningNotARefusal() {
        Findings findings = check(task("refund-payment"));

        assertThat(findings.errors).isEmpty();
        assertThat(findings.warnings).anySatisfy(warning -> assertThat(warning)
                .contains("needs property 'apiKey', which is not configured (camel.kamelet.refund-payment.apiKey)"));
    }

    @Test
    void theShippedOrderLifecyclePasses() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/order-lifecycle.bpmn")) {
            Findings findings = new Findings();
            check.check("order-lifecycle.bpmn", Bpmn.readModelFromStream(in), findings);
            assertThat(findings.errors).isEmpty();
        }
    }

    private static ServiceTaskBuilder task(String connector) {
        return Bpmn.createExecutableProcess("p").startEvent().serviceTask("Task_Ship").camundaAsyncBefore()
                .camundaDelegateExpression("${callConnector}").camundaInputParameter("connector", connector);
    }

    private static Findings check(ServiceTaskBuilder task) {
        return check(task.endEvent().done());
    }

    private static Findings check(BpmnModelInstance model) {
        Findings findings = new Findings();
        check.check("test.bpmn", model, findings);
        return findings;
    }

    private static final class Findings implements ModelFindings {
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void error(String elementId, String message) {
            errors.add(elementId + ": " + message);
        }

        @Override
        public void warning(String elementId, String message) {
            warnings.add(elementId + ": " + message);
        }
    }
}
