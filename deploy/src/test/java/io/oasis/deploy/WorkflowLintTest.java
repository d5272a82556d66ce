package io.oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every diagram analysts open from workflows/ is clean by the rules Camunda Modeler's linting is built on:
 * bpmnlint's and dmnlint's recommended sets (workflows/.bpmnlintrc, .dmnlintrc), warnings included.
 */
class WorkflowLintTest {

    private static final Path WORKFLOWS = Repository.path("workflows");

    @Test
    void everyBpmnDiagramPassesBpmnlint() throws Exception {
        List<Path> diagrams = diagrams(".bpmn");
        assertThat(diagrams).isNotEmpty();
        for (Path diagram : diagrams) {
            Node.Result result = Node.run("node_modules/bpmnlint/bin/bpmnlint.js", "--config",
                    WORKFLOWS.resolve(".bpmnlintrc").toString(), "--max-warnings=0", diagram.toString());
            assertThat(result.exitCode()).as("bpmnlint %s:%n%s", WORKFLOWS.relativize(diagram), result.output()).isZero();
        }
    }

    @Test
    void everyDmnDiagramPassesDmnlint() throws Exception {
        List<Path> diagrams = diagrams(".dmn");
        assertThat(diagrams).isNotEmpty();
        for (Path diagram : diagrams) {
            Node.Result result = Node.run("node_modules/dmnlint/bin/dmnlint.js", "--config",
                    WORKFLOWS.resolve(".dmnlintrc").toString(), diagram.toString());
            assertThat(result.exitCode()).as("dmnlint %s:%n%s", WORKFLOWS.relativize(diagram), result.output()).isZero();
            assertThat(result.output()).doesNotContain("error");
        }
    }

    private static List<Path> diagrams(String extension) throws IOException {
        try (Stream<Path> files = Files.walk(WORKFLOWS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }
}
