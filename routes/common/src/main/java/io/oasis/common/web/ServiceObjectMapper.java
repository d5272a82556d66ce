package io.oasis.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;

/**
 * The service's own Jackson mapper (Spring Boot's, with its modules and settings), as request and
 * response handling on the hot path reads it: found by type once per Camel context, then kept
 * under a name in Camel's registry so later look-ups are a map read rather than a search of every
 * bean. Request bodies are read with its strict copy ({@link #forRequests}).
 */
public final class ServiceObjectMapper {

    private static final String NAME = "oasisServiceObjectMapper";
    private static final String REQUESTS = "oasisRequestObjectMapper";

    private ServiceObjectMapper() {
    }

    public static ObjectMapper of(CamelContext context) {
        ObjectMapper mapper = context.getRegistry().lookupByNameAndType(NAME, ObjectMapper.class);
        if (mapper == null) {
            mapper = context.getRegistry().findSingleByType(ObjectMapper.class);
            if (mapper == null) {
                mapper = new ObjectMapper().findAndRegisterModules();
            }
            context.getRegistry().bind(NAME, ObjectMapper.class, mapper);
        }
        return mapper;
    }

    /** The service's mapper configured to read request bodies strictly (see {@link RequestJson}). */
    public static ObjectMapper forRequests(CamelContext context) {
        // Kept wrapped: a second ObjectMapper in the registry would hide the service's one from look-ups by type.
        RequestMapper held = context.getRegistry().lookupByNameAndType(REQUESTS, RequestMapper.class);
        if (held == null) {
            held = new RequestMapper(RequestJson.strict(of(context)));
            context.getRegistry().bind(REQUESTS, RequestMapper.class, held);
        }
        return held.mapper();
    }

    private record RequestMapper(ObjectMapper mapper) {
    }
}
