package io.oasis.customer.crm;

import io.oasis.common.consumer.EventConsumerRoute;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Switches the outbound CRM sync on when {@code oasis.crm.base-url} is set: then every customer event
 * is consumed (own consumer group, so the sync keeps its own position in the topic) and pushed. Without
 * a base URL (the launcher's default) nothing is consumed or called, and the log says so once.
 */
@Configuration
@EnableConfigurationProperties(CrmProperties.class)
public class CrmConnector {

    /** Route id of the consumer; also names its processed-event ids. */
    public static final String SYNC_ROUTE = "customer-crm-sync";
    static final String CONSUMER_GROUP = "customer-service-crm";
    static final String RETRY_AFTER = "crmRetryAfter";

    private static final Logger LOG = LoggerFactory.getLogger(CrmConnector.class);

    public CrmConnector(CrmProperties properties) {
        if (!properties.enabled()) {
            LOG.info("CRM connector disabled: oasis.crm.base-url (CRM_BASE_URL) is not set, customer changes are "
                    + "not sent to a CRM");
            return;
        }
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            throw new IllegalStateException("oasis.crm.api-key (CRM_API_KEY) must be set when the CRM connector is on");
        }
        LOG.info("CRM connector on: customer changes are sent to {}", properties.baseUrl());
    }

    @Bean
    @Conditional(Enabled.class)
    EventConsumerRoute crmSyncRoute(CrmEventHandler handler) {
        return new EventConsumerRoute(SYNC_ROUTE, "{{oasis.topics.customer-events}}", CONSUMER_GROUP,
                handler::onCustomerEvent);
    }

    /** The {@code onExceptionOccurredRef} of the {@code crm-retry} route configuration. */
    @Bean(RETRY_AFTER)
    Processor crmRetryAfter(CrmRetryPolicy policy) {
        return policy::applyRetryAfter;
    }

    /** True when a CRM base URL is configured (an empty value, the default, means off). */
    static class Enabled extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String baseUrl = context.getEnvironment().getProperty("oasis.crm.base-url", "");
            return baseUrl.isBlank()
                    ? ConditionOutcome.noMatch("oasis.crm.base-url is not set")
                    : ConditionOutcome.match("oasis.crm.base-url is " + baseUrl);
        }
    }
}
