package io.oasis.connector;

import java.util.Map;

/** How a connector call ended when it did not fail: its outputs, or a declared business outcome. */
public sealed interface ConnectorOutcome {

    /** The connector did its work and set these declared outputs. */
    record Completed(Map<String, Object> outputs) implements ConnectorOutcome {
    }

    /** A business outcome the connector declares (out of stock, card declined): the BPMN error to raise. */
    record BusinessError(String code, String message) implements ConnectorOutcome {
    }
}
