package io.oasis.customer.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.customer.preferences.CustomerPreferencesRepository;
import io.oasis.customer.profile.Customer;
import io.oasis.customer.profile.CustomerService;
import io.oasis.customer.profile.CustomerStatus;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Sends a customer's current state to the CRM through the connector routes: the contact
 * ({@code crm-upsert-contact}), or a delete once the customer was erased ({@code crm-delete-contact}).
 * The current state rather than the event's own copy, so that a late or replayed sync never sends
 * the CRM something older than what it may already have.
 */
@Component
public class CrmSync {

    /** Exchange property the connector routes take the customer id from. */
    public static final String CUSTOMER_ID = "crmCustomerId";
    static final String UPSERT = "direct:crm-upsert-contact";
    static final String DELETE = "direct:crm-delete-contact";
    private static final int MAX_BODY_IN_ERROR = 500;

    /**
     * How one sync went.
     *
     * @param payload  the contact sent (null for a delete)
     * @param status   the CRM's last HTTP status, null after a timeout or connection error
     * @param attempts calls made, retries included
     */
    public record Outcome(boolean delivered, String payload, Integer status, String error, int attempts) {
    }

    private final ProducerTemplate producer;
    private final CustomerService customers;
    private final CustomerPreferencesRepository preferences;
    private final ObjectMapper objectMapper;

    public CrmSync(ProducerTemplate producer, CustomerService customers, CustomerPreferencesRepository preferences,
            ObjectMapper objectMapper) {
        this.producer = producer;
        this.customers = customers;
        this.preferences = preferences;
        this.objectMapper = objectMapper;
    }

    /** Pushes the customer as they are now; a 404 problem if there is no such customer. */
    public Outcome push(UUID customerId) {
        Customer customer = customers.find(customerId);
        boolean erased = customer.getStatus() == CustomerStatus.ERASED;
        String payload = erased ? null : contact(customer);
        // A new exchange: nothing of the caller's (an admin's request headers, a Kafka record) reaches the CRM.
        Exchange result = producer.send(erased ? DELETE : UPSERT, exchange -> {
            exchange.setProperty(CUSTOMER_ID, customerId.toString());
            exchange.getIn().setBody(payload);
        });
        int attempts = result.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1;
        Exception failure = result.getException();
        if (failure == null) {
            return new Outcome(true, payload, null, null, attempts);
        }
        HttpOperationFailedException http = result.getException(HttpOperationFailedException.class);
        if (http != null) {
            return new Outcome(false, payload, http.getStatusCode(), "CRM answered " + http.getStatusCode() + ": "
                    + abbreviate(http.getResponseBody()), attempts);
        }
        return new Outcome(false, payload, null, failure.toString(), attempts);
    }

    private String contact(Customer customer) {
        try {
            return objectMapper.writeValueAsString(
                    CrmContact.of(customer, preferences.findById(customer.getId()).orElse(null)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        return body.length() > MAX_BODY_IN_ERROR ? body.substring(0, MAX_BODY_IN_ERROR) + "..." : body;
    }
}
