package io.oasis.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.gateway.GatewayTest;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** What the public port does for every request, before and around the operations. */
class FrontDoorTest extends GatewayTest {


    private String support;

    @BeforeEach
    void setUp() {
        CUSTOMER_SERVICE.clear();
        support = Keycloak.accessToken(DemoUser.SUPPORT);
    }

    @Test
    void aPathAServiceCouldReadOtherwiseIsRefusedBeforeAnyOperation() throws Exception {
        for (String path : List.of("/api/v1/customers/a%2Fb", "/api/v1/customers/%2e%2e/me",
                "/api/v1/customers/x;jsessionid=1", "/api/v1//customers", "/api/v1/customers/a%5cb",
                "/api/v1/customers/%252e")) {
            HttpResponse<String> response = get(path, support);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        }
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the service").isZero();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndTheCorrelationId() throws Exception {
        HttpResponse<String> proxied = send(request("/api/v1/customers/me", Keycloak.accessToken(DemoUser.CUSTOMER))
                .header("X-Correlation-Id", "corr-front-1").GET());
        HttpResponse<String> unknown = get("/api/v1/nothing-here", support);

        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(proxied.headers().allValues("X-Correlation-Id")).containsExactly("corr-front-1");
        JsonNode problem = JSON.readTree(unknown.body());
        assertThat(unknown.headers().firstValue("X-Correlation-Id")).hasValue(problem.path("correlationId").asText());
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/nothing-here");
        for (HttpResponse<String> response : List.of(proxied, unknown)) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
        // The gateway's own answers are not to be stored; a service's answer keeps its own caching policy.
        assertThat(unknown.headers().allValues("Cache-Control")).containsExactly("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(proxied.headers().allValues("Cache-Control")).containsExactly("private, max-age=60");
    }

    @Test
    void theOperationsAreOnThePublicPortOnly(@Autowired ApplicationContext context) throws Exception {
        // Spring MVC's platform-http mapping would try to take each operation too, failing (and logging) for each.
        assertThat(context.getBeanNamesForType(CamelRequestHandlerMapping.class)).isEmpty();
        assertThat(getManagement("/api/v1/customers/me", Keycloak.accessToken(DemoUser.CUSTOMER)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"email\":\"" + "a".repeat(8 * 1024) + "@example.com\"}").getBytes();
        HttpResponse<String> response = send(request("/api/v1/customers", Keycloak.accessToken(DemoUser.ADMIN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:oasis:problem:payload-too-large");
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the service").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x"})
    void aGetWithAFormContentTypeIs415AndNoFailure(String contentType) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        HttpResponse<String> response;
        try {
            response = send(request("/api/v1/customers/me", Keycloak.accessToken(DemoUser.CUSTOMER))
                    .header("Content-Type", contentType).GET());
        } finally {
            root.detachAppender(log);
        }

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("type").asText())
                .isEqualTo("urn:oasis:problem:unsupported-media-type");
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the service").isZero();
        assertThat(log.list).as("no failure in the log").noneMatch(
                event -> event.getThrowableProxy() != null || event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void theManagementPortsInfoNamesNoVersions() throws Exception {
        HttpResponse<String> info = getManagement("/actuator/info", Keycloak.accessToken(DemoUser.ADMIN));

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).doesNotContainIgnoringCase("camel").doesNotContain("version");
    }
}
