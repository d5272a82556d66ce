package io.oasis.notification.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The contact details of a customer: from the projection, or, only when the projection does not know the
 * customer yet (its events have not arrived), once from the customer service, remembered from then on.
 */
@Component
public class CustomerDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerDirectory.class);

    private final CustomerContactRepository contacts;
    private final ContactProjection projection;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public CustomerDirectory(CustomerContactRepository contacts, ContactProjection projection,
            ProducerTemplate producer, ObjectMapper json) {
        this.contacts = contacts;
        this.projection = projection;
        this.producer = producer;
        this.json = json;
    }

    /**
     * @return the customer's contact, or empty if the customer service does not know them either
     * @throws IOException if the customer service could not be asked (the event is retried)
     */
    public Optional<CustomerContact> find(UUID customerId) throws IOException {
        Optional<CustomerContact> known = contacts.findById(customerId);
        if (known.isPresent()) {
            return known;
        }
        JsonNode customer = fetch(customerId, "");
        if (customer == null) {
            LOG.warn("Customer {} is unknown here and to the customer service", customerId);
            return Optional.empty();
        }
        JsonNode preferences = fetch(customerId, "/preferences");
        LOG.info("Customer {} was not yet in the projection; read once from the customer service", customerId);
        return Optional.of(projection.remember(customer, preferences));
    }

    private JsonNode fetch(UUID customerId, String path) throws IOException {
        Exchange answer = producer.send(CustomerLookupRoute.ENDPOINT, exchange -> {
            exchange.getMessage().setHeader(CustomerLookupRoute.CUSTOMER_ID, customerId.toString());
            exchange.getMessage().setHeader(CustomerLookupRoute.PATH, path);
        });
        if (answer.getException() != null) {
            throw new IOException("The customer service could not be reached", answer.getException());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 404) {
            return null;
        }
        if (status != 200) {
            throw new IOException("The customer service answered " + status + " for customer " + customerId + path);
        }
        return json.readTree(answer.getMessage().getBody(byte[].class));
    }
}
