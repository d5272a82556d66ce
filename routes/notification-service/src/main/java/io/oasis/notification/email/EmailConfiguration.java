package io.oasis.notification.email;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(EmailSettings.class)
class EmailConfiguration {

    /** The bean name the route's {@code smtp} endpoint refers to. */
    static final String SENDER = "pooledMailSender";

    /** Closed with the context, after the routes stopped: every pooled SMTP connection is closed with it. */
    @Bean(name = SENDER, destroyMethod = "close")
    PooledMailSender pooledMailSender(EmailSettings settings, MeterRegistry meters) {
        return new PooledMailSender(settings, meters);
    }
}
