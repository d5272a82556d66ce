package io.oasis.order.workflow;

import java.util.List;
import org.camunda.bpm.engine.Problem;

/**
 * One thing a {@link io.oasis.order.workflow.check.ModelCheck} found: in which file, at which element, what is
 * wrong, and whether it refuses the deployment. It is also the engine's {@link Problem}, so engine-rest lists it
 * in its answer exactly like the engine's own parse problems (which Camunda Modeler shows).
 */
public record Finding(String resourceName, String elementId, String message, boolean error) implements Problem {

    @Override
    public String getMessage() {
        return message;
    }

    /** Not known: the model API does not keep positions, and the element id is what Modeler can select. */
    @Override
    public int getLine() {
        return 0;
    }

    @Override
    public int getColumn() {
        return 0;
    }

    @Override
    public String getMainElementId() {
        return elementId;
    }

    @Override
    public List<String> getElementIds() {
        return elementId == null ? List.of() : List.of(elementId);
    }

    /** One line: file, element, what is wrong. */
    public String describe() {
        return resourceName + (elementId == null ? "" : " " + elementId) + ": " + message;
    }
}
