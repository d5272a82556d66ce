package io.oasis.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.oasis.common.contract.ApiOperation;
import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.testsupport.Keycloak;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who gets through: each operation's roles in the API document, and tokens the realm did not issue. */
class AccessTest extends GatewayTest {

    private static final String SOME_ID = "3f1c2a9e-5b7d-4c1e-9a2b-8d6e4f0a1b2c";

    @Autowired
    ApiContract contract;

    @BeforeEach
    void forget() {
        CUSTOMER_SERVICE.clear();
    }

    @Test
    void everyDocumentedOperationWithoutATokenIs401UnlessPublic() throws Exception {
        for (ApiOperation operation : contract.operations()) {
            // Any path parameter ({id}, a connector {name}) gets a value: the token is checked before the value.
            HttpResponse<String> response = send(request(operation.path().replaceAll("\\{[^}]+}", SOME_ID), ANONYMOUS)
                    .header("Content-Type", "application/json")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString("{}")));
            if (operation.open()) {
                assertThat(response.statusCode()).as(operation.key()).isNotEqualTo(401);
            } else {
                assertThat(response.statusCode()).as(operation.key()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(operation.key()).isPresent();
            }
        }
        assertThat(contract.operations().stream().filter(op -> !op.open())).isNotEmpty();
    }

    @Test
    void aWrongRoleIs403AndNeverReachesTheService() throws Exception {
        HttpResponse<String> response = get("/api/v1/customers", Keycloak.accessToken(DemoUser.CUSTOMER));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:oasis:problem:forbidden");
        assertThat(CUSTOMER_SERVICE.pending()).isZero();

        assertThat(get("/api/v1/customers/" + SOME_ID, Keycloak.accessToken(DemoUser.DESIGNER)).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/customers", Keycloak.accessToken(DemoUser.SUPPORT)).statusCode()).isEqualTo(200);
    }

    @Test
    void supportPlacesAndCancelsOrdersForACustomerButServiceAccountsThatReadAsSupportAgentsDoNot() throws Exception {
        String order = "{\"customerId\":\"" + SOME_ID + "\",\"currency\":\"EUR\","
                + "\"items\":[{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"quantity\":1,\"unitPrice\":9.50}]}";
        String cancel = "/api/v1/orders/" + SOME_ID + "/cancel";
        String support = Keycloak.accessToken(DemoUser.SUPPORT);

        assertThat(postJson("/api/v1/orders", support, order).statusCode()).isNotIn(401, 403);
        assertThat(CUSTOMER_SERVICE.next().uri()).endsWith("/api/v1/orders");
        assertThat(postJson(cancel, support, "{\"reason\":\"customer called\"}").statusCode()).isNotIn(401, 403);
        assertThat(CUSTOMER_SERVICE.next().uri()).endsWith(cancel);

        for (ServiceClient reader : List.of(ServiceClient.ORDER_SERVICE, ServiceClient.NOTIFICATION_SERVICE)) {
            String token = Keycloak.accessToken(reader);
            assertThat(postJson("/api/v1/orders", token, order).statusCode()).as(reader.clientId()).isEqualTo(403);
            assertThat(postJson(cancel, token, "{\"reason\":\"because\"}").statusCode()).as(reader.clientId())
                    .isEqualTo(403);
        }
        assertThat(CUSTOMER_SERVICE.pending()).isZero();
    }

    @Test
    void anExportIsForTheCustomerOrAnAdminAndTheServicesOwnPartsAreNotRouted() throws Exception {
        HttpResponse<String> support = get("/api/v1/customers/" + SOME_ID + "/export", Keycloak.accessToken(DemoUser.SUPPORT));
        HttpResponse<String> manager = get("/api/v1/customers/" + SOME_ID + "/export", Keycloak.accessToken(DemoUser.MANAGER));
        // Each service's part of an export is for the customer service, inside: the gateway has no route to it.
        HttpResponse<String> internal = get("/internal/privacy/customers/" + SOME_ID, Keycloak.accessToken(DemoUser.ADMIN));

        assertThat(support.statusCode()).isEqualTo(403);
        assertThat(manager.statusCode()).isEqualTo(403);
        assertThat(internal.statusCode()).isEqualTo(404);
        assertThat(CUSTOMER_SERVICE.pending()).isZero();
    }

    @Test
    void forgedTokensAre401() throws Exception {
        JWTClaimsSet claims = claimsLikeTheRealms();

        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(realmKey().getKeyID()).generate();
        SignedJWT otherKeySigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(), claims);
        otherKeySigned.sign(new RSASSASigner(otherKey));

        String unsigned = new PlainJWT(claims).serialize();

        SignedJWT hmacWithPublicKey = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmacWithPublicKey.sign(new MACSigner(realmKey().toRSAPublicKey().getEncoded()));

        for (String token : List.of(otherKeySigned.serialize(), unsigned, hmacWithPublicKey.serialize())) {
            HttpResponse<String> response = get("/api/v1/customers/me", token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("invalid_token"));
        }
        assertThat(CUSTOMER_SERVICE.pending()).isZero();
    }

    /** The claims of a real customer token, so that only the signature is wrong. */
    private JWTClaimsSet claimsLikeTheRealms() throws Exception {
        JWTClaimsSet real = SignedJWT.parse(Keycloak.accessToken(DemoUser.CUSTOMER)).getJWTClaimsSet();
        return new JWTClaimsSet.Builder(real)
                .claim("realm_access", Map.of("roles", List.of("admin", "customer")))
                .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .build();
    }

    private static RSAKey realmKey() throws Exception {
        JWKSet keys = JWKSet.load(URI.create(Keycloak.server().jwkSetUri()).toURL());
        return keys.getKeys().stream().filter(RSAKey.class::isInstance).map(RSAKey.class::cast)
                .filter(key -> "sig".equals(key.getKeyUse().identifier())).findFirst().orElseThrow();
    }
}
