package io.oasis.customer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.KeycloakAccounts;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A new email address takes effect only when the code mailed to it comes back, and no answer tells whether an
 * address is registered: a change request or a registration with a taken address is answered like one with a
 * free address (the mail to the address says the rest).
 */
@ExtendWith(OutputCaptureExtension.class)
class EmailConfirmationTest extends CustomerServiceTestBase {

    private static final String CONFIRMATION = "CustomerEmailConfirmationRequested";
    private static final String ALREADY_REGISTERED = "CustomerEmailAlreadyRegistered";

    @Test
    void aNewAddressWaitsForItsCodeAndTheProfileKeepsItsAddress(CapturedOutput output) throws Exception {
        Person ana = person("ana");
        String wanted = unique("ana.new");

        HttpResponse<String> asked = changeEmail(ana, wanted);

        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(body(asked).path("email").asText()).isEqualTo(ana.email());
        assertThat(body(asked).path("pendingEmail").asText()).isEqualTo(wanted);
        assertThat(body(asked).path("pendingEmailExpiresAt").isTextual()).isTrue();
        JsonNode read = body(get(ana.path(), ana.user()));
        assertThat(read.path("email").asText()).isEqualTo(ana.email());
        assertThat(customerWithEmail(ana.email()).path("id").asText()).isEqualTo(ana.id());

        String code = codeSentTo(ana, wanted);
        assertThat(code).matches("[0-9]{8}");
        // Only a hash is kept; no answer and no log line carries the code.
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM customer WHERE id = ?::uuid", ana.id());
        assertThat(row.get("pending_email_code_hash").toString()).startsWith("$2").doesNotContain(code);
        assertThat(row.values()).noneMatch(value -> value != null && value.toString().contains(code));
        assertThat(asked.body() + read).doesNotContain(code);
        assertThat(output.getAll()).contains("a new email address waits for confirmation").doesNotContain(code);
        // Nothing tells the CRM, the notification projection or partners about an address that is not confirmed.
        assertThat(payloads(ana.id(), "CustomerUpdated")).noneMatch(payload -> payload.contains(wanted));
    }

    @Test
    void aWrongOrExpiredCodeIsRefusedAndChangesNothing() throws Exception {
        Person bo = person("bo");
        String wanted = unique("bo.new");
        String etag = changeEmail(bo, wanted).headers().firstValue("ETag").orElseThrow();
        String code = codeSentTo(bo, wanted);
        String wrong = code.equals("00000000") ? "11111111" : "00000000";

        HttpResponse<String> wrongCode = confirm(bo, wrong);
        HttpResponse<String> notACode = confirm(bo, "12ab");

        assertThat(wrongCode.statusCode()).isEqualTo(400);
        assertThat(body(wrongCode).path("errors").get(0).path("field").asText()).isEqualTo("code");
        assertThat(wrongCode.body()).doesNotContain(code);
        assertThat(notACode.statusCode()).isEqualTo(400);
        JsonNode after = body(get(bo.path(), bo.user()));
        assertThat(after.path("email").asText()).isEqualTo(bo.email());
        assertThat(after.path("pendingEmail").asText()).isEqualTo(wanted);
        assertThat(get(bo.path(), bo.user()).headers().firstValue("ETag")).hasValue(etag);

        // Time passes: the right code no longer works.
        jdbc.update("UPDATE customer SET pending_email_expires_at = now() - interval '1 second' WHERE id = ?::uuid",
                bo.id());
        HttpResponse<String> expired = confirm(bo, code);

        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(body(expired).path("errors").get(0).path("message").asText()).contains("expired");
        JsonNode afterExpiry = body(get(bo.path(), bo.user()));
        assertThat(afterExpiry.path("email").asText()).isEqualTo(bo.email());
        assertThat(afterExpiry.has("pendingEmail")).isFalse();
        assertThat(confirm(bo, code).statusCode()).isEqualTo(409);
    }

