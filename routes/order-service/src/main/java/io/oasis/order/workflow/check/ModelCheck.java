package io.oasis.order.workflow.check;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * One rule a BPMN model must pass before it goes live, however it arrives (the workflow folder,
 * Camunda Modeler through engine-rest, the models packaged into the service). Every Spring bean of
 * this type is applied to every BPMN resource of every deployment; an error refuses the whole
 * deployment (the previous version keeps serving), a warning deploys and is reported with it.
 */
public interface ModelCheck {

    /**
     * @param resourceName the file name in the deployment, e.g. {@code order-lifecycle.bpmn}
     * @param model        the parsed model
     * @param findings     where to report what is wrong, by element id
     */
    void check(String resourceName, BpmnModelInstance model, ModelFindings findings);
}
