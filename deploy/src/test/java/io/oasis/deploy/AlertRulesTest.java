package io.oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/observability: the alert rules are valid for Prometheus and pass their unit tests
 * ({@code promtool check rules}, {@code promtool test rules}); every alert waits a {@code for:} duration and is
 * tested both firing and quiet; the dashboard is Grafana JSON whose every panel queries something. (That the
 * series exist is checked against the running services by the platform's OperationsTest.)
 */
class AlertRulesTest {

    private static final Path FOLDER = Repository.path("deploy/observability");
    private static final String RULES = "oasis-alerts.yml";
    private static final String RULE_TESTS = "oasis-alerts.test.yml";

    @Test
    void promtoolAcceptsTheRulesAndTheirTestsPass() throws Exception {
        String checked = promtool("check", "rules", RULES);
        assertThat(checked).contains("SUCCESS");
        String tested = promtool("test", "rules", RULE_TESTS);
        assertThat(tested).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertWaitsBeforeFiringAndIsTestedFiringAndQuiet() throws IOException {
        List<Map<String, Object>> rules = rules();
        assertThat(rules).isNotEmpty();
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Map<String, Object> test : list(yaml(RULE_TESTS).get("tests"))) {
            for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
                String alert = (String) check.get("alertname");
                (list(check.get("exp_alerts")).isEmpty() ? quiet : firing).add(alert);
            }
        }
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> rule : rules) {
            String alert = (String) rule.get("alert");
            alerts.add(alert);
            assertThat(rule.get("for")).as(alert + " has a for: duration").isNotNull();
            assertThat(rule.get("labels")).as(alert + " has a severity").isInstanceOfSatisfying(Map.class,
                    labels -> assertThat(labels.get("severity")).isIn("critical", "warning"));
        }
        assertThat(firing).as("alerts tested firing").containsAll(alerts);
        assertThat(quiet).as("alerts tested quiet").containsAll(alerts);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardIsGrafanaJsonWhosePanelsAllQuery() throws IOException {
        // JSON is YAML: the module's YAML parser reads it (and fails on anything that is not well-formed).
        Map<String, Object> dashboard = new Yaml().load(Files.readString(FOLDER.resolve("oasis-platform-dashboard.json")));
        assertThat(dashboard.get("uid")).isEqualTo("oasis-platform");
        List<String> panels = new ArrayList<>();
        for (Map<String, Object> panel : list(dashboard.get("panels"))) {
            if ("row".equals(panel.get("type"))) {
                continue;
            }
            String title = (String) panel.get("title");
            panels.add(title);
            assertThat(list(panel.get("targets"))).as(title).isNotEmpty();
            for (Map<String, Object> target : list(panel.get("targets"))) {
                assertThat((String) target.get("expr")).as(title).isNotBlank();
                assertThat(((Map<String, Object>) target.get("datasource")).get("uid")).isEqualTo("${datasource}");
            }
        }
        assertThat(panels).hasSizeGreaterThan(10).doesNotHaveDuplicates();
    }

    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("promtool is needed to check the alert rules (Debian package prometheus)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : list(yaml(RULES).get("groups"))) {
            rules.addAll(list(group.get("rules")));
        }
        return rules;
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(FOLDER.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
