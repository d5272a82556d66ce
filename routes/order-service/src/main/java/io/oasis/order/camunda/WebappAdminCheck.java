package io.oasis.order.camunda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up who administers the Camunda web apps, so that a deployment without an admin is a
 * visible choice rather than an open first-admin page (which {@link CamundaWebSecurity} refuses).
 */
@Component
class WebappAdminCheck {

    private static final Logger log = LoggerFactory.getLogger(WebappAdminCheck.class);

    private final String adminUser;

    WebappAdminCheck(@Value("${camunda.bpm.admin-user.id:}") String adminUser) {
        this.adminUser = adminUser;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (adminUser.isBlank()) {
            log.info("Camunda web apps: no admin user is configured (CAMUNDA_BPM_ADMINUSER_ID, "
                    + "CAMUNDA_BPM_ADMINUSER_PASSWORD), and the Admin app's first-admin setup is refused");
        } else {
            log.info("Camunda web apps: admin user '{}' from the configuration", adminUser);
        }
    }
}
