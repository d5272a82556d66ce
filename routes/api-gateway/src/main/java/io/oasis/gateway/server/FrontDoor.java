package io.oasis.gateway.server;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.Problem;
import io.oasis.common.error.ProblemType;
import io.oasis.common.error.ProblemWriter;
import io.oasis.common.error.Problems;
import io.oasis.common.web.RequestContent;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.docs.SwaggerUi;
import io.oasis.gateway.observe.AccessLog;
import io.oasis.gateway.observe.PublicHealth;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request on the public port passes before any operation: its correlation id, the
 * security headers and the access-log line of its answer, a check of its path, CORS for the API; the
 * docs and the health endpoint; and a problem+json answer for whatever no operation takes (404, 405,
 * 413, 415, 400, 500).
 */
public final class FrontDoor {

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
    private static final String API_PREFIX = GatewayRequest.BASE_PATH + "/";
    private static final List<String> VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers");
    /** Percent-encodings a service could decode into a separator, a dot, a percent sign or a NUL. */
    private static final List<String> AMBIGUOUS_ENCODINGS = List.of("%2f", "%5c", "%2e", "%25", "%3b", "%00");

    private final ProblemWriter problems;
    private final AccessLog accessLog;
    private final Handler<RoutingContext> cors;
    private final SwaggerUi docs;
    private final PublicHealth health;
    private final long maxBodyBytes;

    public FrontDoor(ProblemWriter problems, AccessLog accessLog, Handler<RoutingContext> cors, SwaggerUi docs,
            PublicHealth health, long maxBodyBytes) {
        this.problems = problems;
        this.accessLog = accessLog;
        this.cors = cors;
        this.docs = docs;
        this.health = health;
        this.maxBodyBytes = maxBodyBytes;
    }

    void install(Router router) {
        router.route().order(-3).handler(this::begin);
        router.route().order(-2).handler(this::checkRequest);
        router.route(API_PREFIX + "*").order(-1).handler(cors);
        docs.install(router);
        health.install(router);
        router.errorHandler(400, context -> answerFailure(context, ProblemType.VALIDATION, "The request is malformed."));
        router.errorHandler(404, context -> answerFailure(context, ProblemType.NOT_FOUND,
                "No operation of the API is at " + context.request().path() + "."));
        router.errorHandler(405, context -> answerFailure(context, ProblemType.METHOD_NOT_ALLOWED,
                context.request().method() + " is not an operation of " + context.request().path() + "."));
        router.errorHandler(413, context -> answerFailure(context, ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + maxBodyBytes + " bytes."));
        router.errorHandler(415, context -> answerFailure(context, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "The request's Content-Type is not one this operation takes."));
        router.errorHandler(500, context -> {
            if (context.failure() != null) {
                LOG.warn("Error handling {} {}: {}", context.request().method(), context.request().path(),
                        context.failure().toString(), context.failure());
            }
            answerFailure(context, ProblemType.INTERNAL, "The gateway could not handle the request.");
        });
    }

    private void begin(RoutingContext context) {
        long started = System.nanoTime();
        HttpServerRequest request = context.request();
        String id = CorrelationId.resolve(request.getHeader(CorrelationId.HEADER),
                request.getHeader(CorrelationId.TRACEPARENT));
        // The route reads it as a message header, as any route of the platform does.
        request.headers().set(CorrelationId.HEADER, id);
        context.put(GatewayRequest.CORRELATION_ID, id);
        HttpServerResponse response = context.response();
        response.putHeader(CorrelationId.HEADER, id);
        boolean api = request.path().startsWith(API_PREFIX);
        context.addHeadersEndHandler(ignored -> securityHeaders(response.headers(), api));
        context.addEndHandler(ignored -> accessLog.record(context, started));
        context.next();
    }

    /**
     * The headers Spring Security writes by default, for every answer; a service's own caching policy
     * (any of Cache-Control, Pragma, Expires) is kept. API answers vary with the CORS request headers.
     */
    private static void securityHeaders(MultiMap headers, boolean api) {
        if (!headers.contains("Cache-Control") && !headers.contains("Pragma") && !headers.contains("Expires")) {
            headers.set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            headers.set("Pragma", "no-cache");
            headers.set("Expires", "0");
        }
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        if (api) {
            // Those the CORS handler has not named already (it names Origin when the request had one).
            String vary = String.join(",", headers.getAll("Vary")).toLowerCase(Locale.ROOT);
            for (String name : VARY) {
                if (!vary.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.add("Vary", name);
                }
            }
        }
    }

    /**
     * Refuses a path a service could read otherwise (400), and a form on a method that carries no body (415:
     * Vert.x's body handler cannot decode one, and fails).
     */
    private void checkRequest(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (isAmbiguous(path)) {
            answer(context, Problems.of(ProblemType.VALIDATION, "The request path is not allowed: it holds encoded "
                    + "separators, dot segments or control characters.", path, context.get(GatewayRequest.CORRELATION_ID), List.of()),
                    Map.of());
            return;
        }
        if (RequestContent.isFormWithoutBody(request.method().name(), request.getHeader("Content-Type"))) {
            answerFailure(context, ProblemType.UNSUPPORTED_MEDIA_TYPE, RequestContent.formWithoutBody(request.method().name()));
            return;
        }
        context.next();
    }

    /**
     * Whether a service could read the path differently from the gateway: encoded slashes, backslashes,
     * dots or percent signs, path parameters, dot segments, empty segments, control characters. The
     * operation the gateway matched (and checked the caller's roles for) must be the one the service serves.
     */
    static boolean isAmbiguous(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ';') {
                return true;
            }
            if (c == '%' && i + 2 < path.length()
                    && AMBIGUOUS_ENCODINGS.contains(path.substring(i, i + 3).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return path.contains("//") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..");
    }

    private void answerFailure(RoutingContext context, ProblemType type, String detail) {
        if (context.response().headWritten()) {
            context.response().reset();
            return;
        }
        Map<String, String> headers = type == ProblemType.PAYLOAD_TOO_LARGE ? Map.of("Connection", "close") : Map.of();
        answer(context, Problems.of(type, detail, context.request().path(), context.get(GatewayRequest.CORRELATION_ID), List.of()),
                headers);
    }

    /** Answers with the problem, and the given headers (the Vert.x side of the {@link ProblemWriter}). */
    private void answer(RoutingContext context, Problem problem, Map<String, String> headers) {
        ProblemWriter.Answer answer = problems.answer(problem, headers);
        HttpServerResponse response = context.response().setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        context.end(Buffer.buffer(answer.body()));
    }
}
