package io.oasis.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * A service's REST DSL against its operations in the API's OpenAPI document: the same operation ids
 * (REST DSL id = operationId), each with the same method and path. Paths under {@value #INTERNAL} are
 * for other services only, not in the public document, and left out.
 */
public final class RestDslContract {

    public static final String INTERNAL = "/internal/";

    /** One operation: {@code METHOD path} under an id. */
    public record Operation(String id, String method, String path) {

        public Operation {
            method = method.toUpperCase(Locale.ROOT);
        }

        String key() {
            return method + " " + path;
        }
    }

    private RestDslContract() {
    }

    /** The REST DSL operations of a context, but those under {@value #INTERNAL}. */
    public static List<Operation> restOperations(CamelContext camel) {
        List<Operation> operations = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(rest.getPath(), verb.getPath());
                if (!path.startsWith(INTERNAL)) {
                    operations.add(new Operation(verb.getId(), verb.asVerb(), path));
                }
            }
        }
        return operations;
    }

    /**
     * Fails, naming each difference, unless the REST DSL has exactly the documented operations with the
     * same methods and paths.
     */
    public static void assertMatches(Collection<Operation> rest, Collection<Operation> documented) {
        Map<String, Operation> served = byId(rest, "REST DSL");
        Map<String, Operation> described = byId(documented, "document");
        List<String> differences = new ArrayList<>();
        served.forEach((id, op) -> {
            Operation doc = described.get(id);
            if (doc == null) {
                differences.add("REST DSL operation " + id + " (" + op.key() + ") is not in the document");
            } else if (!doc.key().equals(op.key())) {
                differences.add(id + ": the REST DSL has " + op.key() + ", the document " + doc.key());
            }
        });
        described.forEach((id, op) -> {
            if (!served.containsKey(id)) {
                differences.add("documented operation " + id + " (" + op.key() + ") is missing from the REST DSL");
            }
        });
        if (!differences.isEmpty()) {
            throw new AssertionError("The REST DSL and the API document differ:\n  " + String.join("\n  ", differences));
        }
        if (served.isEmpty()) {
            throw new AssertionError("No REST DSL operations to compare");
        }
    }

    private static Map<String, Operation> byId(Collection<Operation> operations, String where) {
        for (Operation op : operations) {
            if (op.id() == null) {
                throw new AssertionError(where + ": " + op.key() + " has no id");
            }
        }
        return operations.stream().collect(Collectors.toMap(Operation::id, Function.identity(), (a, b) -> {
            throw new AssertionError(where + ": id " + a.id() + " is used twice");
        }, TreeMap::new));
    }

    private static String join(String base, String path) {
        String joined = Objects.toString(base, "") + (path == null || path.isEmpty() ? ""
                : path.startsWith("/") ? path : "/" + path);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