    @Test
    void fiveWrongCodesCancelTheChange() throws Exception {
        Person cy = person("cy");
        String wanted = unique("cy.new");
        changeEmail(cy, wanted);
        String code = codeSentTo(cy, wanted);
        String wrong = code.equals("00000000") ? "11111111" : "00000000";

        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(confirm(cy, wrong).statusCode());
        }
        HttpResponse<String> rightButTooLate = confirm(cy, code);

        assertThat(answers).containsOnly(400);
        assertThat(rightButTooLate.statusCode()).isEqualTo(409);
        JsonNode after = body(get(cy.path(), cy.user()));
        assertThat(after.path("email").asText()).isEqualTo(cy.email());
        assertThat(after.has("pendingEmail")).isFalse();
    }

    @Test
    void theRightCodeMakesTheAddressTheProfilesOnce() throws Exception {
        Person di = person("di");
        String wanted = unique("di.new");
        changeEmail(di, wanted);
        String code = codeSentTo(di, wanted);

        HttpResponse<String> confirmed = confirm(di, code);
        HttpResponse<String> again = confirm(di, code);

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(body(confirmed).path("email").asText()).isEqualTo(wanted);
        assertThat(body(confirmed).has("pendingEmail")).isFalse();
        assertThat(confirmed.headers().firstValue("ETag")).isPresent();
        assertThat(body(get(di.path(), di.user())).path("email").asText()).isEqualTo(wanted);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(payloads(di.id(), "CustomerUpdated")).anyMatch(payload -> payload.contains(wanted));
        // The old address is free again; the new one is taken.
        assertThat(rows("SELECT count(*) FROM customer WHERE email_key = ?", di.email())).isZero();
        assertThat(customerWithEmail(wanted).path("id").asText()).isEqualTo(di.id());
    }

    @Test
    void onlyWhoMayEditTheProfileConfirmsItsAddress() throws Exception {
        Person ed = person("ed");
        String wanted = unique("ed.new");
        changeEmail(ed, wanted);
        String code = codeSentTo(ed, wanted);

        assertThat(postJson(ed.path() + "/email-confirmation", DemoUser.CUSTOMER2, "{\"code\":\"" + code + "\"}")
                .statusCode()).isEqualTo(404);
        assertThat(postJson(ed.path() + "/email-confirmation", DemoUser.SUPPORT, "{\"code\":\"" + code + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(body(get(ed.path(), ed.user())).path("email").asText()).isEqualTo(ed.email());

        HttpResponse<String> byAdmin = postJson(ed.path() + "/email-confirmation", DemoUser.ADMIN,
                "{\"code\":\"" + code + "\"}");
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(body(byAdmin).path("email").asText()).isEqualTo(wanted);
    }

    @Test
    void aTakenAddressIsAnsweredExactlyLikeAFreeOne() throws Exception {
        JsonNode owner = newCustomer("Owner");
        String taken = owner.path("email").asText();
        Person fay = person("fay");
        Person gil = person("gil");
        String free = unique("gil.new");

        HttpResponse<String> toTaken = changeEmail(fay, taken.toUpperCase());
        HttpResponse<String> toFree = changeEmail(gil, free);

        assertThat(toTaken.statusCode()).isEqualTo(toFree.statusCode()).isEqualTo(202);
        assertThat(fieldNames(body(toTaken))).isEqualTo(fieldNames(body(toFree)));
        assertThat(body(toTaken).path("pendingEmail").asText()).isEqualTo(taken.toUpperCase());
        assertThat(body(toTaken).path("email").asText()).isEqualTo(fay.email());
        assertThat(toTaken.headers().map().keySet()).isEqualTo(toFree.headers().map().keySet());
        // The owner is told (by mail, through this event), nobody gets a code for their address.
        assertThat(payloads(fay.id(), CONFIRMATION)).isEmpty();
        assertThat(payloads(fay.id(), ALREADY_REGISTERED)).singleElement().satisfies(payload -> {
            JsonNode notice = json.readTree(payload);
            assertThat(notice.path("customerId").asText()).isEqualTo(owner.path("id").asText());
            assertThat(notice.path("email").asText()).isEqualTo(taken.toUpperCase());
            assertThat(notice.has("code")).isFalse();
        });
        // Confirming fails like a wrong code, and the owner keeps the address.
        HttpResponse<String> guess = confirm(fay, "12345678");
        assertThat(guess.statusCode()).isEqualTo(400);
        assertThat(body(guess).path("errors").get(0).path("field").asText()).isEqualTo("code");
        assertThat(customerWithEmail(taken).path("id").asText()).isEqualTo(owner.path("id").asText());
        assertThat(body(get(fay.path(), fay.user())).path("email").asText()).isEqualTo(fay.email());
    }

    @Test
    void anAddressAskedForByAnotherCustomerCanStillBeRegisteredByItsOwner() throws Exception {
        Person hal = person("hal");
        String victims = unique("victim");
        changeEmail(hal, victims);
        String code = codeSentTo(hal, victims);

        // The address's owner signs up later: the pending request holds nothing.
        Person victim = person(victims);
        HttpResponse<String> taken = confirm(hal, code);

        assertThat(victim.email()).isEqualTo(victims);
        assertThat(customerWithEmail(victims).path("id").asText()).isEqualTo(victim.id());
        assertThat(taken.statusCode()).isEqualTo(409);
        JsonNode halAfter = body(get(hal.path(), hal.user()));
        assertThat(halAfter.path("email").asText()).isEqualTo(hal.email());
        assertThat(halAfter.has("pendingEmail")).isFalse();
    }

    @Test
    void anAdminsRegistrationIsAnsweredAlikeWhetherTheAddressIsFreeOrTaken() throws Exception {
        String email = unique("ida");

        HttpResponse<String> free = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"Ida","familyName":"First"}""".formatted(email));
        HttpResponse<String> taken = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"Ivo","familyName":"Second"}""".formatted(email.toUpperCase()));

        assertThat(free.statusCode()).isEqualTo(taken.statusCode()).isEqualTo(202);
        assertThat(free.body()).isEqualTo(taken.body()).isEmpty();
        assertThat(free.headers().map().keySet()).isEqualTo(taken.headers().map().keySet());
        JsonNode ida = customerWithEmail(email);
        assertThat(ida.path("givenName").asText()).isEqualTo("Ida");
        assertThat(payloads(ida.path("id").asText(), ALREADY_REGISTERED)).singleElement()
                .satisfies(payload -> assertThat(json.readTree(payload).path("customerId").asText())
                        .isEqualTo(ida.path("id").asText()));
        assertThat(rows("SELECT count(*) FROM customer WHERE given_name = 'Ivo' AND family_name = 'Second'")).isZero();
    }

    @Test
    void aSelfRegistrationWithAnUnverifiedOrTakenAddressWaitsForItsCodeAlike() throws Exception {
        // Addresses held in Oasis by customers staff registered (Keycloak does not know them).
        JsonNode held = newCustomer("Held");
        JsonNode kept = newCustomer("Kept");
        DemoUser unverifiedFree = KeycloakAccounts.newUser(unique("jo"), false, "customer");
        DemoUser unverifiedTaken = KeycloakAccounts.newUser(held.path("email").asText(), false, "customer");
        DemoUser verifiedTaken = KeycloakAccounts.newUser(kept.path("email").asText(), true, "customer");

        HttpResponse<String> free = postJson(CUSTOMERS + "/me", unverifiedFree, "{\"country\":\"PT\"}");
        HttpResponse<String> taken = postJson(CUSTOMERS + "/me", unverifiedTaken, "{\"country\":\"PT\"}");
        HttpResponse<String> verifiedButTaken = postJson(CUSTOMERS + "/me", verifiedTaken, "{\"country\":\"PT\"}");

        for (HttpResponse<String> answer : List.of(free, taken, verifiedButTaken)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(fieldNames(body(answer))).isEqualTo(fieldNames(body(free)));
            assertThat(answer.headers().map().keySet()).isEqualTo(free.headers().map().keySet());
            assertThat(body(answer).path("email").isNull()).isTrue();
            assertThat(body(answer).path("pendingEmail").isTextual()).isTrue();
        }
        assertThat(body(get(CUSTOMERS + "/me", unverifiedTaken)).path("email").isNull()).isTrue();
        assertThat(body(get(CUSTOMERS + "/me", unverifiedFree)).path("email").isNull()).isTrue();
        // The free address gets its code; the owners of the taken ones are told, and keep them.
        String freeId = body(free).path("id").asText();
        assertThat(payloads(freeId, ALREADY_REGISTERED)).isEmpty();
        for (var pair : List.of(Map.entry(taken, held), Map.entry(verifiedButTaken, kept))) {
            String id = body(pair.getKey()).path("id").asText();
            assertThat(payloads(id, CONFIRMATION)).isEmpty();
            assertThat(payloads(id, ALREADY_REGISTERED)).singleElement().satisfies(payload -> assertThat(
                    json.readTree(payload).path("customerId").asText()).isEqualTo(pair.getValue().path("id").asText()));
            assertThat(customerWithEmail(pair.getValue().path("email").asText()).path("id").asText())
                    .isEqualTo(pair.getValue().path("id").asText());
        }

        String code = json.readTree(payloads(freeId, CONFIRMATION).get(0)).path("code").asText();
        HttpResponse<String> confirmed = postJson(CUSTOMERS + "/" + freeId + "/email-confirmation", unverifiedFree,
                "{\"code\":\"" + code + "\"}");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(body(confirmed).path("email").asText()).isEqualTo(body(free).path("pendingEmail").asText());
    }

    /** A customer who registered themselves with a verified address nobody had: their profile exists at once. */
    private Person person(String nameOrEmail) throws Exception {
        String email = nameOrEmail.contains("@") ? nameOrEmail : unique(nameOrEmail);
        DemoUser user = KeycloakAccounts.newUser(email, true, "customer");
        HttpResponse<String> created = postJson(CUSTOMERS + "/me", user, "{\"country\":\"DE\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Person(user, body(created).path("id").asText(), email);
    }

    private HttpResponse<String> changeEmail(Person person, String email) throws Exception {
        HttpResponse<String> current = get(person.path(), person.user());
        return patch(person.path(), person.user(), "{\"email\":\"" + email + "\"}",
                current.headers().firstValue("ETag").orElseThrow());
    }

    private HttpResponse<String> confirm(Person person, String code) throws Exception {
        return postJson(person.path() + "/email-confirmation", person.user(), "{\"code\":\"" + code + "\"}");
    }

    /** The code in the newest confirmation event for this customer, which only the notification service reads. */
    private String codeSentTo(Person person, String address) throws Exception {
        List<String> requests = payloads(person.id(), CONFIRMATION);
        assertThat(requests).isNotEmpty();
        JsonNode request = json.readTree(requests.get(requests.size() - 1));
        assertThat(request.path("email").asText()).isEqualTo(address);
        return request.path("code").asText();
    }

    private List<String> payloads(String customerId, String eventType) {
        return jdbc.queryForList("SELECT payload FROM outbox_event WHERE aggregate_id = ? AND event_type = ? ORDER BY seq",
                String.class, customerId, eventType);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> fields = node.fieldNames();
        fields.forEachRemaining(names::add);
        return names;
    }

    private static String unique(String name) {
        return name + "." + UUID.randomUUID() + "@example.com";
    }

    private record Person(DemoUser user, String id, String email) {

        String path() {
            return CUSTOMERS + "/" + id;
        }
    }
}
