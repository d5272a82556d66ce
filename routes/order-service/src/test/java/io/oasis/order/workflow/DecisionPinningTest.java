package io.oasis.order.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.CamundaModeler;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A decision bound to its process's deployment ({@code camunda:decisionRefBinding="deployment"}, as
 * order-lifecycle.bpmn calls order-approval.dmn): a changed decision deployed on its own, as Modeler deploys it,
 * reaches orders started afterwards and never one already running.
 */
class DecisionPinningTest extends OrderServiceTest {

    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private TaskService tasks;
    @Autowired
    private ObjectMapper json;

    @Test
    void aChangedDecisionReachesNewOrdersButNotRunningOnes() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String process = "pinned-" + suffix;
        String decision = "pinned-decision-" + suffix;
        repository.createDeployment().name("pinned").addString(process + ".bpmn", bpmn(process, decision))
                .addString(decision + ".dmn", dmn(decision, "first")).deploy();
        String running = runtime.startProcessInstanceByKey(process).getId();

        HttpResponse<String> changed = CamundaModeler.deploy("http://localhost:" + port + "/engine-rest",
                Keycloak.accessToken(DemoUser.DESIGNER), decision + ".dmn", dmn(decision, "second"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode deployed = json.readTree(changed.body());
        assertThat(deployed.path("deployedProcessDefinitions").toString())
                .as("the process calling the decision comes along as a new version").contains(process);
        String started = runtime.startProcessInstanceByKey(process).getId();

        tasks.createTaskQuery().processInstanceId(running).list().forEach(task -> tasks.complete(task.getId()));
        tasks.createTaskQuery().processInstanceId(started).list().forEach(task -> tasks.complete(task.getId()));

        assertThat(answer(running)).as("the order running when the decision changed").isEqualTo("first");
        assertThat(answer(started)).as("an order started after the change").isEqualTo("second");
    }

    private Object answer(String instance) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("answer")
                .singleResult().getValue();
    }

    private static String bpmn(String process, String decision) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Pinned" targetNamespace="http://oasis.io/test">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Event_Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:userTask id="Task_Wait" camunda:candidateGroups="order-managers">
                      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                    </bpmn:userTask>
                    <bpmn:businessRuleTask id="Task_Decide" camunda:decisionRef="%2$s" camunda:decisionRefBinding="deployment"
                        camunda:resultVariable="answer" camunda:mapDecisionResult="singleEntry">
                      <bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_3</bpmn:outgoing>
                    </bpmn:businessRuleTask>
                    <bpmn:endEvent id="Event_End"><bpmn:incoming>Flow_3</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Wait"/>
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Wait" targetRef="Task_Decide"/>
                    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Decide" targetRef="Event_End"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(process, decision);
    }

    private static String dmn(String decision, String answer) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_%1$s" name="Pinned"
                    namespace="http://oasis.io/test" xmlns:camunda="http://camunda.org/schema/1.0/dmn">
                  <decision id="%1$s" name="Pinned" camunda:historyTimeToLive="P1D">
                    <decisionTable id="DecisionTable_Pinned" hitPolicy="FIRST">
                      <input id="Input_Any"><inputExpression id="InputExpression_Any" typeRef="string"><text>"x"</text></inputExpression></input>
                      <output id="Output_Answer" name="answer" typeRef="string"/>
                      <rule id="Rule_Always">
                        <inputEntry id="UnaryTests_Any"><text>-</text></inputEntry>
                        <outputEntry id="LiteralExpression_Answer"><text>"%2$s"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(decision, answer);
    }
}
