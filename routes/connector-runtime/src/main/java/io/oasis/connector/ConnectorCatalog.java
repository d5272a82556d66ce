package io.oasis.connector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.dsl.yaml.KameletRoutesBuilderLoader;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors loaded into one Camel context. Installing a file checks it completely (the Oasis
 * declarations and Camel's own reading of the Kamelet) before anything changes, then swaps it in: the
 * routes made from the previous version are removed, so the next call builds its route from the new one.
 * A file that fails the check changes nothing, so the previous version keeps serving.
 */
public class ConnectorCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorCatalog.class);

    /** Route ids of the routes a connector's calls run on: {@code connector.<name>.<properties hash>}. */
    static final String ROUTE_ID_PREFIX = "connector.";

    private final CamelContext camel;
    private final Map<String, ConnectorDefinition> connectors = new ConcurrentHashMap<>();
    private final List<Consumer<ConnectorCatalog>> listeners = new CopyOnWriteArrayList<>();

    public ConnectorCatalog(CamelContext camel) {
        this(camel, java.time.Clock.systemUTC());
    }

    public ConnectorCatalog(CamelContext camel, java.time.Clock clock) {
        this.camel = camel;
        // Retries are the engine's (the task's retry cycle), not the HTTP client's: Apache HttpClient would
        // otherwise repeat a call that got 503 once on its own, doubling the load on a struggling system.
        for (String scheme : List.of("http", "https")) {
            camel.getComponent(scheme, org.apache.camel.component.http.HttpComponent.class).setAutomaticRetriesDisabled(true);
        }
        if (camel.getRegistry().lookupByName(ConnectorFunctions.BEAN) == null) {
            camel.getRegistry().bind(ConnectorFunctions.BEAN, new ConnectorFunctions(clock));
        }
    }

    /**
     * Checks and loads one connector file, replacing the connector of the same name.
     *
     * @return the loaded definition
     * @throws InvalidConnectorException if the file is not a valid connector; nothing changed then
     */
    public ConnectorDefinition install(String fileName, byte[] content) {
        ConnectorDefinition definition = ConnectorFiles.parse(fileName, content);
        synchronized (this) {
            ConnectorDefinition previous = connectors.get(definition.name());
            if (previous != null && previous.version().equals(definition.version())) {
                return previous;
            }
            RoutesBuilder template = camelTemplate(definition);
            removeFromCamel(definition.name());
            try {
                camel.addRoutes(template);
            } catch (Exception e) {
                // Put the previous version back, so a file that Camel refuses changes nothing.
                if (previous != null) {
                    addQuietly(camelTemplate(previous));
                }
                throw new InvalidConnectorException(fileName + ": Camel cannot load its template: " + rootMessage(e), e);
            }
            connectors.put(definition.name(), definition);
        }
        changed();
        return definition;
    }

    /** Removes a connector; calls to it fail from now on (the deploy-time check refuses models naming it). */
    public boolean uninstall(String name) {
        synchronized (this) {
            if (connectors.remove(name) == null) {
                return false;
            }
            removeFromCamel(name);
        }
        changed();
        return true;
    }

    public Optional<ConnectorDefinition> find(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    /** Every loaded connector, by name. */
    public List<ConnectorDefinition> all() {
        List<ConnectorDefinition> all = new ArrayList<>(connectors.values());
        all.sort(Comparator.comparing(ConnectorDefinition::name));
        return List.copyOf(all);
    }

    public Collection<String> names() {
        return all().stream().map(ConnectorDefinition::name).toList();
    }

    /** Called after every change (a connector installed, replaced or removed), on the changing thread. */
    public void onChange(Consumer<ConnectorCatalog> listener) {
        listeners.add(listener);
    }

    CamelContext camel() {
        return camel;
    }

    private void changed() {
        for (Consumer<ConnectorCatalog> listener : listeners) {
            try {
                listener.accept(this);
            } catch (RuntimeException e) {
                LOG.warn("A connector catalog listener failed: {}", e.toString());
            }
        }
    }

    /** Camel's own reading of the Kamelet file: the YAML DSL's Kamelet loader, as Camel JBang uses it. */
    private RoutesBuilder camelTemplate(ConnectorDefinition definition) {
        try (KameletRoutesBuilderLoader loader = new KameletRoutesBuilderLoader()) {
            loader.setCamelContext(camel);
            loader.start();
            return loader.loadRoutesBuilder(ResourceHelper.fromBytes(definition.fileName(), definition.source()));
        } catch (Exception e) {
            throw new InvalidConnectorException(definition.fileName() + ": Camel cannot read its template: "
                    + rootMessage(e), e);
        }
    }

    private void addQuietly(RoutesBuilder template) {
        try {
            camel.addRoutes(template);
        } catch (Exception e) {
            LOG.error("Restoring a connector's previous version failed: {}", rootMessage(e));
        }
    }

    /** The template and every route and endpoint made from it. */
    private void removeFromCamel(String name) {
        String prefix = ROUTE_ID_PREFIX + name + ".";
        for (Route route : List.copyOf(camel.getRoutes())) {
            if (route.getRouteId().startsWith(prefix)) {
                try {
                    camel.getRouteController().stopRoute(route.getRouteId());
                    camel.removeRoute(route.getRouteId());
                } catch (Exception e) {
                    LOG.warn("Removing route {} of connector {} failed: {}", route.getRouteId(), name, e.toString());
                }
            }
        }
        try {
            camel.removeEndpoints("kamelet://" + name + "/*");
            ((ModelCamelContext) camel).removeRouteTemplateDefinitions(name);
        } catch (Exception e) {
            LOG.warn("Removing the template of connector {} failed: {}", name, e.toString());
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
