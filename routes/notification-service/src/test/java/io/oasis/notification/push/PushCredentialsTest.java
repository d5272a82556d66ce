package io.oasis.notification.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.oasis.notification.delivery.DeliveryException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push access tokens minted from a service-account key, against WireMock as the provider's token endpoint. */
class PushCredentialsTest {

    private static final WireMockServer TOKEN_ENDPOINT = started();
    private static final ServiceAccountKey KEY = ServiceAccountKey.generate("oasis-push-test");

    private final String tokenUri = TOKEN_ENDPOINT.baseUrl() + "/token";

    @AfterAll
    static void stop() {
        TOKEN_ENDPOINT.stop();
    }

    @BeforeEach
    void reset() {
        TOKEN_ENDPOINT.resetAll();
    }

    @Test
    void mintsATokenWithASignedJwtBearerGrantAndKeepsItUntilShortlyBeforeItExpires() throws Exception {
        tokenEndpointAnswers("minted-1", 3600);
        PushCredentials credentials = new PushCredentials(settings(KEY.json(tokenUri), null, null));

        assertThat(credentials.problem()).isEmpty();
        assertThat(credentials.accessToken()).isEqualTo("minted-1");
        assertThat(credentials.accessToken()).isEqualTo("minted-1");

        List<LoggedRequest> grants = TOKEN_ENDPOINT.findAll(postRequestedFor(urlEqualTo("/token")));
        assertThat(grants).as("one grant for both pushes").hasSize(1);
        Map<String, String> form = form(grants.get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(assertion.verify(new RSASSAVerifier(KEY.publicKey()))).as("signed with the key").isTrue();
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(KEY.clientEmail());
        // Sent to the key's token_uri; addressed, as Google's grant requires, to Google's token service.
        assertThat(claims.getAudience()).containsExactly("https://oauth2.googleapis.com/token");
        assertThat(claims.getStringClaim("scope")).isEqualTo(PushCredentials.SCOPE);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isLessThanOrEqualTo(Duration.ofHours(1));
    }

    @Test
    void mintsAnotherOnceTheTokenIsAboutToExpire() {
        tokenEndpointAnswers("short-lived", 60);
        PushCredentials credentials = new PushCredentials(settings(KEY.json(tokenUri), null, null));

        credentials.accessToken();
        credentials.accessToken();

        assertThat(TOKEN_ENDPOINT.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2);
    }

    @Test
    void aTokenEndpointThatFailsIsATransientFailure() {
        TOKEN_ENDPOINT.stubFor(post("/token").willReturn(aResponse().withStatus(503)));
        PushCredentials credentials = new PushCredentials(settings(KEY.json(tokenUri), null, null));

        assertThatThrownBy(credentials::accessToken).isInstanceOfSatisfying(DeliveryException.class,
                failure -> assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.TRANSIENT));
    }

    @Test
    void theKeyComesFromAMountedFileAndNamesTheProjectUnlessOneIsSet(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("push-key.json");
        Files.writeString(file, KEY.json(tokenUri));
        tokenEndpointAnswers("from-file", 3600);

        PushCredentials fromFile = new PushCredentials(settings(null, file.toString(), null));
        assertThat(fromFile.projectId()).isEqualTo("oasis-push-test");
        assertThat(fromFile.accessToken()).isEqualTo("from-file");
        assertThat(new PushCredentials(settings(null, file.toString(), "other-project")).projectId())
                .isEqualTo("other-project");
    }

    @Test
    void withoutAKeyOrWithABadOneEveryPushSaysWhy() {
        assertThat(new PushCredentials(settings(null, null, null)).problem()).hasValueSatisfying(
                problem -> assertThat(problem).contains("NOTIFICATION_PUSH_SERVICE_ACCOUNT"));
        assertThat(new PushCredentials(settings("{\"type\":\"service_account\"}", null, null)).problem())
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("the push service-account key cannot be read"));
        assertThat(new PushCredentials(settings(null, "/no/such/key.json", null)).problem()).isPresent();
    }

    private static PushSettings settings(String serviceAccount, String file, String projectId) {
        return new PushSettings("https://push.example.test", projectId, serviceAccount, file, null, null);
    }

    private static void tokenEndpointAnswers(String token, int expiresIn) {
        TOKEN_ENDPOINT.stubFor(post("/token").willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}")));
    }

    private static Map<String, String> form(String body) {
        return java.util.Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }
}
