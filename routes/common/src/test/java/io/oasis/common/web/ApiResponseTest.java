package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.IntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A REST operation's answer, and a problem, go out whole, with their length: no chunked encoding. */
class ApiResponseTest extends IntegrationTest {

    @Test
    void answersCarryTheirContentLength() throws Exception {
        String id = createSample("sized", 4);

        HttpResponse<String> read = send(request("/api/v1/samples/" + id).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read)).containsEntry("name", "sized");
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
