package io.oasis.order.connector;

import io.oasis.common.error.NotFoundException;
import io.oasis.common.web.ApiResponse;
import io.oasis.connector.ConnectorCalls;
import io.oasis.connector.ConnectorCatalog;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ElementTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The connector catalog API: what is loaded, where deployed processes use it, how it is doing, and the
 * Camunda Modeler templates.
 */
@Component
public class ConnectorEndpoints {

    private final ConnectorCatalog catalog;
    private final ConnectorCalls calls;
    private final RepositoryService repository;
    private final Environment environment;
    /** The connector tasks of each process definition; a deployed definition never changes. */
    private final Map<String, List<ConnectorTask>> tasksByDefinition = new ConcurrentHashMap<>();

    public ConnectorEndpoints(ConnectorCatalog catalog, ConnectorCalls calls, RepositoryService repository,
            Environment environment) {
        this.catalog = catalog;
        this.calls = calls;
        this.repository = repository;
        this.environment = environment;
    }

    public ApiResponse list(Exchange exchange) {
        Map<String, List<ConnectorView.Usage>> usage = usage();
        return ApiResponse.ok(catalog.all().stream()
                .map(connector -> ConnectorView.of(connector, usage.getOrDefault(connector.name(), List.of()), null,
                        this::configured))
                .toList());
    }

    public ApiResponse get(Exchange exchange) {
        String name = exchange.getMessage().getHeader("name", String.class);
        ConnectorDefinition connector = catalog.find(name)
                .orElseThrow(() -> new NotFoundException("No connector '" + name + "' is loaded."));
        return ApiResponse.ok(ConnectorView.of(connector, usage().getOrDefault(connector.name(), List.of()),
                calls.health(connector.name()), this::configured));
    }

    public ApiResponse elementTemplates(Exchange exchange) {
        return ApiResponse.ok(ElementTemplates.of(catalog.all()));
    }

    private boolean configured(String key) {
        String value = environment.getProperty(key);
        return value != null && !value.isBlank();
    }

    /** Which tasks of the latest version of each deployed process call which connector. */
    private Map<String, List<ConnectorView.Usage>> usage() {
        Map<String, List<ConnectorView.Usage>> usage = new HashMap<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            List<ConnectorTask> tasks = tasksByDefinition.computeIfAbsent(definition.getId(),
                    id -> ConnectorTask.in(repository.getBpmnModelInstance(id)));
            for (ConnectorTask task : tasks) {
                if (task.connector() != null) {
                    usage.computeIfAbsent(task.connector(), name -> new ArrayList<>()).add(new ConnectorView.Usage(
                            definition.getKey(), definition.getVersion(), task.activityId()));
                }
            }
        }
        return usage;
    }
}
