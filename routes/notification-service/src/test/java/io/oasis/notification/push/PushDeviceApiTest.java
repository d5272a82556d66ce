package io.oasis.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.notification.NotificationServiceTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/notifications/devices} with real tokens of the demo users. */
class PushDeviceApiTest extends NotificationServiceTestBase {

    private static final String DEVICES = NOTIFICATIONS + "/devices";

    @Test
    void customerRegistersListsAndRemovesTheirOwnDeviceOnceTheirProfileIsKnown() throws Exception {
        withoutProfile(DemoUser.CUSTOMER);
        String token = providerToken();

        HttpResponse<String> early = register(DemoUser.CUSTOMER, token, "android");
        assertProblem(early, 409);
        assertThat(body(early).path("detail").asText()).contains("no customer profile for you");
        assertThat(rows("SELECT count(*) FROM push_device WHERE token = ?", token)).isZero();

        UUID customerId = freshProfile(DemoUser.CUSTOMER);
        HttpResponse<String> created = register(DemoUser.CUSTOMER, token, "android");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode device = body(created);
        String id = device.path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(DEVICES + "/" + id);
        assertThat(device.path("customerId").asText()).isEqualTo(customerId.toString());
        assertThat(device.path("platform").asText()).isEqualTo("android");
        assertThat(device.path("token").asText()).isEqualTo("..." + token.substring(token.length() - 6));
        assertThat(created.body()).doesNotContain(token);
        assertThat(rows("SELECT count(*) FROM push_device WHERE id = ? AND customer_id = ? AND token = ?",
                UUID.fromString(id), customerId, token)).isEqualTo(1);

        HttpResponse<String> again = register(DemoUser.CUSTOMER, token, "android");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).path("id").asText()).isEqualTo(id);
        assertThat(rows("SELECT count(*) FROM push_device WHERE token = ?", token)).isEqualTo(1);

        HttpResponse<String> listed = get(DEVICES, DemoUser.CUSTOMER);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(ids(body(listed))).containsExactly(id);
        assertThat(body(listed).path("total").asLong()).isEqualTo(1);
        assertThat(body(listed).at("/items/0/token").asText()).isEqualTo("..." + token.substring(token.length() - 6));
        assertThat(listed.body()).doesNotContain(token);

        assertThat(delete(id, DemoUser.CUSTOMER).statusCode()).isEqualTo(204);
        assertThat(rows("SELECT count(*) FROM push_device WHERE token = ?", token)).isZero();
        assertThat(delete(id, DemoUser.CUSTOMER).statusCode()).isEqualTo(404);
        assertThat(ids(body(get(DEVICES, DemoUser.CUSTOMER)))).isEmpty();
    }

    @Test
    void nobodyButTheOwnerRemovesADeviceAndOnlyStaffListAnyonesDevices() throws Exception {
        UUID customerId = freshProfile(DemoUser.CUSTOMER);
        UUID otherCustomerId = freshProfile(DemoUser.CUSTOMER2);
        String id = body(register(DemoUser.CUSTOMER, providerToken(), "ios")).path("id").asText();

        HttpResponse<String> foreignDelete = delete(id, DemoUser.CUSTOMER2);
        assertThat(foreignDelete.statusCode()).isEqualTo(404);
        assertThat(body(foreignDelete).path("detail").asText()).isEqualTo("No device " + id + ".");
        // Removing a device is the customer's operation alone (x-oasis-roles): the service refuses other roles as the gateway does.
        assertThat(delete(id, DemoUser.SUPPORT).statusCode()).isEqualTo(403);
        assertThat(rows("SELECT count(*) FROM push_device WHERE id = ?", UUID.fromString(id))).isEqualTo(1);

        assertThat(ids(body(get(DEVICES, DemoUser.CUSTOMER2)))).doesNotContain(id);
        assertThat(get(DEVICES + "?customerId=" + customerId, DemoUser.CUSTOMER2).statusCode()).isEqualTo(404);
        assertThat(get(DEVICES + "?customerId=" + otherCustomerId, DemoUser.CUSTOMER2).statusCode()).isEqualTo(200);

        HttpResponse<String> bySupport = get(DEVICES + "?customerId=" + customerId, DemoUser.SUPPORT);
        assertThat(bySupport.statusCode()).isEqualTo(200);
        assertThat(ids(body(bySupport))).containsExactly(id);
        assertThat(ids(body(get(DEVICES + "?customerId=" + customerId, DemoUser.ADMIN)))).containsExactly(id);

        HttpResponse<String> supportWithoutCustomer = get(DEVICES, DemoUser.SUPPORT);
        assertThat(supportWithoutCustomer.statusCode()).isEqualTo(400);
        assertThat(fields(body(supportWithoutCustomer))).containsExactly("customerId");

        assertThat(delete(id, DemoUser.CUSTOMER).statusCode()).isEqualTo(204);
        assertThat(rows("SELECT count(*) FROM push_device WHERE id = ?", UUID.fromString(id))).isZero();
    }

    @Test
    void aTokenRegisteredByAnotherCustomerIsTheirsFromThenOn() throws Exception {
        UUID first = freshProfile(DemoUser.CUSTOMER);
        UUID second = freshProfile(DemoUser.CUSTOMER2);
        String token = providerToken();
        String firstId = body(register(DemoUser.CUSTOMER, token, "android")).path("id").asText();

        HttpResponse<String> signedInAsSomeoneElse = register(DemoUser.CUSTOMER2, token, "android");

        assertThat(signedInAsSomeoneElse.statusCode()).isEqualTo(201);
        String secondId = body(signedInAsSomeoneElse).path("id").asText();
        assertThat(ids(body(get(DEVICES, DemoUser.CUSTOMER)))).doesNotContain(firstId);
        assertThat(ids(body(get(DEVICES, DemoUser.CUSTOMER2)))).containsExactly(secondId);
        assertThat(rows("SELECT count(*) FROM push_device WHERE token = ?", token)).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM push_device WHERE token = ? AND customer_id = ?", token, second)).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM push_device WHERE customer_id = ?", first)).isZero();
    }

    @Test
    void aCustomerHasAtMostTheDeviceLimitAndMakesRoomByRemovingOne() throws Exception {
        UUID customerId = freshProfile(DemoUser.CUSTOMER);
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> created = register(DemoUser.CUSTOMER, providerToken(), "web");
            assertThat(created.statusCode()).isEqualTo(201);
            registered.add(body(created).path("id").asText());
        }

        HttpResponse<String> oneMore = register(DemoUser.CUSTOMER, providerToken(), "web");

        assertThat(oneMore.statusCode()).isEqualTo(409);
        assertThat(oneMore.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(oneMore).path("detail").asText()).contains("10 push devices registered");
        assertThat(rows("SELECT count(*) FROM push_device WHERE customer_id = ?", customerId)).isEqualTo(10);
        assertThat(delete(registered.get(0), DemoUser.CUSTOMER).statusCode()).isEqualTo(204);
        assertThat(register(DemoUser.CUSTOMER, providerToken(), "web").statusCode()).isEqualTo(201);
    }

    @Test
    void anInvalidTokenOrPlatformIsA400NamingTheFieldAndStoresNothing() throws Exception {
        UUID customerId = freshProfile(DemoUser.CUSTOMER);
        List<Invalid> cases = List.of(
                new Invalid("token", registration("has space", "android")),
                new Invalid("token", registration("line\r\nX-Injected: 1", "android")),
                new Invalid("token", registration("", "ios")),
                new Invalid("token", registration("t\u00f6ken", "web")),
                new Invalid("token", registration("x".repeat(PushDevice.MAX_TOKEN_LENGTH + 1), "web")),
                new Invalid("token", registration(null, "web")),
                new Invalid("platform", registration(providerToken(), "windows")),
                new Invalid("platform", registration(providerToken(), "Android")),
                new Invalid("platform", registration(providerToken(), null)));

        for (Invalid bad : cases) {
            HttpResponse<String> answer = postJson(DEVICES, DemoUser.CUSTOMER, json.writeValueAsString(bad.body()));
            assertProblem(answer, 400);
            assertThat(fields(body(answer))).as("%s", bad).isNotEmpty().containsOnly(bad.field());
        }
        assertThat(rows("SELECT count(*) FROM push_device WHERE customer_id = ?", customerId)).isZero();

        // The longest token there can be is taken.
        String longest = "y".repeat(PushDevice.MAX_TOKEN_LENGTH);
        assertThat(register(DemoUser.CUSTOMER, longest, "web").statusCode()).isEqualTo(201);
        assertThat(rows("SELECT count(*) FROM push_device WHERE customer_id = ?", customerId)).isEqualTo(1);
    }

    @Test
    void devicesNeedAToken() throws Exception {
        assertThat(send(request(DEVICES, (DemoUser) null).GET()).statusCode()).isEqualTo(401);
    }

    private record Invalid(String field, Map<String, Object> body) {
    }

    /**
     * A profile of the demo user's own in the projection, and no other: earlier tests may have registered
     * theirs, and the caller's profile is found by subject.
     */
    private UUID freshProfile(DemoUser user) throws Exception {
        String subject = withoutProfile(user);
        return registerCustomer(uniqueEmail(user.username()), null, Map.of(), subject);
    }

    /** Detaches the demo user from every profile here, as if they had never registered. */
    private String withoutProfile(DemoUser user) throws Exception {
        String subject = subjectOf(user);
        jdbc.update("UPDATE customer_contact SET subject = NULL WHERE subject = ?", subject);
        return subject;
    }

    /** A token shaped like a provider's registration token: long, with a colon, unique per call. */
    private static String providerToken() {
        return "c" + UUID.randomUUID().toString().replace("-", "") + ":APA91b" + "Qx7_-".repeat(25)
                + UUID.randomUUID().toString().substring(0, 6);
    }

    private HttpResponse<String> register(DemoUser user, String token, String platform) throws Exception {
        return postJson(DEVICES, user, json.writeValueAsString(registration(token, platform)));
    }

    private HttpResponse<String> delete(String id, DemoUser user) throws Exception {
        return send(request(DEVICES + "/" + id, user).DELETE());
    }

    private static Map<String, Object> registration(String token, String platform) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (token != null) {
            body.put("token", token);
        }
        if (platform != null) {
            body.put("platform", platform);
        }
        return body;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
