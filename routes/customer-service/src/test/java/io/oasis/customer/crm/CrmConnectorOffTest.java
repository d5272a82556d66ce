package io.oasis.customer.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without a CRM base URL (the launcher's default) the service runs with the connector off. */
class CrmConnectorOffTest extends CustomerServiceTestBase {

    @Autowired
    private CamelContext camel;

    @Test
    void nothingConsumesTheEventsAndTheWebhookRefusesEverything() throws Exception {
        assertThat(camel.getRoute(CrmConnector.SYNC_ROUTE)).isNull();
        assertThat(camel.getRoute("crm-upsert-contact")).isNotNull();

        HttpResponse<String> webhook = send(request("/api/v1/integrations/crm/webhook", ANONYMOUS)
                .header("Content-Type", "application/json")
                .header(CrmWebhook.TIMESTAMP_HEADER, "1700000000")
                .header(CrmWebhook.SIGNATURE_HEADER, "sha256=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + UUID.randomUUID() + "\"}")));
        assertThat(webhook.statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/integrations/crm/failures", DemoUser.ADMIN).statusCode()).isEqualTo(200);
    }
}
