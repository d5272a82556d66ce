package io.oasis.order.camunda;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure {@code /engine-rest} answers from this service's engine. Engine-rest does not take the
 * engine from Spring: it looks it up by name in Camunda's static, JVM-wide registry
 * ({@link ProcessEngines}). The first lookup scans the classpath for {@code camunda.cfg.xml} and
 * registers every engine it builds from one; an engine without its own name takes "default" from
 * this one, and engine-rest then serves an empty engine (no definitions, no instances) with status 200.
 * This does that first lookup at startup and refuses to start if it does not lead here.
 */
@Component
class EngineRegistryCheck {

    private final ProcessEngine engine;

    EngineRegistryCheck(ProcessEngine engine) {
        this.engine = engine;
    }

    @EventListener(ApplicationReadyEvent.class)
    void engineRestServesThisEngine() {
        ProcessEngine served = ProcessEngines.getProcessEngine(engine.getName());
        if (served != engine) {
            throw new IllegalStateException("Engine-rest would serve another process engine named '" + engine.getName()
                    + "' than this service's: remove the camunda.cfg.xml that defines it from the classpath "
                    + "(a stale copy in target/ is removed by a clean build)");
        }
    }
}
