package io.oasis.order.connector;

import io.oasis.common.error.Problem;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** The connector catalog under {@code /api/v1/connectors}: one route per operation, id {@code connector-<action>}. */
@Component
public class ConnectorRoutes extends ApiRouteBuilder {

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    public ConnectorRoutes() {
        super(ConnectorEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/api/v1").description("The connector catalog: what BPMN tasks can call")
                .produces(JSON)

                .get("/connectors").id("connector-list")
                    .description("Every loaded connector: properties (secrets by name only), inputs, outputs, BPMN errors, where it is used")
                    .outType(ConnectorView[].class)
                    .responseMessage().code(403).message("Not a process designer, integration client or admin").contentType(PROBLEM).endResponseMessage()
                    .to("direct:connector-list")

                .get("/connectors/element-templates").id("connector-element-templates")
                    .description("Camunda Modeler element templates (Camunda 7), one per connector")
                    .responseMessage().code(403).message("Not a process designer, integration client or admin").contentType(PROBLEM).endResponseMessage()
                    .to("direct:connector-element-templates")

                .get("/connectors/{name}").id("connector-get")
                    .description("One connector, with its recent health")
                    .outType(ConnectorView.class)
                    .param().name("name").type(RestParamType.path).endParam()
                    .responseMessage().code(404).message("No such connector is loaded").contentType(PROBLEM).endResponseMessage()
                    .to("direct:connector-get");

        operation("connector-list", "list");
        operation("connector-element-templates", "elementTemplates");
        operation("connector-get", "get");
    }
}
