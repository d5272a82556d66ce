package io.oasis.gateway.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.request.RequestValidator;
import com.atlassian.oai.validator.model.ApiPath;
import com.atlassian.oai.validator.model.ApiPathImpl;
import com.atlassian.oai.validator.model.NormalisedPathImpl;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.contract.ApiDocument;
import io.oasis.common.contract.ApiOperation;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.UnsupportedMediaTypeException;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.gateway.config.GatewayRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;

/**
 * The public API's OpenAPI document ({@link ApiDocument}) as the gateway uses it: the operations it
 * routes with their roles, the JSON callers download, and the request validation every forwarded request
 * passes first.
 */
public final class ApiContract {

    private final String json;
    private final ApiDocument document;
    private final RequestValidator validator;
    // The validator's view of each operation, by operationId. The gateway knows the operation of every
    // request from its route, so the validator need not find it by matching the path against every
    // documented path (which compiled regular expressions on every request: 8% of the gateway's CPU).
    private final Map<String, Documented> documented;

    /**
     * @param paramless the operation has no parameters and no request body: a request without query, body
     *     or a particular {@code Accept} gives the validator nothing to check
     */
    private record Documented(ApiPath path, PathItem.HttpMethod method, Operation operation, List<String> headers,
            boolean paramless) {
    }

