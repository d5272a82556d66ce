package io.oasis.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.contract.ApiOperation;
import io.oasis.gateway.config.GatewayRequest;
import io.oasis.gateway.GatewayTest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The routes the gateway serves and the document it publishes are the same API. */
class ContractTest extends GatewayTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    CamelContext camel;

    @Autowired
    ApiContract contract;

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOperationIsServed() throws Exception {
        Set<String> served = camel.getRestRegistry().listAllRestServices().stream()
                .map(rest -> rest.getMethod().toUpperCase() + " "
                        + (rest.getBaseUrl() + Objects.toString(rest.getUriTemplate(), "")).replaceFirst("^\\w+://[^/]+", ""))
                .filter(key -> !key.equals("GET " + GatewayRequest.OPENAPI_PATH))
                .collect(Collectors.toCollection(TreeSet::new));

        JsonNode document = JSON.readTree(get(GatewayRequest.OPENAPI_PATH, ANONYMOUS).body());
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(field -> {
                    if (HTTP_METHODS.contains(field)) {
                        documented.add(field.toUpperCase() + " " + path.getKey());
                    }
                }));

        assertThat(documented).hasSizeGreaterThan(10);
        assertThat(served).isEqualTo(documented);
    }

    @Test
    void theCheckReadsTheMediaTypeHeadersAndEachOperationsHeaderParameters() {
        ApiOperation signedCallback = contract.operation("notification-twilio-status").orElseThrow();
        ApiOperation read = contract.operation("customer-me").orElseThrow();

        assertThat(contract.checkedHeaders(signedCallback)).containsExactly("Content-Type", "Accept", "X-Twilio-Signature");
        assertThat(contract.checkedHeaders(read)).containsExactly("Content-Type", "Accept");
    }

    @Test
    void theDocumentAndSwaggerUiArePublic() throws Exception {
        HttpResponse<String> document = get(GatewayRequest.OPENAPI_PATH, ANONYMOUS);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(document.body()).path("openapi").asText()).startsWith("3.");

        HttpResponse<String> page = get("/api/v1/docs/index.html", ANONYMOUS);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        assertThat(get("/api/v1/docs/swagger-initializer.js", ANONYMOUS).body()).contains("/api/v1/openapi.json");
        assertThat(get("/api/v1/docs/swagger-ui-bundle.js", ANONYMOUS).statusCode()).isEqualTo(200);
    }
}
