package io.oasis.customer.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.customer.profile.CustomerEvents;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every customer change reaches the CRM, through its failures: 500, timeouts, 429, bad answers. */
class CrmOutboundSyncTest extends CrmTestBase {

    @Test
    void aNewCustomerIsPutToTheCrmWithTheApiKey() throws Exception {
        String email = uniqueEmail("Paula");
        String id = register(email, "Paula").path("id").asText();

        awaitPuts(email, 1);
        CRM.verify(putRequestedFor(urlEqualTo("/contacts/" + id))
                .withHeader("X-Api-Key", equalTo(API_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withoutHeader("Authorization")
                .withRequestBody(matchingJsonPath("$.id", equalTo(id)))
                .withRequestBody(matchingJsonPath("$.givenName", equalTo("Paula")))
                .withRequestBody(matchingJsonPath("$.familyName", equalTo("Crm")))
                .withRequestBody(matchingJsonPath("$.phone", equalTo("+4915112345678")))
                .withRequestBody(matchingJsonPath("$.country", equalTo("DE")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("ACTIVE"))));
    }

    @Test
    void aChangeIsPushedWithTheNewValues() throws Exception {
        String email = uniqueEmail("Chad");
        String id = register(email, "Chad").path("id").asText();
        awaitPuts(email, 1);

        HttpResponse<String> patched = patch(CUSTOMERS + "/" + id, DemoUser.ADMIN, "{\"familyName\":\"Changed\"}", "\"0\"");
        assertThat(patched.statusCode()).isEqualTo(200);

        List<LoggedRequest> puts = awaitPuts(email, 2);
        assertThat(json.readTree(puts.get(1).getBodyAsString()).path("familyName").asText()).isEqualTo("Changed");
    }

    @Test
    void aServerErrorIsRetriedAndTheContactDeliveredOnce() throws Exception {
        String email = uniqueEmail("Retta");
        failFirst(email, aResponse().withStatus(500).withBody("{\"error\":\"down\"}"));

        String id = register(email, "Retta").path("id").asText();
        awaitSyncDone(id, CustomerEvents.REGISTERED);

        assertThat(putsFor(email)).hasSize(2);
        assertThat(failuresOf(id)).isZero();
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        String email = uniqueEmail("Tim");
        // The response timeout is 1 s in these tests.
        failFirst(email, aResponse().withStatus(200).withFixedDelay(3_000));

        String id = register(email, "Tim").path("id").asText();
        awaitSyncDone(id, CustomerEvents.REGISTERED);

        assertThat(putsFor(email)).hasSize(2);
        assertThat(failuresOf(id)).isZero();
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        String email = uniqueEmail("Connie");
        failFirst(email, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        String id = register(email, "Connie").path("id").asText();
        awaitSyncDone(id, CustomerEvents.REGISTERED);

        assertThat(putsFor(email)).hasSize(2);
        assertThat(failuresOf(id)).isZero();
    }

    /**
     * A 2xx with a body that is not JSON counts as delivered: the connector reads only the status, which
     * says the CRM stored the contact. Retrying would send the same contact again, and recording a
     * failure would ask an admin to replay a change the CRM already has.
     */
    @Test
    void aMalformedJsonAnswerToASuccessIsTakenAsDelivered() throws Exception {
        String email = uniqueEmail("Mal");
        CRM.stubFor(put(urlPathMatching("/contacts/.*")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"unterminated")));

        String id = register(email, "Mal").path("id").asText();
        awaitSyncDone(id, CustomerEvents.REGISTERED);

        assertThat(putsFor(email)).hasSize(1);
        assertThat(failuresOf(id)).isZero();
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenDelivers() throws Exception {
        String email = uniqueEmail("Rita");
        failFirst(email, aResponse().withStatus(429).withHeader("Retry-After", "1"));

        String id = register(email, "Rita").path("id").asText();
        awaitSyncDone(id, CustomerEvents.REGISTERED);

        List<LoggedRequest> puts = putsFor(email);
        assertThat(puts).hasSize(2);
        // The backoff alone would have retried after 50 ms.
        long gap = puts.get(1).getLoggedDate().getTime() - puts.get(0).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(1_000);
        assertThat(failuresOf(id)).isZero();
    }

    @Test
    void aRefusalIsNotRetriedAndIsRecorded() throws Exception {
        String email = uniqueEmail("Rex");
        CRM.stubFor(put(urlPathMatching("/contacts/.*")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(aResponse().withStatus(422).withBody("{\"error\":\"bad country\"}")));

        String id = register(email, "Rex").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> failuresOf(id) == 1);

        assertThat(answersTo(email)).containsOnlyOnce(422);
        assertThat(answersTo(email).get(answersTo(email).size() - 1)).isEqualTo(422);
        assertThat(jdbc.queryForMap("SELECT last_status, attempts FROM crm_sync_failure WHERE customer_id = CAST(? AS UUID)", id))
                .containsEntry("last_status", 422).containsEntry("attempts", answersTo(email).size());
    }

    @Test
    void aRetryAfterLongerThanTheLimitIsNotWaitedFor() throws Exception {
        String email = uniqueEmail("Lena");
        CRM.stubFor(put(urlPathMatching("/contacts/.*")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        String id = register(email, "Lena").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> failuresOf(id) == 1);

        assertThat(answersTo(email)).containsOnlyOnce(429);
        assertThat(jdbc.queryForObject("SELECT last_status FROM crm_sync_failure WHERE customer_id = CAST(? AS UUID)",
                Integer.class, id)).isEqualTo(429);
    }

    @Test
    void persistentFailuresAreRecordedListedForAdminsAndReplayed() throws Exception {
        String email = uniqueEmail("Perry");
        CRM.stubFor(put(urlPathMatching("/contacts/.*")).atPriority(1).withName(email)
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(aResponse().withStatus(500).withBody("still down")));

        String id = register(email, "Perry").path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> failuresOf(id) == 1);
        // The first call and two retries.
        assertThat(putsFor(email)).hasSize(3);

        JsonNode failure = failureInList(id);
        assertThat(failure.path("eventType").asText()).isEqualTo(CustomerEvents.REGISTERED);
        assertThat(failure.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(failure.path("attempts").asInt()).isEqualTo(3);
        assertThat(failure.path("error").asText()).contains("still down");
        assertThat(failure.path("payload").asText()).contains(email);
        assertThat(failure.path("replayedAt").isNull()).isTrue();
        assertThat(get(CRM_API + "/failures", DemoUser.SUPPORT).statusCode()).isEqualTo(403);
        assertThat(get(CRM_API + "/failures", DemoUser.CUSTOMER).statusCode()).isEqualTo(403);
        assertThat(get(CRM_API + "/failures", ANONYMOUS).statusCode()).isEqualTo(401);

        // The CRM is back.
        CRM.removeStubMapping(CRM.getStubMappings().stream().filter(s -> email.equals(s.getName())).findFirst().orElseThrow());
        String replay = CRM_API + "/failures/" + failure.path("id").asText() + "/replay";
        assertThat(send(request(replay, DemoUser.SUPPORT).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(403);

        HttpResponse<String> replayed = send(request(replay, DemoUser.ADMIN).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(body(replayed).path("replayedAt").isNull()).isFalse();
        List<LoggedRequest> puts = putsFor(email);
        assertThat(puts).hasSize(4);
        assertThat(puts.get(3).getHeader("X-Api-Key")).isEqualTo(API_KEY);
        assertThat(puts.get(3).containsHeader("Authorization")).isFalse();
        assertThat(failureInList(id).path("replayedAt").isNull()).isFalse();
    }

    @Test
    void replayingAnUnknownFailureIs404() throws Exception {
        HttpResponse<String> response = send(request(CRM_API + "/failures/" + UUID.randomUUID() + "/replay",
                DemoUser.ADMIN).POST(HttpRequest.BodyPublishers.noBody()));

        assertProblem(response, 404);
    }

    @Test
    void anErasedCustomerIsDeletedFromTheCrm() throws Exception {
        String email = uniqueEmail("Erin");
        String id = register(email, "Erin").path("id").asText();
        awaitPuts(email, 1);

        HttpResponse<String> erased = postJson(CUSTOMERS + "/" + id + "/erase", DemoUser.ADMIN,
                "{\"reason\":\"customer asked\"}");
        assertThat(erased.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                CRM.verify(deleteRequestedFor(urlEqualTo("/contacts/" + id)).withHeader("X-Api-Key", equalTo(API_KEY))));
    }

    @Test
    void anErasureTheCrmRefusesIsSentAgainUntilTheContactIsDeleted() throws Exception {
        String email = uniqueEmail("Ravi");
        String id = register(email, "Ravi").path("id").asText();
        awaitPuts(email, 1);
        StubMapping down = CRM.stubFor(delete(urlEqualTo("/contacts/" + id)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        HttpResponse<String> erased = postJson(CUSTOMERS + "/" + id + "/erase", DemoUser.ADMIN,
                "{\"reason\":\"customer asked\"}");
        assertThat(erased.statusCode()).isEqualTo(200);
        // More refusals than one round of the consumer's own retries takes (6 tries of 3 calls each here):
        // the event came back from Kafka instead of being dead-lettered or recorded for an admin.
        await().atMost(Duration.ofSeconds(60)).until(() -> deleteAnswers(id).size() > 18);
        CRM.removeStub(down);

        await().atMost(Duration.ofSeconds(60)).until(() -> deleteAnswers(id).contains(204));
        assertThat(rows("SELECT count(*) FROM crm_sync_failure WHERE customer_id = ?", UUID.fromString(id))).isZero();
        assertThat(rows("SELECT count(*) FROM dead_letter_event WHERE record_key = ?", id)).isZero();
    }

    /** The statuses the CRM answered to the DELETEs of this contact. */
    private static List<Integer> deleteAnswers(String id) {
        return CRM.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("DELETE"))
                .filter(event -> event.getRequest().getUrl().equals("/contacts/" + id))
                .map(event -> event.getResponse().getStatus())
                .toList();
    }

    /** The first PUT of this contact gets the failure, every later one 200. */
    private static void failFirst(String email, ResponseDefinitionBuilder failure) {
        String scenario = "first-fails-" + email;
        CRM.stubFor(put(urlPathMatching("/contacts/.*")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(failure)
                .willSetStateTo("recovered"));
        CRM.stubFor(put(urlPathMatching("/contacts/.*")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("recovered")
                .withRequestBody(matchingJsonPath("$.email", equalTo(email)))
                .willReturn(aResponse().withStatus(200)));
    }

    /** The statuses the CRM answered to the PUTs of this contact, oldest first (a timed-out call counts too). */
    private static List<Integer> answersTo(String email) {
        return CRM.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("PUT"))
                .filter(event -> event.getRequest().getBodyAsString().contains("\"email\":\"" + email + "\""))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .map(event -> event.getResponse().getStatus())
                .toList();
    }

    private JsonNode failureInList(String customerId) throws Exception {
        HttpResponse<String> list = get(CRM_API + "/failures?size=100", DemoUser.ADMIN);
        assertThat(list.statusCode()).isEqualTo(200);
        for (JsonNode item : body(list).path("items")) {
            if (item.path("customerId").asText().equals(customerId)) {
                return item;
            }
        }
        throw new AssertionError("no failure of " + customerId + " in " + list.body());
    }
}
