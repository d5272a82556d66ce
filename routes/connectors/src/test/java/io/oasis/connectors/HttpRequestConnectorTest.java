package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.testsupport.connector.ConnectorKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpRequestConnectorTest {

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("http-request")
            .configure("username", "shop")
            .configure("password", "test-only-password")
            .configure("token", "test-only-token")
            .configure("tokenUrl", ConnectorKit.WIREMOCK_URL + "/oauth/token")
            .configure("clientId", "oasis")
            .configure("clientSecret", "test-only-client-secret");

    @Test
    void postsTheBodyAndReturnsStatusAndAnswer() {
        kit.wiremock().stubFor(post("/crm/notes").willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));

        Map<String, Object> outputs = kit.call(Map.of("method", "POST", "authType", "none"),
                Map.of("url", kit.wiremockUrl() + "/crm/notes", "body", "{\"note\":\"hi\"}")).outputs();

        assertThat(outputs).containsEntry("responseStatus", 201).containsEntry("responseBody", "{\"id\":1}");
        kit.wiremock().verify(postRequestedFor(urlEqualTo("/crm/notes")).withRequestBody(equalTo("{\"note\":\"hi\"}"))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void basicAndBearerAuthentication() {
        kit.wiremock().stubFor(get("/api/me").willReturn(aResponse().withStatus(200).withBody("ok")));

        kit.call(Map.of("authType", "basic"), Map.of("url", kit.wiremockUrl() + "/api/me")).outputs();
        kit.call(Map.of("authType", "bearer"), Map.of("url", kit.wiremockUrl() + "/api/me")).outputs();

        kit.wiremock().verify(getRequestedFor(urlEqualTo("/api/me"))
                .withHeader("Authorization", equalTo("Basic c2hvcDp0ZXN0LW9ubHktcGFzc3dvcmQ=")));
        kit.wiremock().verify(getRequestedFor(urlEqualTo("/api/me"))
                .withHeader("Authorization", equalTo("Bearer test-only-token")));
    }

    @Test
    void oauth2ClientCredentialsFetchesTheTokenOnceAndReusesIt() {
        kit.wiremock().stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-1\",\"expires_in\":300,\"token_type\":\"Bearer\"}")));
        kit.wiremock().stubFor(get("/api/orders").willReturn(aResponse().withStatus(200).withBody("[]")));

        for (int i = 0; i < 3; i++) {
            kit.call(Map.of("authType", "oauth2", "scope", "orders"), Map.of("url", kit.wiremockUrl() + "/api/orders"))
                    .outputs();
        }

        kit.wiremock().verify(1, postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(equalTo("grant_type=client_credentials&scope=orders")));
        kit.wiremock().verify(3, getRequestedFor(urlEqualTo("/api/orders")).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void aDeclared4xxIsTheBpmnErrorHttpRejected() {
        kit.wiremock().stubFor(get("/api/orders/9").willReturn(aResponse().withStatus(404).withBody("no such order")));

        var error = kit.call(Map.of(), Map.of("url", kit.wiremockUrl() + "/api/orders/9")).bpmnError();

        assertThat(error.code()).isEqualTo("HttpRejected");
        assertThat(error.message()).contains("404").contains("no such order");
    }

    @Test
    void aServerErrorFailsTheCall() {
        kit.wiremock().stubFor(get("/api/orders").willReturn(aResponse().withStatus(500)));

        assertThat(kit.call(Map.of(), Map.of("url", kit.wiremockUrl() + "/api/orders")).failure())
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() {
        kit.wiremock().stubFor(get("/api/orders").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        assertThat(kit.call(Map.of(), Map.of("url", kit.wiremockUrl() + "/api/orders"), Duration.ofMillis(300))
                .failure()).hasMessageContaining("no answer within");
    }

    @Test
    void onlyHttpUrlsAreCalled() {
        assertThat(kit.call(Map.of(), Map.of("url", "file:/etc/passwd")).failure())
                .hasMessageContaining("must be an http or https URL");
    }
}