    private ApiContract(ApiDocument document) throws IOException {
        String yaml = document.yaml();
        this.json = new ObjectMapper().writeValueAsString(document.tree());
        this.document = document;

        // Parsed and checked as OpenApiInteractionValidator's builder does by default.
        ParseOptions parsing = new ParseOptions();
        parsing.setResolve(true);
        parsing.setResolveFully(true);
        parsing.setResolveCombinators(false);
        OpenAPI api = new OpenApiLoader().loadApi(OpenApiInteractionValidator.SpecSource.inline(yaml), List.of(), parsing);
        MessageResolver messages = new MessageResolver(LevelResolver.create()
                // The token was checked by the Authenticate step, with better errors than a schema could give.
                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                .build());
        this.validator = new RequestValidator(new SchemaValidator(api, messages), messages, api, List.of());
        Map<String, Documented> byId = new HashMap<>();
        api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                byId.put(operation.getOperationId(), new Documented(new ApiPathImpl(template, null), method, operation,
                        checkedHeaders(item, operation), isEmpty(item.getParameters()) && isEmpty(operation.getParameters())
                                && operation.getRequestBody() == null))));
        this.documented = Map.copyOf(byId);
        if (!documented.keySet().containsAll(document.operations().stream().map(ApiOperation::id).toList())) {
            throw new IllegalStateException(ApiDocument.LOCATION + ": the validator does not see every operation");
        }
    }

    /**
     * The document on the classpath.
     *
     * @throws IllegalStateException if an operation lacks its id, service or roles: the gateway does not start
     */
    public static ApiContract load() {
        try {
            return new ApiContract(ApiDocument.load());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ApiDocument.LOCATION, e);
        }
    }

    /** The document as served at /api/v1/openapi.json. */
    public String json() {
        return json;
    }

    public List<ApiOperation> operations() {
        return document.operations();
    }

    /** The services that answer documented operations (the gateway itself excluded). */
    public Set<String> services() {
        Set<String> services = new TreeSet<>();
        document.operations().stream().filter(ApiOperation::forwarded).forEach(op -> services.add(op.service()));
        return services;
    }

    /** The operation with this {@code operationId}. */
    public Optional<ApiOperation> operation(String id) {
        return document.operation(id);
    }

    /**
     * Step 0 of a request's path: the operation is the one whose REST route received the request (route id
     * {@code gateway-<operationId>}). Kept on the exchange for the next steps, and on the routing context
     * for the access log.
     */
    public void identify(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        ApiOperation operation = operation(routeId.substring(GatewayRequest.OPERATION_ROUTE.length()))
                .orElseThrow(() -> new IllegalStateException("Route " + routeId + " is not a documented operation"));
        exchange.setProperty(GatewayRequest.OPERATION, operation);
        GatewayRequest.routingContext(exchange).put(GatewayRequest.OPERATION, operation);
    }

    /**
     * The request headers that checking a request for this operation reads: {@code Content-Type},
     * {@code Accept}, the operation's header parameters, and {@code Cookie} if it has cookie parameters.
     * Only these need to be in {@link ApiRequest#headers()}: the caller's token is checked before, by
     * the Authenticate step, and no other header can fail the check.
     */
    public List<String> checkedHeaders(ApiOperation operation) {
        return documented.get(operation.id()).headers();
    }

    /**
     * Whether the operation takes an {@code Idempotency-Key} (the document lists it among its header
     * parameters): its service then answers a repeated request with the first answer and does nothing twice.
     */
    public boolean honoursIdempotencyKey(ApiOperation operation) {
        return checkedHeaders(operation).stream().anyMatch(IdempotencyKeys.HEADER::equalsIgnoreCase);
    }

    private static List<String> checkedHeaders(PathItem item, Operation operation) {
        Set<String> names = new LinkedHashSet<>(List.of("Content-Type", "Accept"));
        List<Parameter> parameters = new ArrayList<>();
        Optional.ofNullable(item.getParameters()).ifPresent(parameters::addAll);
        Optional.ofNullable(operation.getParameters()).ifPresent(parameters::addAll);
        for (Parameter parameter : parameters) {
            if ("header".equals(parameter.getIn())) {
                names.add(parameter.getName());
            } else if ("cookie".equals(parameter.getIn())) {
                names.add("Cookie");
            }
        }
        return List.copyOf(names);
    }

    /**
     * Checks a request for an operation against the document. A form body (application/x-www-form-urlencoded) is
     * checked too, but the validator reads each value as JSON would (30003 a number, true a boolean):
     * the document declares only the form fields whose values never look like one.
     *
     * @throws UnsupportedMediaTypeException for a body in a media type the operation does not take (415)
     * @throws InvalidRequestException for bad parameters or body, with the failing fields (400)
     */
    public void validate(ApiOperation operation, ApiRequest request) {
        Documented target = documented.get(operation.id());
        if (target.paramless() && nothingToCheck(request)) {
            return;
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), request.path());
        request.headers().forEach((name, values) -> builder.withHeader(name, values));
        request.query().forEach((name, values) -> builder.withQueryParam(name, values));
        if (request.body() != null && request.body().length > 0) {
            builder.withBody(request.body());
        }
        ValidationReport report = validator.validateRequest(builder.build(),
                new com.atlassian.oai.validator.model.ApiOperation(target.path(),
                        new NormalisedPathImpl(request.path(), null), target.method(), target.operation()));
        if (!report.hasErrors()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            if (message.getKey().startsWith("validation.request.contentType")) {
                throw new UnsupportedMediaTypeException("This operation does not accept the request's Content-Type.");
            }
            errors.add(new FieldError(field(message), message.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        throw new InvalidRequestException("The request does not match the API contract.", errors);
    }

    /** A request with no query, no body, and an {@code Accept} (if any) that takes every media type. */
    private static boolean nothingToCheck(ApiRequest request) {
        if (!request.query().isEmpty() || (request.body() != null && request.body().length > 0)) {
            return false;
        }
        List<String> accept = request.headers().getOrDefault("Accept", List.of());
        return accept.stream().allMatch(value -> value.strip().equals("*/*"));
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    /** Where a problem is: the body field as a JSON path (items[0].quantity), a parameter's name, or $. */
    private static String field(ValidationReport.Message message) {
        Optional<ValidationReport.MessageContext> context = message.getContext();
        Optional<String> parameter = context.flatMap(ValidationReport.MessageContext::getParameter)
                .map(p -> p.getName());
        if (parameter.isPresent()) {
            return parameter.get();
        }
        String pointer = context.flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                path.append('[').append(name).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(name);
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    /** What validation looks at: the request as the caller sent it. */
    public record ApiRequest(String method, String path, Map<String, List<String>> headers,
            Map<String, List<String>> query, byte[] body) {
    }
}
