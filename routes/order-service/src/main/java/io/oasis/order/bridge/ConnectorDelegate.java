package io.oasis.order.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN to Camel: the one delegate of every service task that calls out. An analyst binds it in the
 * diagram with {@code camunda:delegateExpression="${callConnector}"} and an input parameter
 * {@code connector} naming the connector, e.g. {@code reserve-inventory}; it calls the route
 * {@code direct:connector-<name>}. The diagram never holds a Camel URI.
 * <ul>
 * <li>In: every process variable becomes a Camel exchange variable (the business key also as
 * {@link #BUSINESS_KEY}).</li>
 * <li>Out: every exchange variable the route added or changed becomes a process variable.</li>
 * <li>A business outcome: the route sets the variable {@link #BPMN_ERROR_CODE} (and optionally
 * {@link #BPMN_ERROR_MESSAGE}); the delegate throws it as a {@link BpmnError}, which an error event
 * in the diagram catches.</li>
 * <li>Any exception of the route fails the job: the engine retries it per the task's retry cycle,
 * then raises an incident.</li>
 * </ul>
 */
@Component("callConnector")
public class ConnectorDelegate implements JavaDelegate {

    /** The input parameter that names the connector. */
    public static final String CONNECTOR = "connector";
    public static final String ROUTE_PREFIX = "direct:connector-";
    /** Exchange variable with the process instance's business key (the order id). */
    public static final String BUSINESS_KEY = "businessKey";
    /** Exchange variables a route sets to end in a BPMN error. */
    public static final String BPMN_ERROR_CODE = "bpmnErrorCode";
    public static final String BPMN_ERROR_MESSAGE = "bpmnErrorMessage";

    private final CamelContext camel;
    private final ProducerTemplate producer;

    public ConnectorDelegate(CamelContext camel, ProducerTemplate producer) {
        this.camel = camel;
        this.producer = producer;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        Object name = execution.getVariableLocal(CONNECTOR);
        if (!(name instanceof String connector) || connector.isBlank()) {
            throw new IllegalStateException("Activity " + execution.getCurrentActivityId()
                    + " needs an input parameter '" + CONNECTOR + "' naming the connector");
        }
        Map<String, Object> in = new HashMap<>(execution.getVariables());
        in.remove(CONNECTOR);
        Exchange exchange = new DefaultExchange(camel);
        in.forEach(exchange::setVariable);
        exchange.setVariable(BUSINESS_KEY, execution.getProcessBusinessKey());
        exchange.getMessage().setBody(Map.copyOf(withoutNulls(in)));

        Exchange done = producer.send(ROUTE_PREFIX + connector, exchange);
        if (done.getException() != null) {
            throw done.getException();
        }
        Object errorCode = done.getVariable(BPMN_ERROR_CODE);
        if (errorCode != null) {
            Object message = done.getVariable(BPMN_ERROR_MESSAGE);
            throw message == null ? new BpmnError(errorCode.toString())
                    : new BpmnError(errorCode.toString(), message.toString());
        }
        done.getVariables().forEach((variable, value) -> {
            if (!BUSINESS_KEY.equals(variable) && !Objects.equals(in.get(variable), value)) {
                execution.setVariable(variable, value);
            }
        });
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> variables) {
        Map<String, Object> copy = new HashMap<>();
        variables.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
