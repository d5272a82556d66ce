package io.oasis.order.workflow;

import io.oasis.common.error.Problem;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** The workflows API under {@code /api/v1/workflows}: one route per operation, id {@code workflow-<action>}. */
@Component
public class WorkflowRoutes extends ApiRouteBuilder {

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String REFUSED = "Not a process designer or admin";

    public WorkflowRoutes() {
        super(WorkflowEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/api/v1").description("Deployed processes and decisions, and moving running instances between versions")
                .consumes(JSON).produces(JSON)

                .get("/workflows").id("workflow-list")
                    .description("Each process and decision key: latest version, its deployment, warnings, instances and incidents per version")
                    .outType(PageResponse.class)
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .responseMessage().code(403).message(REFUSED).contentType(PROBLEM).endResponseMessage()
                    .to("direct:workflow-list")

                .get("/workflows/{key}/versions/{version}").id("workflow-version-get")
                    .description("One version, its instances per activity, and its BPMN or DMN XML")
                    .outType(WorkflowVersionView.class)
                    .param().name("key").type(RestParamType.path).endParam()
                    .param().name("version").type(RestParamType.path).dataType("integer").endParam()
                    .responseMessage().code(403).message(REFUSED).contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(404).message("No such key or version").contentType(PROBLEM).endResponseMessage()
                    .to("direct:workflow-version-get")

                .post("/workflows/{key}/migrations").id("workflow-migrate")
                    .description("Move running instances from one version to another; failed jobs get their retries back")
                    .type(MigrationRequest.class).outType(MigrationResult.class)
                    .param().name("key").type(RestParamType.path).endParam()
                    .param().name(IdempotencyKeys.HEADER).type(RestParamType.header).required(false)
                        .description("Repeat a migration safely: the same key and body replay the first answer").endParam()
                    .responseMessage().code(400).message("Invalid body, same version twice, or an activity the source lacks").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(403).message(REFUSED).contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(404).message("No such process or version").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("The engine cannot map the versions; or the key was reused with another body").contentType(PROBLEM).endResponseMessage()
                    .to("direct:workflow-migrate");

        operation("workflow-list", "list");
        operation("workflow-version-get", "version");
        operation("workflow-migrate", "migrate");
    }
}
