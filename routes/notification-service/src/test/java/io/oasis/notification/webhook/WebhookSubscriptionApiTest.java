package io.oasis.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The subscriptions API as integration clients, admins and everyone else meet it. */
class WebhookSubscriptionApiTest extends WebhookTestSupport {

    @Test
    void anIntegrationClientSubscribesAndSeesTheSecretOnlyOnce() throws Exception {
        String url = receiverUrl(receiverPath("api"));
        HttpResponse<String> created = postJson(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO, """
                {"url":"%s","eventTypes":["OrderShipped"],"description":"Shop order feed"}""".formatted(url));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode subscription = remember(body(created));
        String id = subscription.path("id").asText();
        String secret = subscription.path("secret").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(SUBSCRIPTIONS + "/" + id);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 32);
        assertThat(subscription.path("url").asText()).isEqualTo(url);
        assertThat(subscription.path("eventTypes")).extracting(JsonNode::asText).containsExactly("OrderShipped");
        assertThat(subscription.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(subscription.path("ownerClient").asText()).isEqualTo("integration-demo");

        HttpResponse<String> read = get(SUBSCRIPTIONS + "/" + id, ServiceClient.INTEGRATION_DEMO);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).path("description").asText()).isEqualTo("Shop order feed");
        assertThat(body(read).has("secret")).isFalse();
        assertThat(read.body()).doesNotContain(secret.substring(6));

        HttpResponse<String> list = get(SUBSCRIPTIONS + "?size=100", ServiceClient.INTEGRATION_DEMO);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ids(body(list))).contains(id);
        assertThat(list.body()).doesNotContain(secret.substring(6));
    }

    @Test
    void customersMayNotManageSubscriptions() throws Exception {
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(receiverPath("api")), "OrderShipped");
        String id = subscription.path("id").asText();
        long before = rows("SELECT count(*) FROM webhook_subscription");

        HttpResponse<String> create = postJson(SUBSCRIPTIONS, DemoUser.CUSTOMER, """
                {"url":"%s","eventTypes":["OrderShipped"]}""".formatted(receiverUrl("/hooks/customer")));
        HttpResponse<String> list = get(SUBSCRIPTIONS, DemoUser.CUSTOMER);
        HttpResponse<String> read = get(SUBSCRIPTIONS + "/" + id, DemoUser.CUSTOMER);
        HttpResponse<String> delete = send(request(SUBSCRIPTIONS + "/" + id, DemoUser.SUPPORT).DELETE());

        for (HttpResponse<String> response : List.of(create, list, read, delete)) {
            assertProblem(response, 403);
        }
        assertThat(rows("SELECT count(*) FROM webhook_subscription")).isEqualTo(before);
        assertThat(subscriptionStatus(subscription)).isEqualTo("ACTIVE");
    }

    @Test
    void anIntegrationClientSeesOnlyItsOwnAndAnAdminSeesAll() throws Exception {
        JsonNode admins = subscribe(DemoUser.ADMIN, receiverUrl(receiverPath("admin")), "*");
        JsonNode partners = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(receiverPath("partner")), "OrderPaid");
        String adminsId = admins.path("id").asText();
        String partnersId = partners.path("id").asText();

        assertThat(get(SUBSCRIPTIONS + "/" + adminsId, ServiceClient.INTEGRATION_DEMO).statusCode()).isEqualTo(404);
        assertThat(send(request(SUBSCRIPTIONS + "/" + adminsId + "/replay?since=2020-01-01T00:00:00Z",
                ServiceClient.INTEGRATION_DEMO).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
        assertThat(send(request(SUBSCRIPTIONS + "/" + adminsId, ServiceClient.INTEGRATION_DEMO).DELETE()).statusCode())
                .isEqualTo(404);
        assertThat(ids(body(get(SUBSCRIPTIONS + "?size=100", ServiceClient.INTEGRATION_DEMO))))
                .contains(partnersId).doesNotContain(adminsId);
        assertThat(subscriptionStatus(admins)).isEqualTo("ACTIVE");

        HttpResponse<String> adminReads = get(SUBSCRIPTIONS + "/" + partnersId, DemoUser.ADMIN);
        assertThat(adminReads.statusCode()).isEqualTo(200);
        assertThat(body(adminReads).has("secret")).isFalse();
        assertThat(ids(body(get(SUBSCRIPTIONS + "?size=100", DemoUser.ADMIN)))).contains(adminsId, partnersId);
    }

    @Test
    void targetsWebhooksMayNotReachAreRefused() throws Exception {
        long before = rows("SELECT count(*) FROM webhook_subscription");
        List<String> refused = List.of(
                "http://10.0.0.1/x",
                "http://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/",
                "https://[fe80::1]/hooks",
                "https://192.168.0.10/hooks",
                "https://2130706433/hooks",
                "https://0x7f.0.0.1/hooks",
                "https://127.1/hooks",
                "http://93.184.216.34/hooks",
                "ftp://127.0.0.1/hooks",
                "https://user:secret@127.0.0.1/hooks",
                receiverUrl("/hooks#fragment"),
                "/relative/hooks");
        List<String> answers = new ArrayList<>();
        for (String url : refused) {
            HttpResponse<String> response = postJson(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO, """
                    {"url":"%s","eventTypes":["OrderShipped"]}""".formatted(url));
            JsonNode problem = assertProblem(response, 400);
            assertThat(problem.path("errors").get(0).path("field").asText()).as(url).isEqualTo("url");
            answers.add(problem.path("errors").get(0).path("message").asText());
        }
        assertThat(answers).anySatisfy(message -> assertThat(message).contains("cloud metadata"));
        assertThat(answers).anySatisfy(message -> assertThat(message).contains("must use https"));
        assertThat(rows("SELECT count(*) FROM webhook_subscription")).isEqualTo(before);
    }

    @Test
    void eventTypesAreRequired() throws Exception {
        String url = receiverUrl("/hooks/types");
        HttpResponse<String> none = postJson(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO, """
                {"url":"%s","eventTypes":[]}""".formatted(url));
        HttpResponse<String> missing = postJson(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO, """
                {"url":"%s"}""".formatted(url));
        HttpResponse<String> malformed = postJson(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO, """
                {"url":"%s","eventTypes":["OrderShipped","Order,Paid"]}""".formatted(url));

        for (HttpResponse<String> response : List.of(none, missing, malformed)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(body(response).path("errors").get(0).path("field").asText()).startsWith("eventTypes");
        }
    }

    @Test
    void theSameIdempotencyKeyReplaysTheCreate() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"url":"%s","eventTypes":["OrderShipped"]}""".formatted(receiverUrl(receiverPath("idem")));

        HttpResponse<String> first = send(request(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> again = send(request(SUBSCRIPTIONS, ServiceClient.INTEGRATION_DEMO)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(first.statusCode()).isEqualTo(201);
        remember(body(first));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(again).path("id").asText()).isEqualTo(body(first).path("id").asText());
        assertThat(rows("SELECT count(*) FROM webhook_subscription WHERE url = ?",
                body(first).path("url").asText())).isEqualTo(1);
    }

    @Test
    void aDeletedSubscriptionIsGone() throws Exception {
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(receiverPath("delete")), "OrderShipped");
        String path = SUBSCRIPTIONS + "/" + subscription.path("id").asText();

        assertThat(send(request(path, ServiceClient.INTEGRATION_DEMO).DELETE()).statusCode()).isEqualTo(204);

        assertThat(get(path, ServiceClient.INTEGRATION_DEMO).statusCode()).isEqualTo(404);
        assertThat(send(request(path, ServiceClient.INTEGRATION_DEMO).DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void aReplayNeedsAnInstant() throws Exception {
        JsonNode subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(receiverPath("replay")), "OrderShipped");
        String path = SUBSCRIPTIONS + "/" + subscription.path("id").asText() + "/replay";

        HttpResponse<String> missing = send(request(path, ServiceClient.INTEGRATION_DEMO)
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> malformed = send(request(path + "?since=yesterday", ServiceClient.INTEGRATION_DEMO)
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> nothing = send(request(path + "?since=2020-01-01T00:00:00Z", ServiceClient.INTEGRATION_DEMO)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(body(missing).path("errors").get(0).path("field").asText()).isEqualTo("since");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(nothing.statusCode()).isEqualTo(202);
        assertThat(body(nothing).path("replayed").asInt()).isZero();
    }

    private HttpResponse<String> get(String path, ServiceClient client) throws Exception {
        return send(request(path, client).GET());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
