package io.oasis.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** An overlay of deploy/kubernetes rendered as kubectl kustomize renders it, and what its objects hold. */
final class Manifests {

    static final List<String> OVERLAYS = List.of("dev", "production");
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    final String text;
    final List<Map<String, Object>> objects = new ArrayList<>();

    private Manifests(String text) {
        this.text = text;
        for (Object each : new Yaml().loadAll(text)) {
            if (each != null) {
                objects.add(ConfigurationContractTest.map(each));
            }
        }
    }

    static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::kustomize);
    }

    private static Manifests kustomize(String overlay) {
        try {
            Path output = Files.createTempFile("oasis-" + overlay, ".yaml");
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", Repository.path("deploy/kubernetes/overlays/" + overlay).toString())
                    .redirectOutput(output.toFile()).redirectErrorStream(false).start();
            String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(2, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed: " + errors);
            }
            String text = Files.readString(output);
            Files.delete(output);
            return new Manifests(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("kubectl is needed to render the overlays (kubectl kustomize)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> object(String kind, String name) {
        return objects.stream()
                .filter(each -> kind.equals(each.get("kind")) && name.equals(ConfigurationContractTest.map(each.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The one container of a service's Deployment. */
    Map<String, Object> container(String service) {
        Map<String, Object> spec = ConfigurationContractTest.map(ConfigurationContractTest.map(
                ConfigurationContractTest.map(object("Deployment", service).get("spec")).get("template")).get("spec"));
        return ConfigurationContractTest.list(spec.get("containers")).get(0);
    }

    /** The variables a container gets: its env entries and every key of the ConfigMaps it takes whole. */
    Set<String> environmentNames(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> each : ConfigurationContractTest.list(container.get("env"))) {
            names.add((String) each.get("name"));
        }
        for (Map<String, Object> source : ConfigurationContractTest.list(container.get("envFrom"))) {
            Object configMap = source.get("configMapRef");
            if (configMap != null) {
                String name = (String) ConfigurationContractTest.map(configMap).get("name");
                names.addAll(ConfigurationContractTest.map(object("ConfigMap", name).get("data")).keySet());
            }
        }
        return names;
    }
}
