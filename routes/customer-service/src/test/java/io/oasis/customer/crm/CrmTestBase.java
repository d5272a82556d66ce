package io.oasis.customer.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer service with its CRM connector on, pointed at WireMock on a loopback port standing in
 * for the CRM. Retries are short here; everything else is the service as it runs. Tests tell their
 * customers apart by email, which they choose before the customer (and its id) exists.
 */
abstract class CrmTestBase extends CustomerServiceTestBase {

    static final String API_KEY = "test-crm-key";
    static final String WEBHOOK_SECRET = "test-webhook-secret";
    static final String CRM_API = "/api/v1/integrations/crm";

    static final WireMockServer CRM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        CRM.start();
        Runtime.getRuntime().addShutdownHook(new Thread(CRM::stop, "crm-wiremock-stop"));
    }

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry registry) {
        registry.add("oasis.crm.base-url", () -> "http://127.0.0.1:" + CRM.port());
        registry.add("oasis.crm.api-key", () -> API_KEY);
        registry.add("oasis.crm.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("oasis.crm.response-timeout", () -> "1000");
        registry.add("oasis.crm.retry.maximum-redeliveries", () -> "2");
        registry.add("oasis.crm.retry.initial-delay", () -> "50");
        registry.add("oasis.crm.retry.maximum-delay", () -> "200");
    }

    @BeforeAll
    static void crmAcceptsWhatNoTestSetUp() {
        // Customers of other tests are pushed too: the CRM takes them.
        CRM.stubFor(any(urlPathMatching("/contacts/.*")).atPriority(10).willReturn(aResponse().withStatus(204)));
    }

    static String uniqueEmail(String name) {
        return name.toLowerCase() + "." + UUID.randomUUID() + "@example.com";
    }

    /** Registers a customer with this email as the admin; returns the created profile. */
    JsonNode register(String email, String givenName) throws Exception {
        HttpResponse<String> created = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"%s","familyName":"Crm","phone":"+4915112345678","country":"DE"}"""
                .formatted(email, givenName));
        if (created.statusCode() != 202) {
            throw new AssertionError("could not create a customer: " + created.statusCode() + " " + created.body());
        }
        return customerWithEmail(email);
    }

    /** The PUTs the CRM received for the contact with this email, oldest first. */
    static List<LoggedRequest> putsFor(String email) {
        return CRM.findAll(putRequestedFor(urlPathMatching("/contacts/.*"))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email))));
    }

    static List<LoggedRequest> awaitPuts(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> putsFor(email).size() >= count);
        return putsFor(email);
    }

    /** Waits until the CRM sync has finished with every event of this type about the customer. */
    void awaitSyncDone(String customerId, String eventType) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> ids = jdbc.queryForList("SELECT CAST(event_id AS VARCHAR) FROM outbox_event "
                    + "WHERE aggregate_id = ? AND event_type = ?", String.class, customerId, eventType);
            return !ids.isEmpty() && ids.stream().allMatch(id -> rows("SELECT count(*) FROM camel_messageprocessed "
                    + "WHERE processorName = ? AND messageId = ? AND confirmed = TRUE", CrmConnector.SYNC_ROUTE, id) == 1);
        });
    }

    long failuresOf(String customerId) {
        return rows("SELECT count(*) FROM crm_sync_failure WHERE customer_id = CAST(? AS UUID)", customerId);
    }
}
