package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the service receives through the gateway, and what the caller gets back. */
class ProxyTest extends GatewayTest {

    @BeforeEach
    void forgetEarlierRequests() {
        CUSTOMER_SERVICE.clear();
    }

    @Test
    void pathQueryTokenAndCorrelationReachTheServiceAndItsAnswerComesBackAsIs() throws Exception {
        String token = Keycloak.accessToken(DemoUser.SUPPORT);
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        HttpResponse<String> response = send(request("/api/v1/customers?name=Ada%20L&status=active&page=1", token)
                .header("X-Correlation-Id", "corr-proxy-1")
                .header("traceparent", traceparent)
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"echo\":\"GET\"}");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"7\"");
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("stub");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Proxy-Authenticate")).isEmpty();
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-proxy-1");
        // Only the service's answer comes back, never the request's own headers (the token least of all).
        assertThat(response.headers().firstValue("Authorization")).isEmpty();
        assertThat(response.headers().firstValue("X-Forwarded-For")).isEmpty();
        assertThat(response.headers().firstValue("Accept")).isEmpty();

        StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
        assertThat(forwarded.method()).isEqualTo("GET");
        assertThat(forwarded.uri()).isEqualTo("/api/v1/customers?name=Ada%20L&status=active&page=1");
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(forwarded.header("X-Correlation-Id")).isEqualTo("corr-proxy-1");
        assertThat(forwarded.header("traceparent")).isEqualTo(traceparent);
        // Query parameters stay in the query: none of them turns into a header.
        assertThat(forwarded.header("name")).isNull();
        assertThat(forwarded.header("status")).isNull();
    }

    @Test
    void cachingHeadersPassThroughBothWays() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/customers/" + UUID.randomUUID(),
                Keycloak.accessToken(DemoUser.SUPPORT))
                .header("Cache-Control", "no-cache")
                .header("If-None-Match", "\"6\"")
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        // The service's caching policy for its answer, not one the gateway makes up.
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("private, max-age=60");
        StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
        assertThat(forwarded.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(forwarded.header("If-None-Match")).isEqualTo("\"6\"");
    }

    @Test
    void aBodyIsForwardedWithItsContentTypeAndTheCreatedStatusComesBack() throws Exception {
        String body = "{\"email\":\"ada@example.com\",\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"}";

        HttpResponse<String> response = send(request("/api/v1/customers", Keycloak.accessToken(DemoUser.ADMIN))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(201);
        StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.body()).isEqualTo(body);
        assertThat(forwarded.header("Content-Type")).startsWith("application/json");
        assertThat(forwarded.header("Idempotency-Key")).isEqualTo("key-1");
    }

    @Test
    void aProblemFromTheServicePassesThrough() throws Exception {
        HttpResponse<String> response = get("/api/v1/customers/" + StubService.MISSING_ID,
                Keycloak.accessToken(DemoUser.CUSTOMER));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:oasis:problem:not-found");
    }

    @Test
    void forwardingHeadersFromTheCallerAreReplacedAndHopByHopHeadersDropped() throws Exception {
        String token = Keycloak.accessToken(DemoUser.CUSTOMER);
        String id = UUID.randomUUID().toString();
        // Raw HTTP, because Java's client refuses to send most of these headers.
        String request = "GET /api/v1/customers/" + id + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "X-Forwarded-For: 203.0.113.9\r\n"
                + "X-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Proto: https\r\n"
                + "Forwarded: for=203.0.113.9\r\n"
                + "X-Real-IP: 203.0.113.9\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "X-Drop-Me: listed in Connection\r\n"
                + "Connection: close, X-Drop-Me\r\n"
                + "\r\n";
        String status = raw(request);

        assertThat(status).isEqualTo("HTTP/1.1 200 ");
        StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
        assertThat(forwarded.uri()).isEqualTo("/api/v1/customers/" + id);
        assertThat(forwarded.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(forwarded.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
        assertThat(forwarded.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(forwarded.header("Forwarded")).isNull();
        assertThat(forwarded.header("X-Real-IP")).isNull();
        assertThat(forwarded.header("Proxy-Authorization")).isNull();
        assertThat(forwarded.header("X-Drop-Me")).isNull();
    }

    @Test
    void encodedLineBreaksInTheQueryCannotAddHeaders() throws Exception {
        HttpResponse<String> response = get("/api/v1/customers?name=x%0d%0aX-Injected:%20yes",
                Keycloak.accessToken(DemoUser.SUPPORT));

        assertThat(response.statusCode()).isEqualTo(200);
        StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
        assertThat(forwarded.header("X-Injected")).isNull();
        assertThat(forwarded.uri()).isEqualTo("/api/v1/customers?name=x%0d%0aX-Injected:%20yes");
    }

    @Test
    void aBareLineFeedInAHeaderDoesNotSmuggleAForwardedFor() throws Exception {
        String request = "GET /api/v1/customers/" + UUID.randomUUID() + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + Keycloak.accessToken(DemoUser.CUSTOMER) + "\r\n"
                + "X-Note: a\nX-Forwarded-For: 203.0.113.9\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        String status = raw(request);

        if (status.startsWith("HTTP/1.1 200")) {
            assertThat(CUSTOMER_SERVICE.next().header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        } else {
            assertThat(status).startsWith("HTTP/1.1 400");
            assertThat(CUSTOMER_SERVICE.pending()).isZero();
        }
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String statusLine = in.readLine();
            return statusLine.substring(0, Math.min(statusLine.length(), 13));
        }
    }

    @Test
    void anEmailConfirmationIsForTheCustomerAndAdminsAndTakesOnlyAnEightDigitCode() throws Exception {
        String path = "/api/v1/customers/" + UUID.randomUUID() + "/email-confirmation";

        HttpResponse<String> bySupport = confirm(path, DemoUser.SUPPORT, "12345678");
        HttpResponse<String> notACode = confirm(path, DemoUser.CUSTOMER, "12ab");

        assertThat(bySupport.statusCode()).isEqualTo(403);
        assertThat(notACode.statusCode()).isEqualTo(400);
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the service").isZero();

        HttpResponse<String> byCustomer = confirm(path, DemoUser.CUSTOMER, "12345678");
        assertThat(byCustomer.statusCode()).as("the stand-in service's answer to a POST").isEqualTo(201);
        assertThat(CUSTOMER_SERVICE.next().uri()).isEqualTo(path);
    }

    private HttpResponse<String> confirm(String path, DemoUser user, String code) throws Exception {
        return postJson(path, user, "{\"code\":\"" + code + "\"}");
    }
}
