package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.IntegrationTest;
import io.oasis.common.testapp.Gathering;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A service's REST routes serve as many requests at once as Tomcat has threads, not a fixed few. */
class ConcurrentRequestsTest extends IntegrationTest {

    @Autowired
    Gathering gathering;

    @Test
    void moreRequestsThanTheStockEnginesEightThreadsAreInProgressAtOnce() throws Exception {
        int callers = 12;
        gathering.expect(callers);

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, callers)
                .mapToObj(i -> HTTP.sendAsync(request("/api/v1/samples/gather").GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(callers + " together");
        }
    }
}
