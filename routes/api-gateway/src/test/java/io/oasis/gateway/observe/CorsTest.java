package io.oasis.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.gateway.GatewayTest;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Browsers: only the configured origins (https://shop.example.com in the tests) may call the API. */
class CorsTest extends GatewayTest {

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() throws Exception {
        HttpResponse<String> response = send(preflight("https://shop.example.com"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("PATCH"));
    }

    @Test
    void anotherOriginIsRefused() throws Exception {
        HttpResponse<String> response = send(preflight("https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aCrossOriginCallGetsTheAnswerWithTheExposedHeaders() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/customers/me", Keycloak.accessToken(DemoUser.CUSTOMER))
                .header("Origin", "https://shop.example.com"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("RateLimit", "Retry-After", "X-Correlation-Id"));
    }

    @Test
    void aSameOriginAnswerSaysItVariesWithTheOrigin() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/customers/me", Keycloak.accessToken(DemoUser.CUSTOMER)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().allValues("Vary")).contains("Origin", "Access-Control-Request-Method",
                "Access-Control-Request-Headers");
    }

    private HttpRequest.Builder preflight(String origin) {
        return request("/api/v1/customers/me", ANONYMOUS)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }
}
