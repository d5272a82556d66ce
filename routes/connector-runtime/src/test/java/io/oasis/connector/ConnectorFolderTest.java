package io.oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connector folder while the service runs: files added, changed, broken and deleted. */
class ConnectorFolderTest {

    @TempDir
    Path folder;

    private DefaultCamelContext camel;
    private ConnectorCatalog catalog;
    private ConnectorFolder watcher;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(folder.resolve("ping.kamelet.yaml"), connector("ping", "Ping"));
        camel = new DefaultCamelContext();
        camel.start();
        catalog = new ConnectorCatalog(camel);
        watcher = new ConnectorFolder(catalog, folder, Duration.ofMillis(100));
        watcher.start(true);
    }

    @AfterEach
    void stop() {
        watcher.close();
        camel.stop();
    }

    @Test
    void theFilesThereAtStartAreLoaded() {
        assertThat(catalog.names()).containsExactly("ping");
        assertThat(camel.getRouteTemplateDefinition("ping")).isNotNull();
    }

    @Test
    void aNewFileIsLoadedAndADeletedOneRemoved() throws Exception {
        Files.writeString(folder.resolve("pong.kamelet.yaml"), connector("pong", "Pong"));
        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.names().contains("pong"));

        Files.delete(folder.resolve("ping.kamelet.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !catalog.names().contains("ping"));
        assertThat(camel.getRouteTemplateDefinition("ping")).isNull();
    }

    @Test
    void aChangedFileReplacesItsConnectorAndItsVersion() throws Exception {
        String before = catalog.find("ping").orElseThrow().version();

        Files.writeString(folder.resolve("ping.kamelet.yaml"), connector("ping", "Ping again"));

        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.find("ping").orElseThrow().title().equals("Ping again"));
        assertThat(catalog.find("ping").orElseThrow().version()).isNotEqualTo(before);
    }

    @Test
    void aBrokenFileIsRefusedAndThePreviousVersionKeepsServing() throws Exception {
        ConnectorDefinition serving = catalog.find("ping").orElseThrow();
        int[] changes = {0};
        catalog.onChange(changed -> changes[0]++);

        Files.writeString(folder.resolve("ping.kamelet.yaml"), connector("ping", "Ping").replace("    title: \"Ping\"\n", ""));
        Files.writeString(folder.resolve("pong.kamelet.yaml"), connector("pong", "Pong"));
        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.names().contains("pong"));

        assertThat(catalog.find("ping")).contains(serving);
        assertThat(camel.getRouteTemplateDefinition("ping")).isNotNull();
        assertThat(changes[0]).as("only pong changed the catalog").isEqualTo(1);
    }

    @Test
    void everyMistakeNamesTheFileAndThePlace() {
        assertThat(problem("ping.kamelet.yaml", connector("pong", "Pong")))
                .isEqualTo("ping.kamelet.yaml: metadata.name must be 'ping', the file's name, but is 'pong'");
        assertThat(problem("ping.kamelet.yaml", connector("ping", "Ping").replace("    title: \"Ping\"\n", "")))
                .isEqualTo("ping.kamelet.yaml: spec.definition.title is missing");
        assertThat(problem("ping.kamelet.yaml", "kind: Kamelet\nmetadata: [oops"))
                .startsWith("ping.kamelet.yaml: not valid YAML (line 2");
        assertThat(problem("ping.kamelet.yaml", connector("ping", "Ping").replace("httpStatus: 404", "httpStatus: 503")))
                .contains("spec.definition.x-oasis.errors[0].httpStatus a business outcome is a 4xx status, not 503");
        assertThat(problem("ping.kamelet.yaml", connector("ping", "Ping").replace("kamelet.type: \"action\"", "kamelet.type: \"source\"")))
                .contains("must be 'action'");
    }

    @Test
    void aTemplateCamelCannotReadIsRefusedWithCamelsReason() {
        String broken = connector("ping", "Ping").replace("- setBody:", "- setBodyy:");

        assertThat(problem("ping.kamelet.yaml", broken)).startsWith("ping.kamelet.yaml: Camel cannot read its template:");
    }

    private String problem(String fileName, String content) {
        try {
            catalog.install(fileName, content.getBytes());
            throw new AssertionError("installed");
        } catch (InvalidConnectorException e) {
            return e.getMessage();
        }
    }

    private static String connector(String name, String title) {
        return """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: %s
                  labels:
                    camel.apache.org/kamelet.type: "action"
                spec:
                  definition:
                    title: "%s"
                    description: "Answers pong."
                    type: object
                    properties: {}
                    x-oasis:
                      outputs:
                        - { name: answer, type: string, description: "The answer." }
                      errors:
                        - { code: Nope, httpStatus: 404, description: "Not there" }
                  template:
                    from:
                      uri: "kamelet:source"
                      steps:
                        - setBody:
                            constant: "pong"
                """.formatted(name, title);
    }
}
