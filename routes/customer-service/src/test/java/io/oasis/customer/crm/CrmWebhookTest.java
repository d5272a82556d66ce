package io.oasis.customer.crm;

import io.oasis.common.signature.SignedRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.customer.profile.CustomerEvents;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The CRM's webhook: signed calls apply newer contact changes; everything else changes nothing. */
class CrmWebhookTest extends CrmTestBase {

    private static final String WEBHOOK = CRM_API + "/webhook";

    @Test
    void aSignedNewerChangeIsAppliedAndNotSentBack() throws Exception {
        String email = uniqueEmail("Webb");
        String id = register(email, "Webb").path("id").asText();
        awaitPuts(email, 1);
        String newEmail = uniqueEmail("Webster");

        HttpResponse<String> response = signed(change(id, Instant.now(), """
                "email":"%s","givenName":"Webster","phone":"+4930123456","country":"at","crmOwner":"sales-7\"""".formatted(newEmail)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).path("outcome").asText()).isEqualTo("applied");
        JsonNode profile = body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN));
        assertThat(profile.path("email").asText()).isEqualTo(newEmail);
        assertThat(profile.path("givenName").asText()).isEqualTo("Webster");
        assertThat(profile.path("familyName").asText()).isEqualTo("Crm");
        assertThat(profile.path("phone").asText()).isEqualTo("+4930123456");
        assertThat(profile.path("country").asText()).isEqualTo("AT");

        // The change is an event like any other, marked as the CRM's, and the sync does not echo it.
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND event_type = ? "
                + "AND payload LIKE '%\"origin\":\"crm\"%'", id, CustomerEvents.UPDATED)).isEqualTo(1);
        awaitSyncDone(id, CustomerEvents.UPDATED);
        assertThat(CRM.findAll(putRequestedFor(urlPathEqualTo("/contacts/" + id)))).hasSize(1);
    }

    @Test
    void aChangeOlderThanTheLocalProfileIsIgnored() throws Exception {
        String id = register(uniqueEmail("Olga"), "Olga").path("id").asText();
        long version = body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("version").asLong();

        HttpResponse<String> response = signed(change(id, Instant.now().minusSeconds(3600), "\"givenName\":\"Outdated\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("outcome").asText()).isEqualTo("stale");
        JsonNode profile = body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN));
        assertThat(profile.path("givenName").asText()).isEqualTo("Olga");
        assertThat(profile.path("version").asLong()).isEqualTo(version);
    }

    @Test
    void aWrongSignatureIsRefusedAndChangesNothing() throws Exception {
        String id = register(uniqueEmail("Sig"), "Sig").path("id").asText();
        byte[] body = change(id, Instant.now(), "\"givenName\":\"Forged\"").getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());

        HttpResponse<String> wrongSecret = post(body, timestamp, sign("not-the-secret", timestamp, body));
        HttpResponse<String> missing = post(body, timestamp, null);
        HttpResponse<String> garbage = post(body, timestamp, "sha256=zz");

        for (HttpResponse<String> response : new HttpResponse[] { wrongSecret, missing, garbage }) {
            assertProblem(response, 401);
            assertThat(body(response).path("type").asText()).isEqualTo("urn:oasis:problem:unauthorized");
        }
        assertThat(body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("givenName").asText()).isEqualTo("Sig");
    }

    @Test
    void aSignatureOverAnotherBodyIsRefused() throws Exception {
        String id = register(uniqueEmail("Tamper"), "Tamper").path("id").asText();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        byte[] signedBody = change(id, Instant.now(), "\"givenName\":\"Signed\"").getBytes(StandardCharsets.UTF_8);
        byte[] sentBody = change(id, Instant.now(), "\"givenName\":\"Tampered\"").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(sentBody, timestamp, sign(WEBHOOK_SECRET, timestamp, signedBody));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("givenName").asText()).isEqualTo("Tamper");
    }

    @Test
    void anOldTimestampIsRefusedAsAReplay() throws Exception {
        String id = register(uniqueEmail("Replay"), "Replay").path("id").asText();
        byte[] body = change(id, Instant.now(), "\"givenName\":\"Replayed\"").getBytes(StandardCharsets.UTF_8);
        // Correctly signed, but ten minutes old (the tolerance is five).
        String timestamp = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());

        HttpResponse<String> response = post(body, timestamp, sign(WEBHOOK_SECRET, timestamp, body));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("givenName").asText()).isEqualTo("Replay");
    }

    @Test
    void theSameSignedCallSentAgainIsRefusedAndChangesNothing() throws Exception {
        String id = register(uniqueEmail("Once"), "Once").path("id").asText();
        byte[] body = change(id, Instant.now(), "\"givenName\":\"Onceler\"").getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = sign(WEBHOOK_SECRET, timestamp, body);

        HttpResponse<String> first = post(body, timestamp, signature);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(body(first).path("outcome").asText()).isEqualTo("applied");
        JsonNode applied = body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN));

        HttpResponse<String> again = post(body, timestamp, signature);

        assertProblem(again, 401);
        assertThat(body(again).path("type").asText()).isEqualTo("urn:oasis:problem:unauthorized");
        assertThat(body(again).path("detail").asText()).contains("already used");
        JsonNode after = body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN));
        assertThat(after.path("givenName").asText()).isEqualTo("Onceler");
        assertThat(after.path("version").asLong()).isEqualTo(applied.path("version").asLong());
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND event_type = ? "
                + "AND payload LIKE '%\"origin\":\"crm\"%'", id, CustomerEvents.UPDATED)).isEqualTo(1);
    }

    @Test
    void aCallRefusedForItsContentDoesNotUseUpItsSignature() throws Exception {
        // A 4xx changes nothing, the record of its signature included: the CRM's retry of the same call is
        // judged on its content again, not refused as a replay.
        String id = register(uniqueEmail("Retry"), "Retry").path("id").asText();
        byte[] body = change(id, Instant.now(), "\"givenName\":\"Retried\",\"phone\":\"0301234\"")
                .getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = sign(WEBHOOK_SECRET, timestamp, body);

        HttpResponse<String> first = post(body, timestamp, signature);
        HttpResponse<String> again = post(body, timestamp, signature);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("givenName").asText()).isEqualTo("Retry");
    }

    @Test
    void anUnknownCustomerIs404() throws Exception {
        HttpResponse<String> response = signed(change(UUID.randomUUID().toString(), Instant.now(), "\"givenName\":\"Nobody\""));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:oasis:problem:not-found");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> response = signed("{\"customerId\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:oasis:problem:validation");
    }

    @Test
    void invalidFieldsAre400() throws Exception {
        String id = register(uniqueEmail("Val"), "Val").path("id").asText();

        HttpResponse<String> response = signed(change(id, Instant.now(), "\"email\":\"not-an-email\",\"phone\":\"0301234\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("email", "phone");
    }

    @Test
    void aChangeFromTheFutureIs400() throws Exception {
        String id = register(uniqueEmail("Future"), "Future").path("id").asText();

        HttpResponse<String> response = signed(change(id, Instant.now().plusSeconds(86_400), "\"givenName\":\"Later\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).path("errors").findValuesAsText("field")).containsExactly("updatedAt");
        assertThat(body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("givenName").asText()).isEqualTo("Future");
    }

    @Test
    void anEmailOfAnotherCustomerIs409() throws Exception {
        String taken = uniqueEmail("Taken");
        register(taken, "Taken");
        String id = register(uniqueEmail("Other"), "Other").path("id").asText();

        HttpResponse<String> response = signed(change(id, Instant.now(), "\"email\":\"%s\"".formatted(taken.toUpperCase())));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN)).path("email").asText()).startsWith("other.");
    }

    private static String change(String customerId, Instant updatedAt, String fields) {
        return "{\"customerId\":\"%s\",\"updatedAt\":\"%s\",%s}".formatted(customerId, updatedAt, fields);
    }

    /** Posts the body as the CRM does: signed with the shared secret, timestamped now. */
    private HttpResponse<String> signed(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return post(bytes, timestamp, sign(WEBHOOK_SECRET, timestamp, bytes));
    }

    /** The signature the CRM computes for a POST of {@code body} to the webhook. */
    private static String sign(String secret, String timestamp, byte[] body) {
        return SignedRequests.sign(secret, timestamp, "POST", WEBHOOK, body);
    }

    /** No bearer token: the webhook is public and proves its origin with the signature. */
    private HttpResponse<String> post(byte[] body, String timestamp, String signature) throws Exception {
        HttpRequest.Builder request = request(WEBHOOK, ANONYMOUS).header("Content-Type", "application/json")
                .header(CrmWebhook.TIMESTAMP_HEADER, timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(signature == null ? request : request.header(CrmWebhook.SIGNATURE_HEADER, signature));
    }
}
