package io.oasis.connector;

import java.util.List;

/**
 * A business outcome the connector declares: the BPMN error {@code code}, raised when the third party
 * answers with one of {@code httpStatus}, or when the Kamelet sets the variable {@code bpmnErrorCode}.
 */
public record ConnectorError(String code, String description, List<Integer> httpStatus) {
}
