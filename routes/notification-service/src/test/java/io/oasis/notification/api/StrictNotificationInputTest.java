package io.oasis.notification.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.NotificationServiceTestBase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message's own text may span lines; its subject, address and template fields are one line; none holds a
 * NUL. A request the service cannot read (a form on a GET) is a 4xx problem, and its info names no versions.
 */
class StrictNotificationInputTest extends NotificationServiceTestBase {

    @Test
    void aMessageTextKeepsItsLinesButNoOtherControlCharacters() throws Exception {
        String to = uniqueEmail("lines");

        HttpResponse<String> lines = directSend("""
                {"channel":"email","to":"%s","subject":"Your invoice","text":"Hello,\\n\\tit is attached."}"""
                .formatted(to));
        HttpResponse<String> nul = directSend("""
                {"channel":"email","to":"%s","subject":"Your invoice","text":"Hello\\u0000"}""".formatted(to));
        HttpResponse<String> subject = directSend("""
                {"channel":"email","to":"%s","subject":"Your\\ninvoice","text":"Hello"}""".formatted(to));
        HttpResponse<String> data = directSend("""
                {"channel":"email","to":"%s","template":"OrderShipped","data":{"orderId":"1\\r\\n2"}}""".formatted(to));

        assertThat(lines.statusCode()).as(lines.body()).isEqualTo(201);
        String id = body(lines).path("id").asText();
        assertThat(jdbc.queryForObject("SELECT body_text FROM notification WHERE id = ?::uuid", String.class, id))
                .contains("Hello,\n\tit is attached.");
        assertRefused(nul, "text");
        assertRefused(subject, "subject");
        assertRefused(data, "data.orderId");
        assertThat(rows("SELECT count(*) FROM notification WHERE recipient = ?", to)).as("only the first").isOne();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x"})
    void aGetWithAFormContentTypeIsUnsupported(String contentType) throws Exception {
        HttpResponse<String> response = send(request(NOTIFICATIONS, DemoUser.ADMIN).header("Content-Type", contentType)
                .GET());

        assertProblem(response, 415);
        assertThat(body(response).path("type").asText()).isEqualTo("urn:oasis:problem:unsupported-media-type");
    }

    @Test
    void anonymousInfoNamesNoVersions() throws Exception {
        HttpResponse<String> info = get("/actuator/info", ANONYMOUS);

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).doesNotContainIgnoringCase("camel").doesNotContain("version");
    }

    private HttpResponse<String> directSend(String message) throws Exception {
        return postJson(NOTIFICATIONS, ServiceClient.INTEGRATION_DEMO, message);
    }

    private void assertRefused(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = body(response);
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(field);
    }
}
