package io.oasis.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged realm file matches what the code and the docs promise about it. */
class RealmFileTest {

    private static JsonNode realm;

    @BeforeAll
    static void readRealm() throws IOException {
        try (InputStream in = RealmFileTest.class.getClassLoader().getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            assertThat(in).as("realm file packaged under keycloak/import").isNotNull();
            realm = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void declaresTheRealmRolesAndAShortAccessTokenLifespan() {
        assertThat(realm.path("realm").asText()).isEqualTo(KeycloakServer.REALM);
        assertThat(names(realm.path("roles").path("realm"), "name"))
                .containsExactlyInAnyOrder("customer", "support-agent", "order-on-behalf", "order-manager",
                        "process-designer", "admin", "integration", "personal-data-export");
        assertThat(realm.path("accessTokenLifespan").asInt()).isEqualTo(300);
    }

    @Test
    void everyDemoUserHasItsPasswordAndRole() {
        for (DemoUser demo : DemoUser.all()) {
            JsonNode user = find(realm.path("users"), "username", demo.username());
            assertThat(user.path("credentials").get(0).path("value").asText()).isEqualTo(demo.password());
            assertThat(user.path("email").asText()).isNotBlank();
            List<String> roles = new ArrayList<>(names(user.path("realmRoles"), null));
            for (String group : names(user.path("groups"), null)) {
                roles.addAll(names(find(realm.path("groups"), "path", group).path("realmRoles"), null));
            }
            assertThat(roles).as(demo.username()).containsExactlyElementsOf(demo.roles());
        }
    }

    @Test
    void onlySupportStaffOrderOnACustomersBehalfNotTheServiceAccountsThatReadAsSupport() {
        for (JsonNode user : realm.path("users")) {
            boolean onBehalf = names(user.path("realmRoles"), null).contains("order-on-behalf");
            assertThat(onBehalf).as(user.path("username").asText())
                    .isEqualTo(user.path("username").asText().equals(DemoUser.SUPPORT.username()));
        }
    }

    @Test
    void clientsPutTheApiAudienceIntoAccessTokens() {
        JsonNode cli = find(realm.path("clients"), "clientId", Tokens.CLI_CLIENT_ID);
        assertThat(cli.path("publicClient").asBoolean()).isTrue();
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(cli.path("attributes").path("oauth2.device.authorization.grant.enabled").asText()).isEqualTo("true");
        assertThat(cli.path("description").asText()).containsIgnoringCase("dev only");
        assertThat(audienceMapper(cli)).isEqualTo("oasis-api");

        for (ServiceClient service : ServiceClient.all()) {
            JsonNode client = find(realm.path("clients"), "clientId", service.clientId());
            assertThat(devDefault(client.path("secret").asText())).isEqualTo(service.secret());
            assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
            assertThat(client.path("publicClient").asBoolean()).isFalse();
            assertThat(audienceMapper(client)).isEqualTo("oasis-api");
        }
    }

    @Test
    void aDeploymentGivesEachServiceClientTheSecretItsServiceReads() {
        // Keycloak's import resolves ${VARIABLE:default}: compose and Kubernetes pass the service's own
        // variable to Keycloak as well, so both sides hold the same secret; the launcher keeps the default.
        for (ServiceClient service : List.of(ServiceClient.ORDER_SERVICE, ServiceClient.NOTIFICATION_SERVICE,
                ServiceClient.CUSTOMER_SERVICE)) {
            String variable = service.clientId().replace("-service", "").toUpperCase() + "_CLIENT_SECRET";
            assertThat(find(realm.path("clients"), "clientId", service.clientId()).path("secret").asText())
                    .isEqualTo("${" + variable + ":" + service.secret() + "}");
        }
    }

    /** The value Keycloak imports when the placeholder's variable is not set. */
    private static String devDefault(String value) {
        Matcher placeholder = Pattern.compile("\\$\\{[A-Z_]+:(.*)}").matcher(value);
        return placeholder.matches() ? placeholder.group(1) : value;
    }

    @Test
    void theCamundaWebAppsClientSignsPeopleInWithTheCodeFlowBackToTheLaunchersOrderServiceOnly() {
        JsonNode webapps = find(realm.path("clients"), "clientId", "camunda-webapps");

        assertThat(webapps.path("publicClient").asBoolean()).isFalse();
        assertThat(webapps.path("secret").asText())
                .isEqualTo("${CAMUNDA_WEBAPPS_CLIENT_SECRET:dev-only-camunda-webapps-secret}");
        assertThat(webapps.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(webapps.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(webapps.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(webapps.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(webapps.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(names(webapps.path("redirectUris"), null)).as("exact addresses, no wildcard").containsExactlyInAnyOrder(
                "http://localhost:8082/camunda/login/oauth2/code/keycloak",
                "http://127.0.0.1:8082/camunda/login/oauth2/code/keycloak");
        JsonNode roles = find(webapps.path("protocolMappers"), "protocolMapper", "oidc-usermodel-realm-role-mapper");
        assertThat(roles.path("config").path("claim.name").asText()).isEqualTo("realm_access.roles");
        assertThat(roles.path("config").path("id.token.claim").asText()).isEqualTo("true");
        JsonNode groups = find(webapps.path("protocolMappers"), "protocolMapper", "oidc-group-membership-mapper");
        assertThat(groups.path("config").path("claim.name").asText()).isEqualTo("groups");
        assertThat(groups.path("config").path("full.path").asText()).isEqualTo("false");
        assertThat(groups.path("config").path("id.token.claim").asText()).isEqualTo("true");
    }

    @Test
    void onlyTheCustomerServicesAccountMayGatherExports() {
        List<String> holders = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (names(user.path("realmRoles"), null).contains("personal-data-export")) {
                holders.add(user.path("username").asText());
            }
        }
        for (JsonNode group : realm.path("groups")) {
            assertThat(names(group.path("realmRoles"), null)).doesNotContain("personal-data-export");
        }

        assertThat(holders).containsExactly("service-account-" + ServiceClient.CUSTOMER_SERVICE.clientId());
        assertThat(find(realm.path("users"), "username", holders.get(0)).path("serviceAccountClientId").asText())
                .isEqualTo(ServiceClient.CUSTOMER_SERVICE.clientId());
    }

    private static String audienceMapper(JsonNode client) {
        JsonNode mapper = find(client.path("protocolMappers"), "protocolMapper", "oidc-audience-mapper");
        assertThat(mapper.path("config").path("access.token.claim").asText()).isEqualTo("true");
        return mapper.path("config").path("included.client.audience").asText();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(node -> value.equals(node.path(field).asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry with " + field + "=" + value));
    }

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> field == null ? node.asText() : node.path(field).asText())
                .toList();
    }
}
