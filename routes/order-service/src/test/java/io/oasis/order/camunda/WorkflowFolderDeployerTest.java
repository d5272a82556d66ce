package io.oasis.order.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.CamundaModeler;
import io.oasis.testsupport.Keycloak;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** The analysts' loop on the service's real engine: a folder of diagrams, saved changes deployed as they come. */
class WorkflowFolderDeployerTest extends OrderServiceTest {

    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"PEN-1","name":"Pen","quantity":1,"unitPrice":3.00}]}""";

    /** Where every deployment's outcome is reported, however the model arrived. */
    static final String DEPLOYMENT_LOG = "io.oasis.order.workflow.DeploymentLog";

    @TempDir
    Path folder;

    @Autowired
    private RepositoryService repository;
    @Autowired
    private ObjectMapper json;

    private WorkflowFolderDeployer deployer;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ListAppender<ILoggingEvent> folderLog = new ListAppender<>();
    private String customer;

    @BeforeEach
    void watchAFolder() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER2);
        withProfile(customer);

        log.start();
        ((Logger) LoggerFactory.getLogger(DEPLOYMENT_LOG)).addAppender(log);
        folderLog.start();
        ((Logger) LoggerFactory.getLogger(WorkflowFolderDeployer.class)).addAppender(folderLog);
        Files.writeString(lifecycleFile(), packagedLifecycle());
        deployer = new WorkflowFolderDeployer(repository, folder, Duration.ofMillis(200), false);
        deployer.start();
    }

    @AfterEach
    void stop() {
        deployer.close();
        ((Logger) LoggerFactory.getLogger(DEPLOYMENT_LOG)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(WorkflowFolderDeployer.class)).detachAppender(folderLog);
    }

    @Test
    void savedChangeIsANewVersionAndABrokenFileLeavesTheLastGoodOneServing() throws Exception {
        ProcessDefinition before = latest();
        String running = placeOrder(customer, SMALL_ORDER);
        assertThat(definitionOf(running)).isEqualTo(before.getId());

        Files.writeString(lifecycleFile(), packagedLifecycle().replace("name=\"Order lifecycle\"",
                "name=\"Order lifecycle (edited)\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(latest().getVersion()).isEqualTo(before.getVersion() + 1));
        ProcessDefinition edited = latest();
        assertThat(edited.getName()).isEqualTo("Order lifecycle (edited)");
        assertThat(definitionOf(running)).as("a running order stays on its version").isEqualTo(before.getId());

        String valid = Files.readString(lifecycleFile());
        Files.writeString(lifecycleFile(), valid.substring(0, valid.length() / 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(errors())
                .anySatisfy(message -> assertThat(message).contains("order-lifecycle.bpmn", "Refused")
                        .containsPattern("line \\d+").containsPattern("column \\d+")));
        assertThat(latest().getId()).as("no version from a broken file").isEqualTo(edited.getId());
        assertThat(definitionOf(placeOrder(customer, SMALL_ORDER))).as("new orders start the last good version").isEqualTo(edited.getId());

        // The analyst undoes the breakage: the same diagram as the serving version makes no new one.
        Files.writeString(lifecycleFile(), valid);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(folderLog())
                .anySatisfy(message -> assertThat(message).contains("order-lifecycle.bpmn", "no new version")));
        assertThat(latest().getId()).isEqualTo(edited.getId());
    }

    /**
     * One source of truth: a deployment from Camunda Modeler that differs from the folder is reported and, with
     * write-back on (the launcher), written into the file, at start and while watching; the analyst's next save in
     * the folder deploys again.
     */
    @Test
    void aModelerDeployThatDiffersFromTheFolderIsWrittenBackAndTheNextSaveWins() throws Exception {
        deployer.close();
        String designer = Keycloak.accessToken(DemoUser.DESIGNER);
        String engineRest = "http://localhost:" + port + "/engine-rest";
        String fromModeler = packagedLifecycle().replace("name=\"Order lifecycle\"", "name=\"Order lifecycle (Modeler)\"");
        HttpResponse<String> deployed = CamundaModeler.deploy(engineRest, designer, "order-lifecycle.bpmn", fromModeler);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

        // At start: the folder still holds the packaged diagram; the engine serves Modeler's.
        try (WorkflowFolderDeployer writingBack = new WorkflowFolderDeployer(repository, folder, Duration.ofMillis(200), true)) {
            writingBack.start();
            assertThat(Files.readString(lifecycleFile())).isEqualTo(fromModeler);
            assertThat(folderLog()).anySatisfy(line -> assertThat(line).contains("order-lifecycle.bpmn written back",
                    "Camunda Modeler"));

            // While watching: another Modeler deploy is written back within a poll or two.
            String again = packagedLifecycle().replace("name=\"Order lifecycle\"", "name=\"Order lifecycle (Modeler 2)\"");
            assertThat(CamundaModeler.deploy(engineRest, designer, "order-lifecycle.bpmn", again).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(lifecycleFile()).equals(again));
            ProcessDefinition modelers = latest();
            assertThat(modelers.getName()).isEqualTo("Order lifecycle (Modeler 2)");

            // The analyst saves the folder's file: that is deployed, and serves.
            Files.writeString(lifecycleFile(), packagedLifecycle());
            await().atMost(Duration.ofSeconds(30)).until(() -> latest().getVersion() > modelers.getVersion());
            assertThat(latest().getName()).isEqualTo("Order lifecycle");
        }
    }

    @Test
    void withoutWriteBackADifferingModelerDeployIsOnlyReported() throws Exception {
        deployer.close();
        String fromModeler = packagedLifecycle().replace("name=\"Order lifecycle\"", "name=\"Order lifecycle (Modeler 3)\"");
        assertThat(CamundaModeler.deploy("http://localhost:" + port + "/engine-rest", Keycloak.accessToken(DemoUser.DESIGNER),
                "order-lifecycle.bpmn", fromModeler).statusCode()).isEqualTo(200);

        try (WorkflowFolderDeployer reporting = new WorkflowFolderDeployer(repository, folder, Duration.ofMillis(200), false)) {
            reporting.start();
            assertThat(folderLog()).anySatisfy(line -> assertThat(line).contains("order-lifecycle.bpmn differs from what runs",
                    "Camunda Modeler"));
            assertThat(Files.readString(lifecycleFile())).isEqualTo(packagedLifecycle());
        }
        // Put the packaged diagram back in service for the other tests.
        repository.createDeployment().name("order-lifecycle.bpmn").source(WorkflowFolderDeployer.SOURCE)
                .addString("order-lifecycle.bpmn", packagedLifecycle()).deploy();
    }

    private List<String> folderLog() {
        return folderLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderProcess.KEY).latestVersion()
                .singleResult();
    }



    private List<String> errors() {
        return log.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Path lifecycleFile() {
        return folder.resolve("order-lifecycle.bpmn");
    }

    private static String packagedLifecycle() throws Exception {
        try (InputStream in = WorkflowFolderDeployerTest.class.getResourceAsStream("/order-lifecycle.bpmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
