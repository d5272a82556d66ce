package io.oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * One contract, every way to run Oasis: what each service's settings files say a deployment must set
 * ({@link ServiceSettings}) is set by docker-compose.yml, by the fault suite's deployment, by every Kubernetes
 * overlay and by the launcher, and Kubernetes probes and ports match what the service serves. A new required setting that one of them
 * lacks fails here, not in a deployment.
 */
class ConfigurationContractTest {

    @ParameterizedTest
    @EnumSource(ServiceSettings.class)
    void composeSetsEverySettingTheServiceRequires(ServiceSettings service) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Repository.path("docker-compose.yml")));
        Map<String, Object> definition = map(map(compose.get("services")).get(service.serviceName()));

        assertThat(map(definition.get("environment")).keySet()).as("%s's environment in docker-compose.yml", service.serviceName())
                .containsAll(service.required());
    }

    /** The fault suite's deployment runs each service twice, as services named {@code <kind>-1} and {@code <kind>-2}. */
    @ParameterizedTest
    @EnumSource(ServiceSettings.class)
    void theFaultDeploymentSetsEverySettingTheServiceRequires(ServiceSettings service) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Repository.path("faults/deployment/compose.yml")));
        String kind = service.serviceName().replace("api-", "").replace("-service", "");
        for (String instance : List.of(kind + "-1", kind + "-2")) {
            Map<String, Object> definition = map(map(compose.get("services")).get(instance));

            assertThat(definition).as("%s in faults/deployment/compose.yml", instance).isNotNull();
            assertThat(map(definition.get("environment")).keySet()).as("%s's environment in faults/deployment/compose.yml", instance)
                    .containsAll(service.required());
        }
    }

    @ParameterizedTest
    @MethodSource("deploymentsOfEveryOverlay")
    void kubernetesSetsEverySettingTheServiceRequires(String overlay, ServiceSettings service) throws Exception {
        Manifests manifests = Manifests.render(overlay);
        Map<String, Object> container = manifests.container(service.serviceName());

        assertThat(manifests.environmentNames(container)).as("%s's environment in overlay %s", service.serviceName(), overlay)
                .containsAll(service.required());
    }

    @ParameterizedTest
    @MethodSource("deploymentsOfEveryOverlay")
    void kubernetesProbesTheServicesOwnHealthOnItsOwnPort(String overlay, ServiceSettings service) throws Exception {
        Map<String, Object> container = Manifests.render(overlay).container(service.serviceName());
        List<Map<String, Object>> ports = list(container.get("ports"));

        assertThat(ports).extracting(port -> port.get("containerPort")).containsExactly(service.port());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertThat(get.get("port")).as(probe).isEqualTo(ports.get(0).get("name"));
            assertThat((String) get.get("path")).as(probe)
                    .isEqualTo(probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness");
        }
        assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(map(container.get("resources")).get("limits"))).containsKey("memory");
    }

    /**
     * The launcher sets what a deployment would (Platform.deploymentEnvironment, DevOnlySecrets): each required
     * variable is named in its code, database ones through their prefix (CUSTOMER_DB -> CUSTOMER_DB_URL, ...).
     */
    @ParameterizedTest
    @EnumSource(ServiceSettings.class)
    void theLauncherSetsEverySettingTheServiceRequires(ServiceSettings service) throws IOException {
        Set<String> named = new TreeSet<>();
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]+)\"");
        try (Stream<Path> sources = Files.walk(Repository.path("platform/src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(source));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String variable : service.required()) {
            String prefix = variable.replaceFirst("_(URL|USER|PASSWORD)$", "");
            if (!named.contains(variable) && !(variable.contains("_DB_") && named.contains(prefix))) {
                missing.add(variable);
            }
        }
        assertThat(missing).as("required by %s, never set by the launcher", service.serviceName()).isEmpty();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> deploymentsOfEveryOverlay() {
        return Manifests.OVERLAYS.stream().flatMap(overlay -> Stream.of(ServiceSettings.values())
                .map(service -> org.junit.jupiter.params.provider.Arguments.of(overlay, service)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
