package io.oasis.order.workflow.check;

/** What {@link ModelCheck}s found in one model, each tied to the element an analyst must change. */
public interface ModelFindings {

    /** The model is refused: {@code message} says what is wrong and how to fix it. */
    void error(String elementId, String message);

    /** The model deploys, and this is reported with the deployment. */
    void warning(String elementId, String message);
}
