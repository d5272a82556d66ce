package io.oasis.common.consumer;

import org.apache.camel.model.rest.RestParamType;

import io.oasis.common.error.Problem;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;

/**
 * The admin API of one service's dead letters, under {@code /api/v1/dead-letters/<service>}: list
 * ({@code <service>-dead-letter-list}), read ({@code <service>-dead-letter-get}) and replay
 * ({@code <service>-dead-letter-replay}); the operations are in the API document like any other. Each
 * service with event consumers registers one for its own database.
 */
public class DeadLetterRoutes extends ApiRouteBuilder {

    private final String service;

    /** @param service the service's name in the API document (x-oasis-service), e.g. {@code notification} */
    public DeadLetterRoutes(String service) {
        super(DeadLetterEndpoints.class);
        this.service = service;
    }

    @Override
    public void configure() {
        String list = service + "-dead-letter-list";
        String get = service + "-dead-letter-get";
        String replay = service + "-dead-letter-replay";
        rest("/api/v1/dead-letters/" + service).produces("application/json")
                .get().id(list).description("Records this service's consumers gave up on, newest first (admin)")
                    .outType(PageResponse.class)
                    .param().name("consumer").type(RestParamType.query).required(false).endParam()
                    .param().name("replayed").type(RestParamType.query).required(false).dataType("boolean").endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .responseMessage().code(400).message("Bad filter or paging").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .to("direct:" + list)
                .get("/{id}").id(get).description("One dead letter with its payload (admin)")
                    .outType(DeadLetter.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such dead letter").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .to("direct:" + get)
                .post("/{id}/replay").id(replay).description("Send the dead letter's event to its topic again, once (admin)")
                    .outType(DeadLetter.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such dead letter").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .responseMessage().code(409).message("Not an event").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .responseMessage().code(503).message("The broker did not take it").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .to("direct:" + replay);

        operation(list, "list");
        operation(get, "get");
        operation(replay, "replay");
    }
}
