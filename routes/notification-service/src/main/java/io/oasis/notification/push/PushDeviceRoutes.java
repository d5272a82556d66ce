package io.oasis.notification.push;

import io.oasis.common.error.Problem;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The devices customers receive push notifications on, under {@code /api/v1/notifications/devices}. Each
 * operation is one route, id {@code notification-device-<action>}, answered by {@link PushDeviceEndpoints}.
 */
@Component
public class PushDeviceRoutes extends ApiRouteBuilder {

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    public PushDeviceRoutes() {
        super(PushDeviceEndpoints.class);
    }

    @Override
    public void configure() {
        rest(PushDeviceEndpoints.BASE).description("Devices that receive a customer's push notifications")
                .consumes(JSON).produces(JSON)

                .post().id("notification-device-register")
                    .description("Register the caller's device token; the same token again is the same device")
                    .type(DeviceRegistration.class).outType(DeviceView.class)
                    .responseMessage().code(201).message("Registered; Location header").endResponseMessage()
                    .responseMessage().code(200).message("Already registered: the existing device").endResponseMessage()
                    .responseMessage().code(400).message("Invalid fields").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("The caller has no customer profile yet").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-device-register")

                .get().id("notification-device-list")
                    .description("The caller's devices, oldest first (support and admins: any customer's); tokens masked")
                    .outType(PageResponse.class)
                    .param().name("customerId").type(RestParamType.query).required(false).dataFormat("uuid")
                        .description("Required for support agents and admins").endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .to("direct:notification-device-list")

                .delete("/{id}").id("notification-device-delete").description("Remove one of the caller's devices")
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(204).message("Removed").endResponseMessage()
                    .responseMessage().code(404).message("No such device (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-device-delete");

        operation("notification-device-register", "register");
        operation("notification-device-list", "list");
        operation("notification-device-delete", "delete");
    }
}
