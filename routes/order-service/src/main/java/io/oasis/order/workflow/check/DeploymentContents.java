package io.oasis.order.workflow.check;

import java.util.Set;

/**
 * What the deployment being checked brings along with the model, for checks of references between files (a
 * call activity may call a process deployed with it). A {@link ModelCheck} sees one model at a time; the
 * deployment is the unit that goes live, so its contents are at hand here while its models are checked.
 */
public record DeploymentContents(Set<String> processKeys, Set<String> decisionKeys) {

    private static final ThreadLocal<DeploymentContents> CURRENT = new ThreadLocal<>();

    /** The deployment being checked on this thread; empty when a model is checked on its own. */
    public static DeploymentContents current() {
        DeploymentContents contents = CURRENT.get();
        return contents == null ? new DeploymentContents(Set.of(), Set.of()) : contents;
    }

    /** Makes {@code contents} current while {@code checks} run. */
    public static void during(DeploymentContents contents, Runnable checks) {
        CURRENT.set(contents);
        try {
            checks.run();
        } finally {
            CURRENT.remove();
        }
    }
}
