package io.oasis.faults.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.UUID;

/** Reads the id of a created order from the API's answer. */
final class OrderIds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderIds() {
    }

    static UUID fromBody(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() ? UUID.fromString(id.asText()) : null;
        } catch (IOException | IllegalArgumentException notAnOrder) {
            return null;
        }
    }
}
