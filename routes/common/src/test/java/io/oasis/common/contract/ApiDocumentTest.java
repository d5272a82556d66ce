package io.oasis.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.security.CurrentUser;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The API's document is the one role table: every operation has roles or is a signed callback. */
class ApiDocumentTest {

    private static final String HEAD = """
            openapi: 3.0.3
            info: {title: t, version: v1}
            security:
              - bearer: []
            paths:
            """;

    @Test
    void everyOperationOfTheShippedDocumentHasRolesOrIsASignedCallback() {
        List<ApiOperation> operations = ApiDocument.load().operations();

        assertThat(operations).hasSizeGreaterThan(40);
        assertThat(operations).filteredOn(op -> !op.open())
                .allSatisfy(op -> assertThat(op.roles()).as(op.id()).isNotEmpty());
        assertThat(operations).filteredOn(ApiOperation::open).extracting(ApiOperation::id).containsExactlyInAnyOrder(
                "customer-crm-webhook", "order-shipped", "order-delivered", "order-payment-webhook",
                "notification-twilio-status");
        assertThat(ApiDocument.load().operation("customer-list")).hasValueSatisfying(op -> {
            assertThat(op.key()).isEqualTo("GET /api/v1/customers");
            assertThat(op.service()).isEqualTo("customer");
            assertThat(op.roles()).containsExactly("support-agent", "admin");
        });
    }

    /** A misspelt role would close its operation to everyone without a word. */
    @Test
    void everyRoleOfTheDocumentIsARealmRole() throws Exception {
        Set<String> realmRoles = new TreeSet<>();
        try (InputStream realm = getClass().getClassLoader().getResourceAsStream("keycloak/import/oasis-realm.json")) {
            new ObjectMapper().readTree(realm).path("roles").path("realm")
                    .forEach(role -> realmRoles.add(role.path("name").asText()));
        }
        Set<String> documented = new TreeSet<>();
        ApiDocument.load().operations().forEach(op -> documented.addAll(op.roles()));

        assertThat(realmRoles).contains("customer", "admin");
        assertThat(realmRoles).containsAll(documented);
    }

    @Test
    void anOperationWithoutRolesIsRefusedWithItsName() {
        String yaml = HEAD + """
                  /things:
                    get: {operationId: thing-list, x-oasis-service: things, x-oasis-roles: [admin]}
                    post: {operationId: thing-create, x-oasis-service: things}
                  /things/{id}:
                    delete: {operationId: thing-delete, x-oasis-service: things, x-oasis-roles: []}
                """;

        assertThatThrownBy(() -> ApiDocument.parse(yaml))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /things (thing-create) has no x-oasis-roles")
                .hasMessageContaining("DELETE /things/{id} (thing-delete) has no x-oasis-roles")
                .hasMessageNotContaining("thing-list");
    }

    @Test
    void anOperationIsPublicOnlyWhenItsOwnSecurityLeavesOutTheToken() {
        String yaml = HEAD + """
                  /callback:
                    post: {operationId: callback, x-oasis-service: things, security: [{signature: []}]}
                  /open:
                    post: {operationId: open, x-oasis-service: things, security: []}
                  /either:
                    post: {operationId: either, x-oasis-service: things, security: [{signature: []}, {bearer: []}],
                           x-oasis-roles: [admin]}
                """;

        ApiDocument document = ApiDocument.parse(yaml);

        assertThat(document.operation("callback")).hasValueSatisfying(op -> assertThat(op.open()).isTrue());
        assertThat(document.operation("open")).hasValueSatisfying(op -> assertThat(op.open()).isTrue());
        assertThat(document.operation("either")).hasValueSatisfying(op -> assertThat(op.open()).isFalse());
    }

    @Test
    void aPublicOperationTakesNoRoles() {
        String yaml = HEAD + """
                  /callback:
                    post: {operationId: callback, x-oasis-service: things, security: [], x-oasis-roles: [admin]}
                """;

        assertThatThrownBy(() -> ApiDocument.parse(yaml)).hasMessageContaining("POST /callback (callback) is public");
    }

    @Test
    void aCallerNeedsOneOfTheOperationsRoles() {
        ApiOperation list = ApiDocument.load().operation("customer-list").orElseThrow();
        CurrentUser support = caller("support-agent");
        CurrentUser customer = caller("customer");

        assertThat(list.allows(support::hasRole)).isTrue();
        assertThat(list.allows(customer::hasRole)).isFalse();
        assertThat(list.allows(role -> false)).isFalse();
        assertThat(list.refusal()).isEqualTo(
                "The caller's roles do not allow GET /api/v1/customers (customer-list): it needs one of support-agent, admin");
        assertThat(ApiDocument.load().operation("order-payment-webhook").orElseThrow().allows(role -> false)).isTrue();
    }

    private static CurrentUser caller(String role) {
        return new CurrentUser("sub", "user", null, null, null, null, List.of(role), "client");
    }
}
