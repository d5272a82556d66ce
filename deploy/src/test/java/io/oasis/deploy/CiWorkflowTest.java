package io.oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The CI workflow users get validates against GitHub's workflow schema and runs what the README says. */
class CiWorkflowTest {

    private static final String WORKFLOW = ".github/workflows/ci.yml";

    @Test
    void theWorkflowValidatesAgainstTheWorkflowSchema() throws Exception {
        Node.Result result = Node.run("node_modules/@action-validator/cli/cli.mjs", Repository.path(WORKFLOW).toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theWorkflowRunsTheReadmesTestCommandWithPostgresAndRedisAndBuildsTheImages() throws Exception {
        Map<String, Object> workflow = new Yaml().load(Files.readString(Repository.path(WORKFLOW)));
        Map<String, Object> jobs = ConfigurationContractTest.map(workflow.get("jobs"));
        Map<String, Object> test = ConfigurationContractTest.map(jobs.get("test"));

        assertThat(ConfigurationContractTest.map(test.get("services")).keySet()).containsExactlyInAnyOrder("postgres", "redis");
        assertThat(runs(test)).anyMatch(command -> command.contains("./mvnw -B verify"));
        assertThat(Files.readString(Repository.path("README.md"))).contains("./mvnw verify");
        assertThat(runs(ConfigurationContractTest.map(jobs.get("images")))).anyMatch(command -> command.contains("docker/build-images.sh"));
    }

    private static List<String> runs(Map<String, Object> job) {
        return ConfigurationContractTest.list(job.get("steps")).stream()
                .map(step -> String.valueOf(step.getOrDefault("run", ""))).toList();
    }
}
