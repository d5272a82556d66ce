package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryException.Kind;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.safety.UnsafeHeaderException;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the e-mail route hands to camel-mail: only the headers it means, one recipient, a stable Message-ID. */
class EmailMessagesTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
    private final EmailMessages messages = new EmailMessages(new EmailSettings("127.0.0.1", 25,
            "Oasis <no-reply@oasis.test>", null, null, false, 4, Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1)));

    @AfterAll
    static void stop() throws Exception {
        CAMEL.close();
    }

    @Test
    void onlyTheMailsOwnHeadersReachCamelMail() throws Exception {
        UUID id = UUID.randomUUID();
        Exchange exchange = exchange(message(id, "tess@example.com", "Your order", "Hello\nTess", "<p>Hello</p>"));
        exchange.getMessage().setHeader("To", "evil@example.com");
        exchange.getMessage().setHeader("Bcc", "evil@example.com");
        exchange.getMessage().setHeader("Subject", "Evil");
        exchange.getMessage().setHeader("mail.smtp.host", "127.0.0.2");
        exchange.getMessage().setHeader("CamelMailAlternativeBody", "evil text");

        messages.prepare(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("To", "From", "Subject", "Message-ID",
                "Content-Type", MailConstants.MAIL_ALTERNATIVE_BODY);
        assertThat(exchange.getMessage().getHeader("To")).isEqualTo("tess@example.com");
        assertThat(exchange.getMessage().getHeader("From")).isEqualTo("Oasis <no-reply@oasis.test>");
        assertThat(exchange.getMessage().getHeader("Subject")).isEqualTo("Your order");
        assertThat(exchange.getMessage().getHeader("Message-ID")).isEqualTo("<" + id + "@oasis.test>");
        assertThat(exchange.getMessage().getHeader("Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(exchange.getMessage().getHeader(MailConstants.MAIL_ALTERNATIVE_BODY)).isEqualTo("Hello\nTess");
        assertThat(exchange.getMessage().getBody()).isEqualTo("<p>Hello</p>");
    }

    @Test
    void withoutHtmlTheMailIsPlainText() throws Exception {
        Exchange exchange = exchange(message(UUID.randomUUID(), "tess@example.com", "Hi", "Just text", null));

        messages.prepare(exchange);

        assertThat(exchange.getMessage().getHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(exchange.getMessage().getHeader(MailConstants.MAIL_ALTERNATIVE_BODY)).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("Just text");
    }

    @Test
    void theMessageIdIsTheSameOnEveryAttempt() throws Exception {
        UUID id = UUID.randomUUID();
        Exchange first = exchange(message(id, "tess@example.com", "Hi", "x", null));
        Exchange second = exchange(new OutgoingMessage(id, Channel.EMAIL, 2, "tess@example.com", "Hi", "x", null,
                null, "OrderShipped", null));

        messages.prepare(first);
        messages.prepare(second);

        assertThat(second.getMessage().getHeader("Message-ID")).isEqualTo(first.getMessage().getHeader("Message-ID"));
    }

    @Test
    void aLineBreakInTheSubjectIsNeverSent() {
        Exchange exchange = exchange(message(UUID.randomUUID(), "tess@example.com", "Hi\r\nBcc: evil@example.com",
                "x", null));

        assertThatThrownBy(() -> messages.prepare(exchange)).isInstanceOfSatisfying(UnsafeHeaderException.class,
                thrown -> assertThat(thrown.kind()).isEqualTo(Kind.PERMANENT));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a@example.com, b@example.com", "a@example.com;b@example.com",
        "friends: a@example.com, b@example.com;", "a@example.com b@example.com" })
    void moreThanOneRecipientIsRefused(String recipient) {
        assertThatThrownBy(() -> EmailMessages.singleAddress(recipient)).isInstanceOfSatisfying(
                DeliveryException.class, thrown -> assertThat(thrown.kind()).isEqualTo(Kind.PERMANENT));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not an address", "@example.com", "tess@" })
    void somethingThatIsNoAddressIsRefused(String recipient) {
        assertThatThrownBy(() -> EmailMessages.singleAddress(recipient)).isInstanceOfSatisfying(
                DeliveryException.class, thrown -> assertThat(thrown.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    void aLineBreakInTheRecipientIsRefused() {
        assertThatThrownBy(() -> EmailMessages.singleAddress("a@example.com\r\nBcc: evil@example.com"))
                .isInstanceOf(UnsafeHeaderException.class);
    }

    @Test
    void oneAddressIsSentToBare() {
        assertThat(EmailMessages.singleAddress(" Tess Tester <tess@example.com> ")).isEqualTo("tess@example.com");
        assertThat(EmailMessages.singleAddress("tess@example.com")).isEqualTo("tess@example.com");
    }

    @Test
    void theProvidersIdIsTheMessageIdThatWasSent() {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setHeader(MailConstants.MAIL_MESSAGE_ID, "<abc@oasis.test>");

        messages.sent(exchange);

        assertThat(exchange.getMessage().getHeader(OutgoingMessage.PROVIDER_MESSAGE_ID)).isEqualTo("<abc@oasis.test>");
    }

    private static OutgoingMessage message(UUID id, String to, String subject, String text, String html) {
        return new OutgoingMessage(id, Channel.EMAIL, 1, to, subject, text, html, null, "OrderShipped", null);
    }

    private static Exchange exchange(OutgoingMessage message) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(message);
        return exchange;
    }
}
