package io.oasis.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer a caller gets for each kind of failure: status, headers and body from one place. */
class ProblemWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProblemWriter writer = new ProblemWriter(JSON);

    @Test
    void aSpentBudgetIs429WithRetryAfterAndTheBudgetsHeaders() throws Exception {
        ProblemWriter.Answer answer = writer.answer(new TooManyRequestsException("Slow down.", 7,
                Map.of("RateLimit", "limit=10, remaining=0, reset=7")), "/api/v1/orders", "corr-1");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.headers()).containsEntry("Retry-After", "7")
                .containsEntry("RateLimit", "limit=10, remaining=0, reset=7")
                .containsEntry("Content-Type", "application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("type").asText()).isEqualTo("urn:oasis:problem:http-429");
        assertThat(body.path("title").asText()).isEqualTo("Too many requests");
        assertThat(body.path("status").asInt()).isEqualTo(429);
        assertThat(body.path("detail").asText()).isEqualTo("Slow down.");
        assertThat(body.path("instance").asText()).isEqualTo("/api/v1/orders");
        assertThat(body.path("correlationId").asText()).isEqualTo("corr-1");
    }

    @Test
    void aMissingTokenIs401WithItsChallenge() throws Exception {
        ProblemWriter.Answer answer = writer.answer(new UnauthorizedException("A bearer token is required",
                "Bearer realm=\"oasis\""), "/api/v1/me", "corr-2");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"oasis\"");
        assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo("urn:oasis:problem:unauthorized");
    }

    @Test
    void aWrappedProblemKeepsItsStatusAndHeaders() throws Exception {
        Exception wrapped = new UncheckedIOException(null, new java.io.IOException(
                new ServiceUnavailableException("Service busy", "Retry shortly.", 1)));

        ProblemWriter.Answer answer = writer.answer(wrapped, "/api/v1/customers", "corr-3");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsEntry("Retry-After", "1");
        assertThat(JSON.readTree(answer.body()).path("title").asText()).isEqualTo("Service busy");
    }

    @Test
    void anUnknownFailureIs500WithoutItsMessageOrHeaders() throws Exception {
        ProblemWriter.Answer answer = writer.answer(new IllegalStateException("database password is x"), "/x", "corr-4");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.headers()).containsOnlyKeys("Content-Type");
        assertThat(new String(answer.body())).doesNotContain("password").contains("corr-4");
    }
}
