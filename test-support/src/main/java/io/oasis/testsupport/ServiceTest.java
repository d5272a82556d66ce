package io.oasis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service under test called over HTTP as its users call it: requests with a demo user's, a service
 * client's or any bearer token (real Keycloak tokens, see {@link Keycloak}), JSON bodies, and the
 * problem+json answers. A module's Spring Boot test base extends this and names its {@link RealParts}; its
 * test classes extend that base, so they share one Spring context.
 */
public abstract class ServiceTest {

    /** No bearer token: {@code get(path, ANONYMOUS)}. */
    protected static final String ANONYMOUS = null;
    protected static final String PROBLEM_JSON = "application/problem+json";

    // HTTP/1.1 for the reason Tokens gives: Keycloak's endpoints take the JDK client's h2c upgrade badly.
    protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    protected static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The service's HTTP port (a random one). */
    @LocalServerPort
    protected int port;

    /** Where {@link #request(String, String)} sends paths: the service's port on loopback. */
    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A request to the service without a token. */
    protected HttpRequest.Builder request(String path) {
        return request(path, ANONYMOUS);
    }

    /** A request to the service, with the bearer token unless it is {@link #ANONYMOUS}. */
    protected HttpRequest.Builder request(String path, String bearerToken) {
        return requestTo(baseUrl() + path, bearerToken);
    }

    /** A request as a demo user (a fresh access token), or anonymous for {@code null}. */
    protected HttpRequest.Builder request(String path, DemoUser user) {
        return request(path, user == null ? ANONYMOUS : Keycloak.accessToken(user));
    }

    /** A request as a service client's account. */
    protected HttpRequest.Builder request(String path, ServiceClient client) {
        return request(path, Keycloak.accessToken(client));
    }

    /** A request to any URL (another service, another port), with the bearer token unless it is null. */
    protected static HttpRequest.Builder requestTo(String url, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        return bearerToken == null ? request : request.header("Authorization", "Bearer " + bearerToken);
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same, without waiting for the answer. */
    protected static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        return send(request(path, bearerToken).GET());
    }

    protected HttpResponse<String> get(String path, DemoUser user) throws IOException, InterruptedException {
        return send(request(path, user).GET());
    }

    protected HttpResponse<String> postJson(String path, String bearerToken, String body)
            throws IOException, InterruptedException {
        return send(withJson(request(path, bearerToken), "POST", body));
    }

    protected HttpResponse<String> postJson(String path, DemoUser user, String body)
            throws IOException, InterruptedException {
        return send(withJson(request(path, user), "POST", body));
    }

    protected HttpResponse<String> postJson(String path, ServiceClient client, String body)
            throws IOException, InterruptedException {
        return send(withJson(request(path, client), "POST", body));
    }

    /** PUT of a JSON body, with {@code If-Match} unless it is null. */
    protected HttpResponse<String> putJson(String path, DemoUser user, String body, String ifMatch)
            throws IOException, InterruptedException {
        return send(ifMatch(withJson(request(path, user), "PUT", body), ifMatch));
    }

    /** A JSON merge patch (RFC 7396), with {@code If-Match} unless it is null. */
    protected HttpResponse<String> patch(String path, DemoUser user, String body, String ifMatch)
            throws IOException, InterruptedException {
        return send(ifMatch(request(path, user).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), ifMatch));
    }

    /** Any method, with a JSON body unless it is null. */
    protected HttpResponse<String> send(String method, String path, String bearerToken, String body)
            throws IOException, InterruptedException {
        return send(withJson(request(path, bearerToken), method, body));
    }

    /** Sets the method and, unless {@code body} is null, the JSON body and its content type. */
    protected static HttpRequest.Builder withJson(HttpRequest.Builder request, String method, String body) {
        return body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    /** The answer's JSON body. */
    protected static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /**
     * Asserts a problem+json answer (RFC 9457) with this status, in the header and in the problem's
     * {@code status}, and returns the problem.
     */
    protected static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = body(response);
        assertThat(problem.get("status")).as("the problem's status").isEqualTo(IntNode.valueOf(status));
        return problem;
    }

    /** The claims of a JWT (its payload, not checked: the service under test checks it). */
    protected static JsonNode claims(String token) {
        return readJson(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** The Keycloak subject ({@code sub}) of a demo user, read from a real access token. */
    protected static String subjectOf(DemoUser user) {
        return claims(Keycloak.accessToken(user)).path("sub").asText();
    }

    private static HttpRequest.Builder ifMatch(HttpRequest.Builder request, String ifMatch) {
        return ifMatch == null ? request : request.header("If-Match", ifMatch);
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
