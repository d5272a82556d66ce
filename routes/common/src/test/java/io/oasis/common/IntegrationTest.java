package io.oasis.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.oasis.common.testapp.CommonTestApplication;
import io.oasis.testsupport.RealParts;
import io.oasis.testsupport.RealParts.Part;
import io.oasis.testsupport.ServiceTest;

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
@RealParts({ Part.POSTGRES, Part.KAFKA })
public abstract class IntegrationTest extends ServiceTest {

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;

    /** Creates a sample through the test app's API and returns its id. */
    protected String createSample(String name, int quantity) throws Exception {
        HttpResponse<String> created = send(request("/api/v1/samples").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"quantity\":" + quantity + "}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return (String) fields(created).get("id");
    }

    /** The answer's JSON object as a map, for comparing fields with plain values. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> fields(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }
}
