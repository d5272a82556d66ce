package io.oasis.customer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names, addresses and other one-line fields hold one line of text: a line break or a NUL is refused with a
 * 400 naming the field and stores nothing. Free text (a history summary) may span lines, but holds no NUL.
 */
class StrictCustomerInputTest extends CustomerServiceTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"\\r", "\\n", "\\r\\nBcc: someone@example.com", "\\u0000", "\\u001b[2J"})
    void aNameWithALineBreakOrAControlCharacterIsRefusedAndNothingIsStored(String escape) throws Exception {
        String email = "strict." + UUID.randomUUID() + "@example.com";

        HttpResponse<String> given = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"Ana%s","familyName":"Lima"}""".formatted(email, escape));
        HttpResponse<String> family = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"Ana","familyName":"Li%sma"}""".formatted(email, escape));
        HttpResponse<String> address = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s%s","givenName":"Ana","familyName":"Lima"}""".formatted(email, escape));

        assertRefused(given, "givenName");
        assertRefused(family, "familyName");
        assertRefused(address, "email");
        assertThat(rows("SELECT count(*) FROM customer WHERE email_key LIKE ?", email + "%")).isZero();
    }

    @Test
    void aMergePatchIsReadAsStrictlyAndAWrongOneChangesNothing() throws Exception {
        JsonNode customer = newCustomer("Strict");
        String path = CUSTOMERS + "/" + customer.path("id").asText();

        HttpResponse<String> trailing = patch(path, DemoUser.ADMIN, "{\"givenName\":\"Stricter\"} garbage", "\"0\"");
        HttpResponse<String> lineBreak = patch(path, DemoUser.ADMIN, "{\"givenName\":\"Strict\\nAdmin\"}", "\"0\"");
        HttpResponse<String> number = patch(path, DemoUser.ADMIN, "{\"givenName\":42}", "\"0\"");

        assertRefused(trailing, "$");
        assertRefused(lineBreak, "givenName");
        assertRefused(number, "givenName");
        HttpResponse<String> read = get(path, DemoUser.ADMIN);
        assertThat(body(read).path("givenName").asText()).isEqualTo("Strict");
        assertThat(read.headers().firstValue("ETag")).hasValue("\"0\"");
    }

    @Test
    void aHistorySummaryMaySpanLinesButHoldsNoNul() throws Exception {
        JsonNode customer = newCustomer("History");
        String path = CUSTOMERS + "/" + customer.path("id").asText() + "/history";

        HttpResponse<String> lines = postJson(path, DemoUser.SUPPORT, """
                {"type":"CALL","channel":"PHONE","summary":"Called about delivery.\\n\\tWill call back."}""");
        HttpResponse<String> nul = postJson(path, DemoUser.SUPPORT, """
                {"type":"CALL","channel":"PHONE","summary":"Called\\u0000"}""");

        assertThat(lines.statusCode()).as(lines.body()).isEqualTo(201);
        assertThat(body(lines).path("summary").asText()).isEqualTo("Called about delivery.\n\tWill call back.");
        assertRefused(nul, "summary");
        assertThat(body(get(path, DemoUser.SUPPORT)).path("items").findValuesAsText("summary"))
                .contains("Called about delivery.\n\tWill call back.")
                .noneMatch(summary -> summary.startsWith("Called\u0000"));
    }

    @Test
    void anonymousInfoNamesNoVersions() throws Exception {
        HttpResponse<String> info = get("/actuator/info", ANONYMOUS);

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).doesNotContainIgnoringCase("camel").doesNotContain("version");
    }

    private void assertRefused(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = body(response);
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactly(field);
    }
}
