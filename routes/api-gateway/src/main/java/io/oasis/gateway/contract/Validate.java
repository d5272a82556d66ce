package io.oasis.gateway.contract;

import io.oasis.common.contract.ApiOperation;
import io.oasis.gateway.config.GatewayRequest;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step 4 of a request's path: the request, as the caller sent it, against its operation in the API
 * document (400 with the failing fields, 415 for a media type the operation does not take).
 */
public final class Validate implements Processor {

    private final ApiContract contract;

    public Validate(ApiContract contract) {
        this.contract = contract;
    }

    @Override
    public void process(Exchange exchange) {
        HttpServerRequest request = GatewayRequest.request(exchange);
        ApiOperation operation = exchange.getProperty(GatewayRequest.OPERATION, ApiOperation.class);
        contract.validate(operation, new ApiContract.ApiRequest(request.method().name(), request.path(),
                headers(request, contract.checkedHeaders(operation)), query(request.query()),
                GatewayRequest.body(exchange)));
    }

    /** The request's values of the named headers, those it has. */
    private static Map<String, List<String>> headers(HttpServerRequest request, List<String> names) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : names) {
            List<String> values = request.headers().getAll(name);
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        return headers;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
