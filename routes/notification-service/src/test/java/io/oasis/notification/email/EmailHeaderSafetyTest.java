package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.OutgoingMessage;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nothing a caller, a customer or an exchange brings can add a recipient or a header to a mail: a line break
 * in a subject is refused, one in a name stays in the body, and headers an exchange carries into the route
 * are dropped before camel-mail could read them.
 */
class EmailHeaderSafetyTest extends EmailTestBase {

    @Autowired
    private ProducerTemplate producer;

    @Test
    void aDirectSendWithALineBreakInTheSubjectIsRefusedAndNothingIsStored() throws Exception {
        String to = uniqueEmail("direct");
        String evil = uniqueEmail("evil");
        String body = json.writeValueAsString(Map.of("channel", "email", "to", to,
                "subject", "Hi\r\nBcc: " + evil, "text", "x"));

        HttpResponse<String> answer = postJson(NOTIFICATIONS, ServiceClient.INTEGRATION_DEMO, body);

        JsonNode problem = assertProblem(answer, 400);
        assertThat(problem.path("errors").findValuesAsText("field")).contains("subject");
        assertThat(rows("SELECT count(*) FROM notification WHERE recipient = ?", to)).isZero();
        assertThat(MAIL.receivedBy(to)).isEmpty();
        assertThat(MAIL.receivedBy(evil)).isEmpty();
    }

    @Test
    void aLineBreakInTheCustomersNameStaysInTheBody() throws Exception {
        String email = uniqueEmail("eve");
        String evil = uniqueEmail("evil");
        UUID customer = registerCustomer(email, null, Map.of(), Map.of("givenName", "Eve\r\nBcc: " + evil));

        UUID id = awaitEmail(publishOrder("OrderShipped", customer), NotificationStatus.SENT);

        List<MimeMessage> mails = mailsWithSubject(email, template("OrderShipped/email.en.subject"));
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getAllRecipients()).extracting(address -> ((InternetAddress) address).getAddress())
                .containsExactly(email);
        assertThat((String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .contains("Hello Eve").contains("Bcc: " + evil);
        assertThat(MAIL.receivedBy(evil)).isEmpty();
        assertThat(notificationRow(id).get("attempt_count")).isEqualTo(1);
    }

    @Test
    void headersAnExchangeBringsIntoTheRouteDoNotSteerTheMail() throws Exception {
        String to = uniqueEmail("route");
        String evilTo = uniqueEmail("evil-to");
        String evilCc = uniqueEmail("evil-cc");
        String evilBcc = uniqueEmail("evil-bcc");
        String evilBounce = uniqueEmail("evil-bounce");
        UUID id = UUID.randomUUID();
        OutgoingMessage message = new OutgoingMessage(id, Channel.EMAIL, 1, to, "The route's subject", "Plain text",
                "<p>HTML</p>", null, "OrderShipped", null);

        Exchange sent = producer.send(Channel.EMAIL.endpoint(), exchange -> {
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader("To", evilTo);
            exchange.getMessage().setHeader("Cc", evilCc);
            exchange.getMessage().setHeader("Bcc", evilBcc);
            exchange.getMessage().setHeader("Subject", "Evil subject");
            exchange.getMessage().setHeader("From", evilBounce);
            exchange.getMessage().setHeader("Reply-To", evilBounce);
            exchange.getMessage().setHeader("Message-ID", "<evil@example.com>");
            exchange.getMessage().setHeader("X-Evil", "yes");
            // camel-mail would build a sender of its own for these: another envelope sender, another server.
            exchange.getMessage().setHeader("mail.smtp.from", evilBounce);
            exchange.getMessage().setHeader("mail.smtp.host", "127.0.0.1");
        });

        assertThat(sent.getException()).isNull();
        List<MimeMessage> mails = MAIL.receivedBy(to);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("The route's subject");
        assertThat(mail.getAllRecipients()).extracting(address -> ((InternetAddress) address).getAddress())
                .containsExactly(to);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(FROM);
        assertThat(mail.getHeader("Return-Path")).containsExactly("<" + FROM + ">");
        assertThat(mail.getHeader("Reply-To")).isNull();
        assertThat(mail.getHeader("X-Evil")).isNull();
        assertThat(mail.getMessageID()).isEqualTo("<" + id + "@oasis.test>")
                .isEqualTo(sent.getMessage().getHeader(OutgoingMessage.PROVIDER_MESSAGE_ID));
        for (String evil : List.of(evilTo, evilCc, evilBcc, evilBounce)) {
            assertThat(MAIL.receivedBy(evil)).isEmpty();
        }
    }

    @Test
    void aSecondAttemptCarriesTheSameMessageId() throws Exception {
        String to = uniqueEmail("again");
        UUID id = UUID.randomUUID();

        for (int attempt = 1; attempt <= 2; attempt++) {
            OutgoingMessage message = new OutgoingMessage(id, Channel.EMAIL, attempt, to, "Once", "Once", null, null,
                    "OrderShipped", null);
            assertThat(producer.send(Channel.EMAIL.endpoint(), exchange -> exchange.getMessage().setBody(message))
                    .getException()).isNull();
        }

        assertThat(MAIL.receivedBy(to)).extracting(MimeMessage::getMessageID)
                .containsExactly("<" + id + "@oasis.test>", "<" + id + "@oasis.test>");
    }

    @Test
    void aRecipientWithTwoAddressesIsRefusedAndNothingIsSent() {
        String first = uniqueEmail("first");
        String second = uniqueEmail("second");
        OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), Channel.EMAIL, 1, first + ", " + second,
                "Two", "Two", null, null, "OrderShipped", null);

        Exchange sent = producer.send(Channel.EMAIL.endpoint(), exchange -> exchange.getMessage().setBody(message));

        assertThat(sent.getException()).isInstanceOfSatisfying(DeliveryException.class,
                failure -> assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.PERMANENT));
        assertThat(MAIL.receivedBy(first)).isEmpty();
        assertThat(MAIL.receivedBy(second)).isEmpty();
    }
}
