package io.oasis.gateway.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;

/**
 * {@code /actuator/health} and its groups ({@code /liveness}, {@code /readiness}) on the public port,
 * for load balancers and the launcher: the status only, with the HTTP status the actuator gives it
 * (its group's mapping: 503 for DOWN and OUT_OF_SERVICE by default). Every other actuator endpoint
 * is on the management port, which listens on this host only.
 */
public class PublicHealth {

    public static final String PATH = "/actuator/health";

    private final HealthEndpoint health;
    private final HealthEndpointGroups groups;
    private final ObjectMapper json;

    public PublicHealth(HealthEndpoint health, HealthEndpointGroups groups, ObjectMapper json) {
        this.health = health;
        this.groups = groups;
        this.json = json;
    }

    public void install(Router router) {
        router.get(PATH).handler(context -> answer(context, groups.getPrimary()));
        router.get(PATH + "/:group").handler(context -> {
            String name = context.pathParam("group");
            HealthEndpointGroup group = groups.get(name);
            if (group == null) {
                context.fail(404);
                return;
            }
            answer(context, group, name);
        });
    }

    private void answer(RoutingContext context, HealthEndpointGroup group, String... path) {
        // Health indicators may block (a broker or a database to ask): not on the event loop.
        context.vertx().executeBlocking(() -> path.length == 0 ? health.health() : health.healthForPath(path), false)
                .onComplete(result -> {
                    if (result.failed()) {
                        context.fail(result.cause());
                        return;
                    }
                    HealthComponent component = result.result();
                    if (component == null) {
                        context.fail(404);
                        return;
                    }
                    try {
                        context.response()
                                .setStatusCode(group.getHttpCodeStatusMapper().getStatusCode(component.getStatus()))
                                .putHeader("Content-Type", "application/json");
                        context.end(Buffer.buffer(json.writeValueAsBytes(
                                Map.of("status", component.getStatus().getCode()))));
                    } catch (Exception e) {
                        context.fail(e);
                    }
                });
    }
}
