package io.oasis.gateway.server;

import io.oasis.gateway.config.GatewayProperties;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * The public port: a Vert.x HTTP server whose router holds the gateway's own handlers first
 * ({@link FrontDoor}: correlation id, security headers, access log, CORS, docs, health, error answers)
 * and then the REST DSL's operations, which Camel's platform-http registers on the same router.
 *
 * <p>Connections are read and answered on an event-loop thread; each request's route runs on a worker
 * thread, where it may block (the call to its service, Redis for shared rate limits).
 *
 * <p>Why not Camel's own {@code VertxPlatformHttpServer} (4.17): it keeps its top router to itself, so
 * a request no operation takes would get Vert.x's plain-text 404/405 rather than a problem; it sets no
 * idle timeout on connections; and its CORS handler allows credentials for every origin and answers a
 * foreign origin's preflight with 200.
 */
public final class GatewayHttpServer implements CamelContextConfiguration, AutoCloseable {

    private final Vertx vertx;
    private final GatewayProperties.Server settings;
    private final long maxBodyBytes;
    private final VertxPlatformHttpEngine engine;
    private final FrontDoor frontDoor;
    private Router router;
    private HttpServer server;

    public GatewayHttpServer(Vertx vertx, GatewayProperties.Server settings, long maxBodyBytes,
            VertxPlatformHttpEngine engine, FrontDoor frontDoor) {
        this.vertx = vertx;
        this.settings = settings;
        this.maxBodyBytes = maxBodyBytes;
        this.engine = engine;
        this.frontDoor = frontDoor;
    }

    /** The router is in Camel's registry before the routes start, under the name the engine looks up. */
    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        router = Router.router(vertx);
        frontDoor.install(router);
        // Bodies over the limit are refused with 413 as they arrive (see FrontDoor's error answers).
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(engine.getServerPort());
        camelContext.getRegistry().bind(name, new VertxPlatformHttpRouter(null, vertx, router, name) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                return context -> {
                    context.request().resume();
                    bodies.handle(context);
                };
            }
        });
    }

    /** Listens once every route is on the router, so that no early caller gets a 404. */
    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout(60)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        try {
            server = vertx.createHttpServer(options).requestHandler(router)
                    .listen(settings.port(), settings.host())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The gateway could not listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /** The port it listens on (the configured one, or the one it was given for 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("The gateway is not listening yet");
        }
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
