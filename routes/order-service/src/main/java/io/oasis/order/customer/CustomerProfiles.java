package io.oasis.order.customer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.error.ConflictException;
import java.io.IOException;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The customer profile of the caller, from the customer service ({@code GET /api/v1/customers/me}
 * with the caller's own token): a customer's order belongs to the profile of whoever placed it.
 */
@Component
public class CustomerProfiles {

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public CustomerProfiles(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    /** The caller's customer id; 409 if they have no profile yet. */
    public UUID callersCustomerId(String authorization) throws IOException {
        Exchange answer = producer.send(CustomerProfileRoute.ENDPOINT,
                exchange -> exchange.getMessage().setHeader("Authorization", authorization));
        if (answer.getException() != null) {
            throw new IOException("The customer service could not be reached", answer.getException());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 404) {
            throw new ConflictException("You have no customer profile yet: create it with POST /api/v1/customers/me.");
        }
        if (status != 200) {
            throw new IOException("The customer service answered " + status);
        }
        return UUID.fromString(json.readTree(answer.getMessage().getBody(byte[].class)).path("id").asText());
    }
}
