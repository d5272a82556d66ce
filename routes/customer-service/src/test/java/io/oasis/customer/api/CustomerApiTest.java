package io.oasis.customer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The customer API as its callers use it: creating, reading, changing, listing and deactivating. */
class CustomerApiTest extends CustomerServiceTestBase {

    @Test
    void anAdminRegistersACustomerAndFindsItByEmail() throws Exception {
        HttpResponse<String> accepted = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"Ana.Lima.%s@Example.com","givenName":"Ana","familyName":"Lima","phone":"+5511987654321","country":"br"}"""
                .formatted(UUID.randomUUID()));

        // The answer is the same whether or not the address was taken, so it carries no profile.
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(accepted.headers().firstValue("Location")).isEmpty();
        assertThat(accepted.headers().firstValue("Authorization")).isEmpty();
        String email = jdbc.queryForObject("SELECT email FROM customer WHERE given_name = 'Ana' AND family_name = 'Lima' "
                + "ORDER BY created_at DESC LIMIT 1", String.class);
        JsonNode customer = customerWithEmail(email.toLowerCase());
        String id = customer.path("id").asText();
        assertThat(customer.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(customer.path("country").asText()).isEqualTo("BR");

        HttpResponse<String> read = get(CUSTOMERS + "/" + id, DemoUser.ADMIN);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).path("email").asText()).startsWith("Ana.Lima.").endsWith("@Example.com");
        assertThat(body(read).has("pendingEmail")).isFalse();
        assertThat(read.headers().firstValue("ETag")).hasValue("\"0\"");
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplayTheFirstAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"email":"%s@example.com","givenName":"Ida","familyName":"Empotent"}""".formatted(key);

        HttpResponse<String> first = send(request(CUSTOMERS, DemoUser.ADMIN).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> again = send(request(CUSTOMERS, DemoUser.ADMIN).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(rows("SELECT count(*) FROM customer WHERE email_key = ?", key + "@example.com")).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE payload LIKE ?", "%" + key + "@example.com%"))
                .as("one registration, no notice of a taken address").isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        send(request(CUSTOMERS, DemoUser.ADMIN).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"email":"%s@example.com","givenName":"One","familyName":"Body"}""".formatted(key))));

        HttpResponse<String> other = send(request(CUSTOMERS, DemoUser.ADMIN).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString("""
                        {"email":"other-%s@example.com","givenName":"Other","familyName":"Body"}""".formatted(key))));

        assertProblem(other, 409);
        assertThat(rows("SELECT count(*) FROM customer WHERE email_key = ?", "other-" + key + "@example.com")).isZero();
    }

    @Test
    void everyBadFieldIsListedAndNothingIsCreated() throws Exception {
        long before = rows("SELECT count(*) FROM customer");

        HttpResponse<String> response = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"not-an-email","givenName":"%s","familyName":"","phone":"0151 1234","country":"XX"}"""
                .formatted("x".repeat(101)));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = body(response);
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        assertThat(fields(problem)).contains("email", "givenName", "familyName", "phone", "country");
        assertThat(rows("SELECT count(*) FROM customer")).isEqualTo(before);
    }

