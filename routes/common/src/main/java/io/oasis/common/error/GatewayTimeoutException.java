package io.oasis.common.error;

import java.util.Map;

/** 504: a service the request depends on did not answer in time. */
public class GatewayTimeoutException extends ProblemException {

    public GatewayTimeoutException(String detail) {
        super(504, "Gateway timeout", detail, Map.of());
    }
}
