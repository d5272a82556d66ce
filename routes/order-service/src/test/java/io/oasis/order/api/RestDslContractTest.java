package io.oasis.order.api;

import io.oasis.common.contract.ApiDocument;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.RestDslContract;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The order service's REST DSL is its part of the API document: same operation ids, methods and paths. */
class RestDslContractTest extends OrderServiceTest {

    @Autowired
    CamelContext camel;

    @Test
    void theRestDslHasExactlyTheServicesOperationsOfTheDocument() {
        RestDslContract.assertMatches(RestDslContract.restOperations(camel), ApiDocument.load().operationsOf("order")
                .stream().map(op -> new RestDslContract.Operation(op.id(), op.method(), op.path())).toList());
    }
}
