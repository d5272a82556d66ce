package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** A burst of mails through the e-mail route shares the pool's few SMTP connections instead of one per mail. */
class EmailConnectionPoolTest extends EmailTestBase {

    private static final Logger LOG = LoggerFactory.getLogger(EmailConnectionPoolTest.class);
    private static final int MAILS = 20;
    private static final int THREADS = 10;

    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private EmailSettings settings;

    @Test
    void aBurstOfMailsOpensNoMoreConnectionsThanThePoolHolds() throws Exception {
        double openedBefore = opened();
        List<String> recipients = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Exchange>> sends = new ArrayList<>();
            for (int i = 0; i < MAILS; i++) {
                String to = uniqueEmail("burst" + i);
                recipients.add(to);
                OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), Channel.EMAIL, 1, to, "Burst " + i,
                        "Mail " + i, "<p>Mail " + i + "</p>", null, "OrderShipped", null);
                sends.add(threads.submit(() -> producer.send(Channel.EMAIL.endpoint(),
                        exchange -> exchange.getMessage().setBody(message))));
            }
            for (Future<Exchange> send : sends) {
                assertThat(send.get(60, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            threads.shutdownNow();
        }

        for (String to : recipients) {
            assertThat(MAIL.receivedBy(to)).hasSize(1);
        }
        double opened = opened() - openedBefore;
        LOG.info("{} mails from {} threads opened {} SMTP connection(s); pool size {}", MAILS, THREADS, opened,
                settings.poolSize());
        assertThat(opened).isLessThanOrEqualTo(settings.poolSize());
        assertThat(meters.get(PooledMailSender.CONNECTIONS_OPEN).gauge().value())
                .isBetween(1.0, (double) settings.poolSize());
    }

    private double opened() {
        return meters.get(PooledMailSender.CONNECTIONS_OPENED).counter().count();
    }
}
