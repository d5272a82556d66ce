package io.oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay renders with kubectl kustomize, and every object of it validates offline against the
 * Kubernetes API's JSON schemas (deploy/validation); secrets are referenced, never shipped.
 */
class KubernetesManifestsTest {

    static List<String> overlays() {
        return Manifests.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectValidatesAgainstTheKubernetesSchemas(String overlay) throws Exception {
        Path rendered = Files.createTempFile("oasis-" + overlay, ".yaml");
        Files.writeString(rendered, Manifests.render(overlay).text);

        Node.Result result = Node.run("validate-kubernetes.mjs", rendered.toString());
        Files.delete(rendered);

        assertThat(result.output()).as("validation of overlay %s", overlay).doesNotContain("ERROR");
        assertThat(result.exitCode()).as(result.output()).isZero();
        // Everything but the operators' custom resources has a schema and passed it.
        assertThat(result.output().lines().filter(line -> line.startsWith("VALID"))).hasSizeGreaterThanOrEqualTo(18);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noOverlayShipsASecret(String overlay) {
        assertThat(Manifests.render(overlay).objects).extracting(object -> object.get("kind")).doesNotContain("Secret");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayTakesTrafficFromOutside(String overlay) {
        Manifests manifests = Manifests.render(overlay);
        Map<String, Object> denyAll = manifests.object("NetworkPolicy", "oasis-default-deny-ingress");
        assertThat(ConfigurationContractTest.map(ConfigurationContractTest.map(denyAll.get("spec")).get("podSelector"))).isEmpty();

        Map<String, Object> open = ConfigurationContractTest.map(manifests.object("NetworkPolicy", "api-gateway-from-anywhere").get("spec"));
        assertThat(open.get("podSelector").toString()).contains("api-gateway");
        assertThat(ConfigurationContractTest.list(open.get("ingress"))).allSatisfy(rule -> assertThat(rule).doesNotContainKey("from"));
    }

    @Test
    void theGatewayAndTheOrderServiceScaleWithTheirLoad() {
        for (String overlay : Manifests.OVERLAYS) {
            Manifests manifests = Manifests.render(overlay);
            for (String service : List.of("api-gateway", "order-service")) {
                Map<String, Object> target = ConfigurationContractTest.map(ConfigurationContractTest.map(
                        manifests.object("HorizontalPodAutoscaler", service).get("spec")).get("scaleTargetRef"));
                assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", service);
                assertThat(manifests.object("PodDisruptionBudget", service)).isNotNull();
            }
        }
    }
}
