package io.oasis.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.RealParts;
import io.oasis.testsupport.RealParts.Part;
import io.oasis.testsupport.ServiceTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running customer service for every test class of the module, on a real PostgreSQL database,
 * the embedded Kafka broker and a real Keycloak whose demo users call it with real tokens.
 */
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + CustomerServiceApplication.NAME,
            "oasis.outbox.poll-interval=100ms",
            "oasis.consumer.redelivery-delay=50",
            "oasis.consumer.maximum-redelivery-delay=200",
            // The realm's dev-only secret of the customer service's client, for the calls an export makes.
            "oasis.customer.client-secret=dev-only-customer-service-secret" })
@RealParts({ Part.POSTGRES, Part.KAFKA, Part.KEYCLOAK })
public abstract class CustomerServiceTestBase extends ServiceTest {

    protected static final String CUSTOMERS = "/api/v1/customers";
    /** A loopback port nothing listens on. */
    private static final int UNREACHABLE_PORT = Kafka.freePort();

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // No order or notification service runs in this module: their parts of an export cannot be had.
        registry.add("oasis.services.order-url", () -> "http://127.0.0.1:" + UNREACHABLE_PORT);
        registry.add("oasis.services.notification-url", () -> "http://127.0.0.1:" + UNREACHABLE_PORT);
    }

    /** Registers a customer as the admin, with an address no other test uses; returns the profile. */
    protected JsonNode newCustomer(String givenName) throws Exception {
        String email = givenName.toLowerCase() + "." + UUID.randomUUID() + "@example.com";
        HttpResponse<String> accepted = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"%s","familyName":"Tester","phone":"+4915112345678","country":"DE"}"""
                .formatted(email, givenName));
        if (accepted.statusCode() != 202) {
            throw new AssertionError("could not create a customer: " + accepted.statusCode() + " " + accepted.body());
        }
        return customerWithEmail(email);
    }

    /** The one customer with this (confirmed) address, as an admin finds them. */
    protected JsonNode customerWithEmail(String email) throws Exception {
        JsonNode found = body(get(CUSTOMERS + "?email=" + java.net.URLEncoder.encode(email,
                java.nio.charset.StandardCharsets.UTF_8), DemoUser.ADMIN));
        if (found.path("total").asLong() != 1) {
            throw new AssertionError("expected one customer with " + email + ", found " + found);
        }
        return found.path("items").get(0);
    }

    /** The profile of a demo customer, created by self-registration the first time it is needed. */
    protected JsonNode ownProfile(DemoUser customer) throws Exception {
        HttpResponse<String> me = get(CUSTOMERS + "/me", customer);
        if (me.statusCode() == 200) {
            return body(me);
        }
        HttpResponse<String> created = postJson(CUSTOMERS + "/me", customer, "{\"country\":\"AT\"}");
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new AssertionError("self-registration failed: " + created.statusCode() + " " + created.body());
        }
        return body(get(CUSTOMERS + "/me", customer));
    }

    protected long rows(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
