package io.oasis.gateway.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/**
 * {@code /actuator/health} and its groups ({@code /liveness}, {@code /readiness}) on the public port,
 * for load balancers and the launcher: the status only, 200 when up and 503 otherwise. Every other
 * actuator endpoint is on the management port, which listens on this host only.
 */
public class PublicHealth {

    public static final String PATH = "/actuator/health";

    private final HealthEndpoint health;
    private final ObjectMapper json;

    public PublicHealth(HealthEndpoint health, ObjectMapper json) {
        this.health = health;
        this.json = json;
    }

    public void install(Router router) {
        router.get(PATH).handler(context -> answer(context, new String[0]));
        router.get(PATH + "/:group").handler(context -> answer(context, new String[] {context.pathParam("group")}));
    }

    private void answer(RoutingContext context, String[] path) {
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
                    Status status = component.getStatus();
                    try {
                        context.response()
                                .setStatusCode(Status.UP.equals(status) ? 200 : 503)
                                .putHeader("Content-Type", "application/json");
                        context.end(Buffer.buffer(json.writeValueAsBytes(Map.of("status", status.getCode()))));
                    } catch (Exception e) {
                        context.fail(e);
                    }
                });
    }
}
