package io.oasis.faults.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.faults.workload.Gateways;
import io.oasis.faults.workload.Operation;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.KeycloakServer;
import io.oasis.keycloak.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Keycloak down: a token issued before must keep working until it expires (the gateways and services validate
 * with the keys they already fetched), and a token that Keycloak never signed must be refused. Once Keycloak is
 * back, a new signing key is made the active one through the admin API; tokens signed with it must be accepted
 * without restarting anything.
 */
final class KeycloakOutage implements Scenario.Fault {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String container;

    KeycloakOutage(String container) {
        this.container = container;
    }

    @Override
    public void inject(FaultContext context) throws Exception {
        var issued = Tokens.passwordGrant(context.deployment().tokenEndpoint(), DemoUser.CUSTOMER.username(),
                DemoUser.CUSTOMER.password());
        context.state().put("before", issued.accessToken());
        context.state().put("beforeExpires", Instant.now().plusSeconds(issued.expiresIn()).toString());
        context.podman().stop(container);

        int valid = profile(context, issued.accessToken());
        context.note("Keycloak down: a token issued before it went down answered " + valid, valid == 200);
        int forged = profile(context, forged(issued.accessToken()));
        context.note("Keycloak down: the same claims signed with a key Keycloak never had answered " + forged,
                forged == 401);
    }

    @Override
    public void heal(FaultContext context) throws Exception {
        String before = context.state().get("before");
        Instant expired = Instant.parse(context.state().get("beforeExpires"));
        int late = profile(context, before);
        boolean expiredNow = Instant.now().isAfter(expired);
        context.note("end of the outage: the token issued before (" + (expiredNow ? "expired" : "still valid")
                + ") answered " + late, expiredNow ? late == 401 : late == 200);

        context.podman().start(container);
        String endpoint = context.deployment().tokenEndpoint();
        Awaitility.await("Keycloak answers again").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3))
                .ignoreExceptions().until(() -> Tokens.passwordGrant(endpoint, DemoUser.CUSTOMER.username(),
                        DemoUser.CUSTOMER.password()).accessToken() != null);

        String oldKid = kid(before);
        rotateSigningKey(context);
        String after = Tokens.passwordGrant(endpoint, DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password())
                .accessToken();
        String newKid = kid(after);
        // The services fetch the new key when they first see its id; the first call may race that fetch.
        int[] answered = {0};
        try {
            Awaitility.await("a token signed with the new key is accepted").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> (answered[0] = profile(context, after)) == 200);
        } catch (org.awaitility.core.ConditionTimeoutException notAccepted) {
            // recorded below
        }
        context.note("signing key rotated (" + oldKid + " -> " + newKid + "), no restart: a token signed with the "
                + "new key answered " + answered[0], !newKid.equals(oldKid) && answered[0] == 200);
    }

    /** GET /api/v1/customers/me with the token, through the gateways (with failover): the status. */
    private static int profile(FaultContext context, String token) {
        Gateways.Answer answer = context.gateways().send(Operation.TOKEN_PROBE, null, (gateway, request) -> request
                .uri(URI.create(gateway + "/api/v1/customers/me")).header("Authorization", "Bearer " + token)
                .GET().build());
        return answer.status();
    }

    /** The token's header and claims, signed with a new RSA key of our own. */
    private static String forged(String token) throws Exception {
        String[] parts = token.split("\\.");
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.generateKeyPair().getPrivate());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return parts[0] + "." + parts[1] + "." + B64URL.encodeToString(rsa.sign());
    }

    private static String kid(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).path("kid").asText();
    }

    /** A new generated RSA key with a priority above every other: Keycloak signs new tokens with it. */
    private static void rotateSigningKey(FaultContext context) throws Exception {
        String keycloak = context.deployment().get("FAULTS_KEYCLOAK_URL");
        String admin = Tokens.passwordGrant(keycloak + "/realms/master/protocol/openid-connect/token", "admin-cli",
                context.deployment().get("FAULTS_KEYCLOAK_ADMIN", KeycloakServer.ADMIN_USERNAME),
                context.deployment().get("FAULTS_KEYCLOAK_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD))
                .accessToken();
        String realmUrl = keycloak + "/admin/realms/" + KeycloakServer.REALM;
        HttpResponse<String> realm = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode realmJson = JSON.readTree(realm.body());
        long priority = Instant.now().getEpochSecond();
        Map<String, Object> component = Map.of(
                "name", "rotated-" + priority,
                "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmJson.path("id").asText(),
                "config", Map.of("priority", new String[] {Long.toString(priority)}, "enabled", new String[] {"true"},
                        "active", new String[] {"true"}, "algorithm", new String[] {"RS256"}));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/components"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(component))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the new signing key: " + created.statusCode() + " "
                    + created.body());
        }
    }
}
