package io.oasis.order.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.address.PostalAddress;
import io.oasis.common.error.BadGatewayException;
import io.oasis.common.error.ConflictException;
import io.oasis.common.error.InvalidRequestException;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Customer profiles from the customer service: the caller's own ({@code GET /api/v1/customers/me} with the
 * caller's own token), whose orders are theirs; or the customer staff order for.
 */
@Component
public class CustomerProfiles {

    /** What an order needs of a profile: whose it is and where their orders go by default (may be null). */
    public record Profile(UUID id, PostalAddress shippingAddress) {
    }

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public CustomerProfiles(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    /** The caller's profile; 409 if they have no profile yet. */
    public Profile callersProfile(String authorization) throws IOException {
        return own(authorization).orElseThrow(() -> new ConflictException(
                "You have no customer profile yet: create it with POST /api/v1/customers/me."));
    }

    /** The caller's customer id; empty if they have no profile. */
    public Optional<UUID> callersCustomerId(String authorization) throws IOException {
        return own(authorization).map(Profile::id);
    }

    /** The profile of the customer staff order for; 400 naming {@code customerId} if there is none. */
    public Profile profile(UUID customerId) throws IOException {
        Exchange answer = producer.send(CustomerProfileRoute.BY_ID,
                exchange -> exchange.setVariable(CustomerProfileRoute.CUSTOMER_ID, customerId.toString()));
        return read(answer).orElseThrow(() -> InvalidRequestException.field("customerId", "no such customer"));
    }

    private Optional<Profile> own(String authorization) throws IOException {
        return read(producer.send(CustomerProfileRoute.ENDPOINT,
                exchange -> exchange.getMessage().setHeader("Authorization", authorization)));
    }

    private Optional<Profile> read(Exchange answer) throws IOException {
        if (answer.getException() != null) {
            throw new BadGatewayException("The customer service could not be reached; try again.");
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new BadGatewayException("The customer service answered " + status + "; try again.");
        }
        JsonNode profile = json.readTree(answer.getMessage().getBody(byte[].class));
        JsonNode address = profile.path("shippingAddress");
        return Optional.of(new Profile(UUID.fromString(profile.path("id").asText()),
                address.isObject() ? json.treeToValue(address, PostalAddress.class) : null));
    }
}
