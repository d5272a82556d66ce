package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Closed by default in the services too: an operation route needs its operation, with roles, in the API document. */
class ApiRouteBuilderTest {

    @Test
    void aRouteWithoutADocumentedOperationStopsTheService() {
        ApiRouteBuilder routes = new ApiRouteBuilder(Object.class) {
            @Override
            public void configure() {
                operation("customer-undocumented", "answer");
            }
        };
        routes.setCamelContext(new DefaultCamelContext());

        assertThatThrownBy(routes::configure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Route customer-undocumented has no operation of that id in openapi/oasis-api.yaml");
    }
}
