package io.oasis.common.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Removes personal fields from stored copies of JSON (event payloads, webhook bodies): each named
 * field, at any depth, becomes {@code null}. The shape stays, so a consumer that reads the copy later
 * still understands it; the values are gone.
 */
public final class JsonRedaction {

    private JsonRedaction() {
    }

    /** A copy of {@code json} with every field named in {@code fields} set to null, wherever it occurs. */
    public static JsonNode withoutFields(JsonNode json, Set<String> fields) {
        JsonNode copy = json.deepCopy();
        clear(copy, fields);
        return copy;
    }

    private static void clear(JsonNode node, Set<String> fields) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> members = object.fields(); members.hasNext();) {
                Map.Entry<String, JsonNode> member = members.next();
                if (fields.contains(member.getKey())) {
                    member.setValue(object.nullNode());
                } else {
                    clear(member.getValue(), fields);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> clear(element, fields));
        }
    }
}
