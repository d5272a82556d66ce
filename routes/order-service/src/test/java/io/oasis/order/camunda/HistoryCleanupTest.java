package io.oasis.order.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.Keycloak;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Camunda's history cleanup as the service configures it (order-service.yml): every definition gets the
 * engine's time to live, and a cleanup removes the history of an instance whose time is up and keeps the
 * rest, on real PostgreSQL. The order row itself is the order service's, kept for its own retention.
 */
class HistoryCleanupTest extends OrderServiceTest {

    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"PEN-1","name":"Pen","quantity":3,"unitPrice":2.00}]}""";
    /** camunda.bpm.generic-properties.properties.history-time-to-live, in days. */
    private static final int TIME_TO_LIVE_DAYS = 180;

    @Autowired
    private RepositoryService repository;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyDeployedDefinitionHasATimeToLive() {
        assertThat(repository.createProcessDefinitionQuery().list()).isNotEmpty()
                .extracting(ProcessDefinition::getHistoryTimeToLive).containsOnly(TIME_TO_LIVE_DAYS);
        assertThat(repository.createDecisionDefinitionQuery().list()).isNotEmpty()
                .extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(TIME_TO_LIVE_DAYS);
    }

    @Test
    void theCleanupRemovesTheHistoryOfAnInstanceWhoseTimeIsUpAndKeepsAYoungerOne() throws Exception {
        String customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        withProfile(customer);
        String old;
        // The engine's clock only: this order's process starts 181 days ago, so its history's time is up.
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(TIME_TO_LIVE_DAYS + 1))));
        try {
            old = placeOrder(customer, SMALL_ORDER);
        } finally {
            ClockUtil.reset();
        }
        String young = placeOrder(customer, SMALL_ORDER);
        // Both wait for their payment (their payment timers are hours away), so neither writes history meanwhile.
        awaitPaymentWait(old);
        awaitPaymentWait(young);
        HistoricProcessInstance oldInstance = instanceOf(old);
        assertThat(oldInstance.getRemovalTime()).isBefore(new Date());
        assertThat(instanceOf(young).getRemovalTime()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(179))));

        history.cleanUpHistoryAsync(true);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(old).count() == 0
                        && history.createHistoricActivityInstanceQuery().processInstanceId(oldInstance.getId()).count() == 0);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(young).count()).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceOf(young).getId()).count())
                .isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_order WHERE id = ?::uuid", Long.class, old))
                .as("the order itself stays").isEqualTo(1);
    }

    private void awaitPaymentWait(String orderId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject(
                "SELECT status FROM customer_order WHERE id = ?::uuid", String.class, orderId).equals("AWAITING_PAYMENT"));
    }

    private HistoricProcessInstance instanceOf(String orderId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
    }
}