    @Test
    void malformedJsonWrongTypesMissingAndUnknownFieldsAreRefused() throws Exception {
        HttpResponse<String> malformed = postJson(CUSTOMERS, DemoUser.ADMIN, "{\"email\": ");
        HttpResponse<String> wrongType = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"w@example.com","givenName":["Wrong"],"familyName":"Type"}""");
        HttpResponse<String> missing = postJson(CUSTOMERS, DemoUser.ADMIN, "{}");
        HttpResponse<String> unknown = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"u@example.com","givenName":"Un","familyName":"Known","isAdmin":true}""");
        HttpResponse<String> notJson = send(request(CUSTOMERS, DemoUser.ADMIN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(fields(body(wrongType))).contains("givenName");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(fields(body(missing))).contains("email", "givenName", "familyName");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(body(unknown))).contains("isAdmin");
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void anAddressIsTakenWhateverItsCase() throws Exception {
        JsonNode first = newCustomer("Dup");

        HttpResponse<String> again = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"Other","familyName":"Person"}"""
                .formatted(first.path("email").asText().toUpperCase()));

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(rows("SELECT count(*) FROM customer WHERE email_key = ?", first.path("email").asText())).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM customer WHERE given_name = 'Other' AND family_name = 'Person'"))
                .as("nothing created").isZero();
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNeedsTheCurrentVersion() throws Exception {
        JsonNode customer = newCustomer("Pat");
        String path = CUSTOMERS + "/" + customer.path("id").asText();

        HttpResponse<String> withoutVersion = patch(path, DemoUser.ADMIN, "{\"familyName\":\"Changed\"}", null);
        HttpResponse<String> changed = patch(path, DemoUser.ADMIN, "{\"familyName\":\"Changed\",\"phone\":null}", "\"0\"");
        HttpResponse<String> stale = patch(path, DemoUser.ADMIN, "{\"familyName\":\"Stale\"}", "\"0\"");
        HttpResponse<String> invalid = patch(path, DemoUser.ADMIN, "{\"phone\":\"12345\"}", "\"1\"");

        assertThat(withoutVersion.statusCode()).isEqualTo(428);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(body(changed).path("familyName").asText()).isEqualTo("Changed");
        assertThat(body(changed).path("givenName").asText()).isEqualTo("Pat");
        assertThat(body(changed).path("phone").isNull()).isTrue();
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(body(get(path, DemoUser.ADMIN)).path("familyName").asText()).isEqualTo("Changed");
    }

    @Test
    void aDeactivatedCustomerIsKeptButCannotBeChanged() throws Exception {
        JsonNode customer = newCustomer("Gone");
        String path = CUSTOMERS + "/" + customer.path("id").asText();

        HttpResponse<String> deleted = send(request(path, DemoUser.ADMIN).DELETE());
        HttpResponse<String> read = get(path, DemoUser.ADMIN);
        HttpResponse<String> change = patch(path, DemoUser.ADMIN, "{\"familyName\":\"Back\"}", "\"1\"");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(body(read).path("status").asText()).isEqualTo("DEACTIVATED");
        assertThat(body(read).path("email").asText()).isEqualTo(customer.path("email").asText());
        assertThat(change.statusCode()).isEqualTo(409);
    }

    @Test
    void anAdminErasesPersonalFieldsAndTheErasureIsAudited() throws Exception {
        JsonNode customer = newCustomer("Erin");
        String id = customer.path("id").asText();

        HttpResponse<String> erased = postJson(CUSTOMERS + "/" + id + "/erase", DemoUser.ADMIN,
                "{\"reason\":\"data-protection request #42\"}");

        assertThat(erased.statusCode()).isEqualTo(200);
        JsonNode after = body(get(CUSTOMERS + "/" + id, DemoUser.ADMIN));
        assertThat(after.path("status").asText()).isEqualTo("ERASED");
        assertThat(after.path("email").isNull()).isTrue();
        assertThat(after.path("givenName").isNull()).isTrue();
        assertThat(after.path("phone").isNull()).isTrue();
        assertThat(rows("SELECT count(*) FROM customer_audit WHERE customer_id = ? AND action = 'ERASED' "
                + "AND actor = 'admin' AND detail = 'data-protection request #42'", UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void listsAreFilteredSortedAndPagedWithATotal() throws Exception {
        String marker = "Zq" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            newCustomer(marker + i);
        }

        HttpResponse<String> page = get(CUSTOMERS + "?name=" + marker.toLowerCase() + "&size=2&sort=createdAt,asc",
                DemoUser.SUPPORT);
        HttpResponse<String> badSize = get(CUSTOMERS + "?size=1000", DemoUser.SUPPORT);
        HttpResponse<String> badStatus = get(CUSTOMERS + "?status=sleeping", DemoUser.SUPPORT);

        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode list = body(page);
        assertThat(list.path("total").asLong()).isEqualTo(3);
        assertThat(list.path("totalPages").asInt()).isEqualTo(2);
        assertThat(list.path("items")).hasSize(2);
        assertThat(list.path("items").get(0).path("givenName").asText()).isEqualTo(marker + "0");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(fields(body(badSize))).contains("size");
        assertThat(badStatus.statusCode()).isEqualTo(400);
    }

    @Test
    void aCustomerRegistersThemselvesFromTheirToken() throws Exception {
        JsonNode me = ownProfile(DemoUser.CUSTOMER);

        assertThat(me.path("email").asText()).isEqualTo("customer@oasis.example");
        // Name and email come from the token, whatever the body says.
        assertThat(me.path("givenName").asText()).isEqualTo("Cora");
        assertThat(me.path("familyName").asText()).isEqualTo("Customer");
        HttpResponse<String> again = postJson(CUSTOMERS + "/me", DemoUser.CUSTOMER, "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> smuggled = postJson(CUSTOMERS + "/me", DemoUser.CUSTOMER,
                "{\"email\":\"someone.else@example.com\"}");
        assertThat(smuggled.statusCode()).isEqualTo(400);
    }

    @Test
    void preferencesStartWithTheDefaultsAndRecordConsent() throws Exception {
        JsonNode customer = newCustomer("Pref");
        String path = CUSTOMERS + "/" + customer.path("id").asText() + "/preferences";

        JsonNode defaults = body(get(path, DemoUser.ADMIN));
        HttpResponse<String> consented = putJson(path, DemoUser.ADMIN, """
                {"emailOptIn":true,"smsOptIn":false,"pushOptIn":false,"webhookOptIn":false,"locale":"de-AT",
                 "timeZone":"Europe/Vienna","quietHoursStart":"22:00","quietHoursEnd":"07:00","marketingConsent":true}""",
                "\"0\"");
        HttpResponse<String> badZone = putJson(path, DemoUser.ADMIN, """
                {"emailOptIn":true,"smsOptIn":false,"pushOptIn":false,"webhookOptIn":false,"locale":"de",
                 "timeZone":"Mars/Olympus","marketingConsent":false}""", null);

        assertThat(defaults.path("emailOptIn").asBoolean()).isTrue();
        assertThat(defaults.path("smsOptIn").asBoolean()).isTrue(); // the customer has a phone number
        assertThat(defaults.path("pushOptIn").asBoolean()).isFalse();
        assertThat(defaults.path("marketingConsent").asBoolean()).isFalse();
        assertThat(defaults.path("marketingConsentAt").isNull()).isTrue();
        assertThat(consented.statusCode()).isEqualTo(200);
        assertThat(body(consented).path("marketingConsentAt").isTextual()).isTrue();
        assertThat(body(consented).path("quietHoursStart").asText()).isEqualTo("22:00");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(fields(body(badZone))).anyMatch(field -> field.startsWith("timeZone"));
    }

    @Test
    void smsNeedsAPhoneNumber() throws Exception {
        JsonNode customer = newCustomer("Sms");
        String id = customer.path("id").asText();
        patch(CUSTOMERS + "/" + id, DemoUser.ADMIN, "{\"phone\":null}", "\"0\"");

        JsonNode preferences = body(get(CUSTOMERS + "/" + id + "/preferences", DemoUser.ADMIN));
        HttpResponse<String> smsOn = putJson(CUSTOMERS + "/" + id + "/preferences", DemoUser.ADMIN, """
                {"emailOptIn":true,"smsOptIn":true,"pushOptIn":false,"webhookOptIn":false,"locale":"en",
                 "timeZone":"UTC","marketingConsent":false}""", null);

        assertThat(preferences.path("smsOptIn").asBoolean()).isFalse();
        assertThat(smsOn.statusCode()).isEqualTo(400);
        assertThat(fields(body(smsOn))).contains("smsOptIn");
    }

    @Test
    void supportWritesHistoryThatTheCustomerCanRead() throws Exception {
        JsonNode me = ownProfile(DemoUser.CUSTOMER);
        String path = CUSTOMERS + "/" + me.path("id").asText() + "/history";

        HttpResponse<String> added = postJson(path, DemoUser.SUPPORT, """
                {"type":"CALL","channel":"PHONE","summary":"Asked about delivery times"}""");
        HttpResponse<String> byCustomer = postJson(path, DemoUser.CUSTOMER, """
                {"type":"NOTE","summary":"I would like to write here"}""");
        HttpResponse<String> read = get(path, DemoUser.CUSTOMER);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(body(added).path("agent").asText()).isEqualTo("support");
        assertThat(byCustomer.statusCode()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).path("items").findValuesAsText("summary")).contains("Asked about delivery times");
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
