package io.oasis.notification.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.notification.NotificationServiceTestBase;
import io.oasis.testsupport.KafkaTopics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The notification service's dead letters, for admins only: listed, read, replayed; bad input is a problem. */
class DeadLetterApiTest extends NotificationServiceTestBase {

    private static final String DEAD_LETTERS = "/api/v1/dead-letters/notification";

    @Test
    void onlyAdminsReadAndReplayAndAskingTwiceChangesNothing() throws Exception {
        String garbage = "not an event " + UUID.randomUUID();
        KafkaTopics.produce(ORDER_EVENTS, "poison", garbage);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM dead_letter_event WHERE payload = ?",
                garbage) >= 1);
        String id = jdbc.queryForObject("SELECT letter_id::text FROM dead_letter_event WHERE payload = ? "
                + "FETCH FIRST 1 ROWS ONLY", String.class, garbage);

        JsonNode page = body(get(DEAD_LETTERS + "?consumer=notification-order-events&replayed=false&size=100",
                DemoUser.ADMIN));
        assertThat(page.path("items").findValuesAsText("id")).contains(id);
        assertThat(page.path("total").asLong()).isPositive();
        JsonNode letter = body(get(DEAD_LETTERS + "/" + id, DemoUser.ADMIN));
        assertThat(letter.path("payload").asText()).isEqualTo(garbage);
        assertThat(letter.path("consumer").asText()).isEqualTo("notification-order-events");

        for (DemoUser stranger : new DemoUser[] { DemoUser.SUPPORT, DemoUser.CUSTOMER, DemoUser.MANAGER }) {
            assertProblem(get(DEAD_LETTERS, stranger), 403);
            assertProblem(get(DEAD_LETTERS + "/" + id, stranger), 403);
            assertProblem(replay(id, stranger), 403);
        }
        assertProblem(get(DEAD_LETTERS, (DemoUser) null), 401);
        assertProblem(replay(id, null), 401);

        // A record that is not an event would fail again: refused, twice alike, and the letter is unchanged.
        assertProblem(replay(id, DemoUser.ADMIN), 409);
        assertProblem(replay(id, DemoUser.ADMIN), 409);
        assertThat(body(get(DEAD_LETTERS + "/" + id, DemoUser.ADMIN)).path("replayedAt").isNull()).isTrue();
    }

    @Test
    void badInputIsAProblemAndChangesNothing() throws Exception {
        long replayed = rows("SELECT count(*) FROM dead_letter_event WHERE replayed_at IS NOT NULL");
        JsonNode badFilter = assertProblem(get(DEAD_LETTERS + "?replayed=perhaps", DemoUser.ADMIN), 400);
        assertThat(badFilter.path("errors").get(0).path("field").asText()).isEqualTo("replayed");
        assertThat(assertProblem(get(DEAD_LETTERS + "?size=1000", DemoUser.ADMIN), 400).path("errors").get(0)
                .path("field").asText()).isEqualTo("size");
        assertProblem(get(DEAD_LETTERS + "/not-a-uuid", DemoUser.ADMIN), 404);
        assertProblem(get(DEAD_LETTERS + "/" + UUID.randomUUID(), DemoUser.ADMIN), 404);
        assertProblem(replay(UUID.randomUUID().toString(), DemoUser.ADMIN), 404);
        assertThat(rows("SELECT count(*) FROM dead_letter_event WHERE replayed_at IS NOT NULL")).isEqualTo(replayed);
    }

    private HttpResponse<String> replay(String id, DemoUser user) throws Exception {
        return send(request(DEAD_LETTERS + "/" + id + "/replay", user).POST(HttpRequest.BodyPublishers.noBody()));
    }
}
