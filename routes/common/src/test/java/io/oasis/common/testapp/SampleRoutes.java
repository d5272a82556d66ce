package io.oasis.common.testapp;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

import io.oasis.common.web.JsonBody;
import io.oasis.common.error.ProblemJsonRouteConfiguration;
import io.oasis.common.web.ApiResponse;

/** A REST DSL API like the services' ones, using the shared problem-json route configuration. */
@Component
public class SampleRoutes extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        rest("/api/v1/samples")
                .post().consumes("application/json").to("direct:sample-create")
                .get("/{id}").to("direct:sample-get")
                .put("/{id}/name").to("direct:sample-rename")
                .get("/fail").to("direct:sample-fail")
                .get("/gather").to("direct:sample-gather");

        from("direct:sample-create").routeId("sample-create").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .process(JsonBody.of(NewSample.class))
                .bean(SampleService.class, "create")
                .marshal().json()
                .setHeader("CamelHttpResponseCode", constant(201));

        from("direct:sample-get").routeId("sample-get").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .bean(SampleService.class, "get(${header.id})")
                .setBody(exchange -> ApiResponse.ok(exchange.getMessage().getBody()))
                .process(ApiResponse.WRITE);

        from("direct:sample-rename").routeId("sample-rename").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .bean(SampleService.class, "rename")
                .marshal().json();

        from("direct:sample-gather").routeId("sample-gather")
                .bean(Gathering.class, "meet");

        from("direct:sample-fail").routeId("sample-fail").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .bean(SampleService.class, "fail");
    }
}
