package io.oasis.order.connector;

import io.oasis.connector.ElementTemplates;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

/**
 * Gives a task made from a connector's Modeler template the retry cycle set in the template. Camunda 7
 * element templates cannot bind {@code camunda:failedJobRetryTimeCycle} (camunda-modeler issue 1015), so
 * the template writes the extension property {@code retryCycle}; this applies it as the task's retry cycle
 * (instead of the engine-wide default) unless the task has a {@code failedJobRetryTimeCycle} of its own,
 * which wins.
 */
@Component
public class ConnectorRetryCycles extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new RetryCycleFromProperty(configuration));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /**
     * Works once the whole process is parsed, so it comes after the engine's own failed-job listener (which
     * gives every async task the engine-wide default) whatever the order of the listeners.
     */
    static final class RetryCycleFromProperty extends AbstractBpmnParseListener {

        private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

        private final ProcessEngineConfigurationImpl configuration;

        RetryCycleFromProperty(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
            apply(processElement, definition);
        }

        private void apply(Element parent, ProcessDefinitionEntity definition) {
            for (Element child : parent.elements()) {
                if ("serviceTask".equals(child.getTagName()) && !hasOwnRetryCycle(child)) {
                    String cycle = retryCycle(child);
                    ActivityImpl activity = cycle == null ? null : definition.findActivity(child.attribute("id"));
                    if (activity != null) {
                        activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
                                new FailedJobRetryConfiguration(configuration.getExpressionManager().createExpression(cycle)));
                    }
                } else if ("subProcess".equals(child.getTagName()) || "transaction".equals(child.getTagName())) {
                    apply(child, definition);
                }
            }
        }

        private static boolean hasOwnRetryCycle(Element task) {
            Element extensions = task.element("extensionElements");
            return extensions != null && (extensions.elementNS(CAMUNDA, "failedJobRetryTimeCycle") != null
                    || extensions.elementNS(DefaultFailedJobParseListener.FOX_ENGINE_NS, "failedJobRetryTimeCycle") != null);
        }

        private static String retryCycle(Element task) {
            Element extensions = task.element("extensionElements");
            Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
            if (properties == null) {
                return null;
            }
            for (Element property : properties.elementsNS(CAMUNDA, "property")) {
                if (ElementTemplates.RETRY_CYCLE_PROPERTY.equals(property.attribute("name"))) {
                    String value = property.attribute("value");
                    return value == null || value.isBlank() ? null : value.trim();
                }
            }
            return null;
        }
    }
}
