package io.oasis.order.workflow.check;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every expression of a model ({@code ${...}} or {@code #{...}} in any attribute or text) must parse, and the
 * beans it calls must exist: the name a {@code delegateExpression} names, and every name a method is called on
 * ({@code ${orderStatus.change(...)}}), is a bean of this service or one the engine itself provides. Without this a
 * typo such as {@code ${callConnectr}} deploys and fails on every order that reaches it.
 */
@Component
public class ExpressionCheck implements ModelCheck {

    /** Names the engine resolves in every expression, besides the process variables and the service's beans. */
    static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "caseExecution", "externalTask", "variableScope",
            "authenticatedUserId", "processEngine", "processEngineServices");

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern METHOD_CALL_ROOT = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\s*\\.\\s*[A-Za-z_]\\w*\\s*\\(");
    private static final Pattern DELEGATE_ROOT = Pattern.compile("^[$#]\\{\\s*([A-Za-z_]\\w*)");

    private final ListableBeanFactory beans;
    private final JuelExpressionManager parser = new JuelExpressionManager();

    public ExpressionCheck(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void check(String resourceName, BpmnModelInstance model, ModelFindings findings) {
        Node root = model.getDocument().getDomSource().getNode();
        visit(root instanceof org.w3c.dom.Document document ? document.getDocumentElement() : (Element) root, findings);
    }

    private void visit(Element element, ModelFindings findings) {
        String name = element.getLocalName();
        if ("script".equals(name) || "documentation".equals(name) || "text".equals(name)
                || element.getNamespaceURI() != null && element.getNamespaceURI().contains("/DI")) {
            return; // scripts are not expressions; documentation and diagram layout are not run
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            boolean delegate = "delegateExpression".equals(attribute.getLocalName())
                    && (CAMUNDA_NS.equals(attribute.getNamespaceURI()) || attribute.getNamespaceURI() == null);
            check(element, "attribute " + attribute.getName(), attribute.getValue(), delegate, findings);
        }
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            } else if (child instanceof Element nested) {
                visit(nested, findings);
            }
        }
        check(element, "<" + element.getTagName() + ">", text.toString().trim(), false, findings);
    }

    private void check(Element element, String where, String value, boolean delegate, ModelFindings findings) {
        if (value == null || !(value.contains("${") || value.contains("#{"))) {
            return;
        }
        String elementId = owner(element);
        try {
            parser.createExpression(value);
        } catch (RuntimeException e) {
            findings.error(elementId, "The expression " + value + " (" + where + ") does not parse: " + e.getMessage());
            return;
        }
        if (delegate) {
            Matcher root = DELEGATE_ROOT.matcher(value.trim());
            if (root.find() && !known(root.group(1))) {
                findings.error(elementId, "Delegate expression " + value + " names '" + root.group(1)
                        + "', which is no bean of this service" + suggestion(root.group(1)));
            }
            return;
        }
        Matcher call = METHOD_CALL_ROOT.matcher(LITERAL.matcher(value).replaceAll("''"));
        while (call.find()) {
            if (!known(call.group(1))) {
                findings.error(elementId, "The expression " + value + " (" + where + ") calls a method on '" + call.group(1)
                        + "', which is no bean of this service" + suggestion(call.group(1)));
            }
        }
    }

    private boolean known(String name) {
        return ENGINE_NAMES.contains(name) || beans.containsBean(name);
    }

    /** The closest bean name, for a typo: "did you mean callConnector?". */
    private String suggestion(String name) {
        String best = null;
        int bestDistance = 3;
        for (String bean : beans.getBeanDefinitionNames()) {
            int distance = distance(name, bean);
            if (distance < bestDistance) {
                best = bean;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The element an analyst selects in Modeler: the nearest one with an id that is not an event definition. */
    static String owner(Element element) {
        for (Node node = element; node instanceof Element each; node = node.getParentNode()) {
            if (!each.getAttribute("id").isEmpty() && !each.getLocalName().endsWith("EventDefinition")) {
                return each.getAttribute("id");
            }
        }
        return null;
    }
}
