package io.oasis.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ConnectorFiles;
import io.oasis.connector.ElementTemplates;
import io.oasis.testsupport.connector.ConnectorKit;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Modeler templates of the shipped connectors: valid for Camunda Modeler, and what analysts see. */
class ElementTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<ConnectorDefinition> connectors;
    private static JsonNode templates;

    @BeforeAll
    static void generate() throws Exception {
        // What a running catalog holds: the built-in connectors and the folder's, by name.
        connectors = new ArrayList<>(ConnectorFiles.parseFolder(ConnectorKit.builtInConnectorsFolder()));
        connectors.addAll(ConnectorFiles.parseFolder(ConnectorKit.connectorsFolder()));
        connectors.sort(Comparator.comparing(ConnectorDefinition::name));
        templates = JSON.readTree(ElementTemplates.json(connectors));
    }

    @Test
    void everyTemplatePassesCamundasElementTemplateSchema() throws Exception {
        JsonSchema schema;
        try (InputStream in = ElementTemplatesTest.class.getResourceAsStream("/element-templates-schema/schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }

        Set<ValidationMessage> problems = schema.validate(templates);

        assertThat(problems).isEmpty();
        assertThat(templates).hasSize(connectors.size());
    }

    @Test
    void aTemplateThatBreaksTheSchemaIsCaught() throws Exception {
        JsonSchema schema;
        try (InputStream in = ElementTemplatesTest.class.getResourceAsStream("/element-templates-schema/schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode broken = JSON.readTree("[{\"name\":\"x\",\"id\":\"x\",\"appliesTo\":[\"bpmn:ServiceTask\"],"
                + "\"properties\":[{\"type\":\"Boolean\",\"binding\":{\"type\":\"camunda:inputParameter\",\"name\":\"a\"}}]}]");

        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void theBuildWroteThemWhereModelerLooks() throws Exception {
        Path file = ConnectorKit.connectorsFolder().getParent().getParent()
                .resolve("workflows/.camunda/element-templates/oasis-connectors.json");

        assertThat(JSON.readTree(Files.readAllBytes(file))).isEqualTo(templates);
    }

    @Test
    void aTaskMadeFromATemplateCallsTheConnectorWithAsyncBeforeAndItsRetryCycle() {
        JsonNode reserve = template("io.oasis.connector.reserve-inventory");

        assertThat(property(reserve, "camunda:delegateExpression").path("value").asText()).isEqualTo("${callConnector}");
        JsonNode connector = property(reserve, "connector");
        assertThat(connector.path("type").asText()).isEqualTo("Hidden");
        assertThat(connector.path("value").asText()).isEqualTo("reserve-inventory");
        assertThat(property(reserve, "camunda:asyncBefore").path("value").asBoolean()).isTrue();
        assertThat(property(reserve, "retryCycle").path("value").asText()).isEqualTo("R3/PT10S");
        assertThat(property(reserve, "orderId").path("value").asText()).isEqualTo("${orderId}");
        JsonNode output = StreamSupport.stream(reserve.path("properties").spliterator(), false)
                .filter(p -> p.path("binding").path("type").asText().equals("camunda:outputParameter")).findFirst().orElseThrow();
        assertThat(output.path("binding").path("source").asText()).isEqualTo("${reservationId}");
        assertThat(output.path("value").asText()).isEqualTo("reservationId");
    }

    @Test
    void enumsAreDropdownsAndRequiredOnesMustBeFilled() {
        JsonNode http = template("io.oasis.connector.http-request");
        JsonNode method = property(http, "method");
        assertThat(method.path("type").asText()).isEqualTo("Dropdown");
        assertThat(method.path("choices")).extracting(choice -> choice.path("value").asText())
                .containsExactly("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(method.path("label").asText()).contains("(required)");

        JsonNode kafka = template("io.oasis.connector.kafka-publish");
        assertThat(property(kafka, "topic").path("constraints").path("notEmpty").asBoolean()).isTrue();
    }

    @Test
    void secretsAppearAsTheirConfigurationKeyOnly() {
        JsonNode refund = template("io.oasis.connector.refund-payment");
        JsonNode apiKey = property(refund, "config.apiKey");

        assertThat(apiKey.path("label").asText()).isEqualTo("API key (required) (secret)");
        assertThat(apiKey.path("value").asText()).isEqualTo("camel.kamelet.refund-payment.apiKey");
        assertThat(apiKey.path("editable").asBoolean(true)).isFalse();
        assertThat(apiKey.path("binding").path("type").asText()).isEqualTo("camunda:property");
        // No input parameter could carry a secret into the diagram.
        assertThat(StreamSupport.stream(refund.path("properties").spliterator(), false)
                .filter(p -> p.path("binding").path("name").asText().equals("apiKey"))).isEmpty();
    }

    private static JsonNode template(String id) {
        return StreamSupport.stream(templates.spliterator(), false).filter(t -> t.path("id").asText().equals(id))
                .findFirst().orElseThrow();
    }

    private static JsonNode property(JsonNode template, String bindingName) {
        return StreamSupport.stream(template.path("properties").spliterator(), false)
                .filter(p -> p.path("binding").path("name").asText().equals(bindingName)).findFirst()
                .orElseThrow(() -> new AssertionError("No field bound to " + bindingName));
    }
}
