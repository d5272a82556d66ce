package io.oasis.notification;

import io.oasis.common.boot.OasisService;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class NotificationServiceApplication {

    public static final String NAME = "notification-service";

    public static void main(String[] args) {
        OasisService.builder(NotificationServiceApplication.class, NAME).run(args);
    }
}
