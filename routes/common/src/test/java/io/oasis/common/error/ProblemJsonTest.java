package io.oasis.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.oasis.common.IntegrationTest;

/** Every error a caller can meet comes back as RFC 9457 problem+json with a stable type. */
class ProblemJsonTest extends IntegrationTest {

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return send(request("/api/v1/samples").header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
    }

    private Map<String, Object> problem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        Map<String, Object> problem = fields(response);
        assertThat(problem).containsEntry("type", "urn:oasis:problem:" + type).containsEntry("status", status)
                .containsKeys("title", "detail", "instance");
        assertThat(problem.get("correlationId")).isEqualTo(response.headers().firstValue("X-Correlation-Id").orElseThrow());
        return problem;
    }

    @Test
    void createdSampleIsNotAProblem() throws Exception {
        HttpResponse<String> response = post("{\"name\":\"ok\",\"quantity\":2}", "application/json");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(fields(response)).containsEntry("name", "ok");
    }

    @Test
    void beanValidationListsEveryBadField() throws Exception {
        Map<String, Object> problem = problem(post("{\"name\":\"\",\"quantity\":11}", "application/json"), 400,
                "validation");
        assertThat(problem.get("instance")).isEqualTo("/api/v1/samples");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("name", "quantity");
        assertThat(errors).allSatisfy(e -> assertThat(e.get("message")).isNotBlank());
    }

    @Test
    void jsonErrorsNameTheField() throws Exception {
        assertThat(problem(post("{\"name\":\"a\",\"quantity\":1,\"colour\":\"red\"}", "application/json"), 400,
                "validation").get("errors")).isEqualTo(List.of(Map.of("field", "colour", "message", "unknown property")));
        assertThat(problem(post("{\"name\":\"a\",\"quantity\":\"many\"}", "application/json"), 400, "validation")
                .get("errors")).isEqualTo(List.of(Map.of("field", "quantity", "message", "must be a valid number")));
        assertThat(problem(post("{\"name\":", "application/json"), 400, "validation").get("errors"))
                .isEqualTo(List.of(Map.of("field", "$", "message", "malformed JSON")));
    }

    @Test
    void notFoundFromARouteAndFromAnUnknownPath() throws Exception {
        Map<String, Object> fromRoute = problem(send(request("/api/v1/samples/" + java.util.UUID.randomUUID())), 404,
                "not-found");
        assertThat((String) fromRoute.get("detail")).startsWith("No sample ");
        Map<String, Object> unknown = problem(send(request("/no/such/path")), 404, "not-found");
        assertThat(unknown.get("instance")).isEqualTo("/no/such/path");
    }

    @Test
    void wrongMethodIsAProblemToo() throws Exception {
        problem(send(request("/api/v1/samples").DELETE()), 405, "method-not-allowed");
    }

    @Test
    void conflict() throws Exception {
        problem(post("{\"name\":\"taken\",\"quantity\":1}", "application/json"), 409, "conflict");
    }

    @Test
    void staleETagIsPreconditionFailed() throws Exception {
        String id = (String) fields(post("{\"name\":\"etag\",\"quantity\":1}", "application/json")).get("id");
        problem(send(request("/api/v1/samples/" + id + "/name").header("If-Match", "\"7\"")
                .PUT(BodyPublishers.ofString("renamed"))), 412, "precondition-failed");
        HttpResponse<String> ok = send(request("/api/v1/samples/" + id + "/name").header("If-Match", "\"1\"")
                .PUT(BodyPublishers.ofString("renamed")));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void nonJsonBodyIsUnsupportedMediaType() throws Exception {
        problem(post("name=a", "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
        problem(post("<sample/>", "application/xml"), 415, "unsupported-media-type");
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(4096) + "\",\"quantity\":1}";
        problem(post(big, "application/json"), 413, "payload-too-large");
        // Without a Content-Length (chunked) the limit still holds while the body is read.
        HttpResponse<String> chunked = send(request("/api/v1/samples").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))));
        problem(chunked, 413, "payload-too-large");
    }

    @Test
    void unexpectedErrorShowsOnlyTheCorrelationId() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/samples/fail").header("X-Correlation-Id", "boom-42"));
        Map<String, Object> problem = problem(response, 500, "internal");
        assertThat(problem.get("correlationId")).isEqualTo("boom-42");
        assertThat((String) problem.get("detail")).contains("boom-42");
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "at io.oasis", "trace");
    }
}
