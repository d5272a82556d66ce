package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every answer of a REST route (an ApiResponse, a marshalled body, a problem) goes out whole, with its length. */
class ApiResponseTest extends IntegrationTest {

    @Test
    void answersCarryTheirContentLength() throws Exception {
        HttpResponse<String> created = send(request("/api/v1/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"sized\",\"quantity\":4}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertSized(created);
        String id = (String) fields(created).get("id");

        HttpResponse<String> read = send(request("/api/v1/samples/" + id).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(fields(read)).containsEntry("name", "sized");
        assertSized(read);

        HttpResponse<String> missing = send(request("/api/v1/samples/no-such-sample").GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertSized(missing);
    }

    private static void assertSized(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
    }
}
