package io.oasis.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;

/**
 * The service's own Jackson mapper (Spring Boot's, with its modules and settings), as request and
 * response handling on the hot path reads it: found by type once per Camel context, then kept
 * under a name in Camel's registry so later look-ups are a map read rather than a search of every
 * bean.
 */
public final class ServiceObjectMapper {

    private static final String NAME = "oasisServiceObjectMapper";

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
}
