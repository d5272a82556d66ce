package io.oasis.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The public API's OpenAPI document ({@value #LOCATION}), the one place that says which operations
 * exist, which service answers each ({@value #SERVICE}) and which roles may call it ({@value #ROLES}).
 * The gateway routes and checks requests with it; each service checks the roles of its own operations
 * again, and its tests compare its REST DSL with its operations here.
 *
 * <p>Closed by default: an operation needs roles unless its own {@code security} leaves out the bearer
 * token (a provider's callback that carries its own signature, which the service checks). A document
 * with an operation that has neither is refused as a whole.
 */
public final class ApiDocument {

    public static final String LOCATION = "openapi/oasis-api.yaml";
    public static final String SERVICE = "x-oasis-service";
    public static final String ROLES = "x-oasis-roles";
    /** The security scheme of the realm's access tokens, required by every operation that does not say otherwise. */
    static final String TOKEN_SCHEME = "bearer";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static ApiDocument classpath;

    private final String yaml;
    private final JsonNode tree;
    private final List<ApiOperation> operations;
    private final Map<String, ApiOperation> operationsById;

    private ApiDocument(String yaml) {
        this.yaml = yaml;
        try {
            this.tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(LOCATION + " is not valid YAML: " + e.getMessage(), e);
        }
        this.operations = readOperations(tree);
        this.operationsById = operations.stream()
                .collect(Collectors.toUnmodifiableMap(ApiOperation::id, Function.identity()));
    }

    /** The document on the classpath, read once: the gateway, each service's routes and tests share it. */
    public static synchronized ApiDocument load() {
        if (classpath == null) {
            classpath = read();
        }
        return classpath;
    }

    /**
     * A document from its text.
     *
     * @throws IllegalStateException naming every operation that lacks an id, a service or its roles
     */
    public static ApiDocument parse(String yaml) {
        return new ApiDocument(yaml);
    }

    /** The document as written. */
    public String yaml() {
        return yaml;
    }

    /** The document as a JSON tree. */
    public JsonNode tree() {
        return tree;
    }

    public List<ApiOperation> operations() {
        return operations;
    }

    /** The operations one service answers. */
    public List<ApiOperation> operationsOf(String service) {
        return operations.stream().filter(op -> op.service().equals(service)).toList();
    }

    /** The operation with this {@code operationId}. */
    public Optional<ApiOperation> operation(String id) {
        return Optional.ofNullable(operationsById.get(id));
    }

    private static List<ApiOperation> readOperations(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            JsonNode op = entry.getValue();
            String method = entry.getKey().toUpperCase(Locale.ROOT);
            String where = method + " " + path.getKey();
            String id = op.path("operationId").asText(null);
            String service = op.path(SERVICE).asText(null);
            boolean open = isPublic(op);
            List<String> roles = new ArrayList<>();
            op.path(ROLES).forEach(role -> roles.add(role.asText()));
            if (id == null || service == null) {
                problems.add(where + " needs an operationId and " + SERVICE);
            } else if (!ids.add(id)) {
                problems.add(where + ": operationId " + id + " is used twice");
            } else if (open && op.has(ROLES)) {
                problems.add(where + " (" + id + ") is public (its security leaves out the " + TOKEN_SCHEME
                        + " token), so it takes no " + ROLES);
            } else if (!open && (roles.isEmpty() || roles.stream().anyMatch(String::isBlank))) {
                problems.add(where + " (" + id + ") has no " + ROLES + ": list the roles that may call it (or, for a"
                        + " provider's signed callback, give it a security without the " + TOKEN_SCHEME + " token)");
            } else {
                operations.add(new ApiOperation(id, method, path.getKey(), service, roles, open));
            }
        }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(LOCATION + ": every operation needs an operationId, " + SERVICE
                    + " and its roles (closed by default):\n  " + String.join("\n  ", problems));
        }
        return List.copyOf(operations);
    }

    /** An operation whose own security requirements leave out the bearer token needs no token. */
    private static boolean isPublic(JsonNode operation) {
        JsonNode security = operation.get("security");
        if (security == null) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.has(TOKEN_SCHEME)) {
                return false;
            }
        }
        return true;
    }

    private static ApiDocument read() {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is not on the classpath");
            }
            return new ApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LOCATION, e);
        }
    }
}
