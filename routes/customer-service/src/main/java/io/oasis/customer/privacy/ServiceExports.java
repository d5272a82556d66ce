package io.oasis.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;
import java.io.IOException;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** The other services' parts of an export, through the routes of {@link ServiceExportRoutes}. */
@Component
public class ServiceExports {

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public ServiceExports(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    /** The order service's part: the customer's orders. */
    public JsonNode orders(UUID customerId) {
        return fetch(ServiceExportRoutes.ORDERS, "order service", customerId);
    }

    /** The notification service's part: contact copy, delivery log, devices. */
    public JsonNode notifications(UUID customerId) {
        return fetch(ServiceExportRoutes.NOTIFICATIONS, "notification service", customerId);
    }

    private JsonNode fetch(String endpoint, String service, UUID customerId) {
        Exchange answer = producer.send(endpoint,
                exchange -> exchange.getMessage().setHeader(ServiceExportRoutes.CUSTOMER_ID, customerId.toString()));
        if (answer.getException() != null) {
            throw new ExportIncompleteException(service, "could not be reached");
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200) {
            throw new ExportIncompleteException(service, "answered " + status);
        }
        try {
            return json.readTree(answer.getMessage().getBody(byte[].class));
        } catch (IOException e) {
            throw new ExportIncompleteException(service, "answered something that is not JSON");
        }
    }

    /** A part of the export could not be had: 502, and no partial export. */
    public static class ExportIncompleteException extends ProblemException {

        ExportIncompleteException(String service, String what) {
            super(ProblemType.BAD_GATEWAY, "The export is not complete: the " + service + " " + what
                    + ". Nothing is returned rather than a part of it; try again later.");
        }
    }
}
