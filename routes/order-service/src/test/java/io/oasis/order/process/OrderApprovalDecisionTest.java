package io.oasis.order.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rows of workflows/order-approval.dmn, one case per boundary. The total comes as the process holds it,
 * decimal text, and the decision compares it exactly.
 */
class OrderApprovalDecisionTest {

    private static DmnEngine dmn;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = OrderApprovalDecisionTest.class.getResourceAsStream("/order-approval.dmn")) {
            decision = dmn.parseDecision("order-approval", in);
        }
    }

    @ParameterizedTest(name = "total {0}, first order {1} -> {2}")
    @CsvSource({
            "10.00, false, auto",
            "999.99, false, auto",
            "1000.00, false, manual",
            "5000.00, true, manual",
            "199.99, true, auto",
            "200.00, true, manual",
            "200.00, false, auto",
            "0, true, auto",
            // As a double this is 1000.0, which the first rule would send to review.
            "999.99999999999999999, false, auto",
            "1000, false, manual"})
    void decides(String total, boolean firstOrder, String expected) {
        Object approval = dmn.evaluateDecisionTable(decision, Map.of("orderTotal", total, "firstOrder", firstOrder))
                .getSingleResult().getSingleEntry();
        assertThat(approval).isEqualTo(expected);
    }
}
