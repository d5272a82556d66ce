package io.oasis.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.oasis.common.testapp.CommonTestApplication;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaExtension;
import io.oasis.testsupport.Postgres;
import io.oasis.testsupport.PostgresExtension;

/**
 * One Spring context for every test class of this module: real PostgreSQL, embedded Kafka, a random port, and
 * the Prometheus registry a service runs with.
 */
@SpringBootTest(classes = CommonTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Here rather than in application.yml: the imported oasis.yml would override that file.
        properties = {
            "oasis.security.public-paths=/api/v1/samples,/api/v1/samples/**,/no/**",
            "oasis.outbox.poll-interval=200ms",
            "oasis.consumer.maximum-redeliveries=2",
            "oasis.consumer.redelivery-delay=50",
            "oasis.consumer.maximum-redelivery-delay=200",
            "oasis.consumer.lock-max-age=60s",
            "oasis.consumer.lock-keep-alive=5s",
            "oasis.consumer.retried-until-handled=SampleMustComplete",
            "oasis.http.max-body-size=2KB",
            // Short bounds so the broker-outage test sees failures quickly.
            "camel.component.kafka.max-block-ms=2000",
            "camel.component.kafka.request-timeout-ms=2000",
            "camel.component.kafka.delivery-timeout-ms=4000" })
@AutoConfigureObservability(tracing = false)
@ExtendWith({ PostgresExtension.class, KafkaExtension.class })
public abstract class IntegrationTest {

    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
        Kafka.register(registry);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    /** Creates a sample through the test app's API and returns its id. */
    protected String createSample(String name, int quantity) throws Exception {
        HttpResponse<String> created = send(request("/api/v1/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"quantity\":" + quantity + "}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return (String) body(created).get("id");
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }
}
