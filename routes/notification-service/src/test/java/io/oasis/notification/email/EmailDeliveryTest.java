package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.testsupport.KafkaTopics;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * E-mail from events to the customer's mailbox (GreenMail), through the real route, the pooled SMTP sender and
 * the dispatcher's delivery log: content, locale, once per event, opt-out, the relay's refusals and outages.
 */
class EmailDeliveryTest extends EmailTestBase {

    @Test
    void anOrderShippedEventSendsOneMailWithTextAndHtml() throws Exception {
        String email = uniqueEmail("tess");
        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.SENT);

        String event = publishOrder("OrderShipped", customer);
        UUID id = awaitEmail(event, NotificationStatus.SENT);

        List<MimeMessage> mails = mailsWithSubject(email, template("OrderShipped/email.en.subject"));
        assertThat(mails).hasSize(1);
        assertThat(MAIL.receivedBy(email)).hasSize(2); // and the welcome mail
        MimeMessage mail = mails.get(0);
        String orderId = json.readTree(event).path("data").path("orderId").asText();
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(FROM);
        assertThat(mail.getAllRecipients()).extracting(address -> ((InternetAddress) address).getAddress())
                .containsExactly(email);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello Tess,").contains(orderId)
                .doesNotContain("<p>");
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>Hello Tess,</p>").contains(orderId);

        Map<String, Object> row = notificationRow(id);
        assertThat(row.get("attempt_count")).isEqualTo(1);
        assertThat(row.get("provider_message_id")).isEqualTo(mail.getMessageID()).isEqualTo("<" + id + "@oasis.test>");

        HttpResponse<String> seen = get(NOTIFICATIONS + "/" + id, DemoUser.SUPPORT);
        assertThat(seen.statusCode()).isEqualTo(200);
        JsonNode view = body(seen);
        assertThat(view.path("status").asText()).isEqualTo("SENT");
        assertThat(view.path("providerMessageId").asText()).isEqualTo(mail.getMessageID());
        assertThat(view.path("attempts")).hasSize(1);
        assertThat(view.path("attempts").get(0).path("outcome").asText()).isEqualTo("SENT");
        assertThat(view.path("attempts").get(0).path("providerMessageId").asText()).isEqualTo(mail.getMessageID());
    }

    @Test
    void theShippedMailCarriesTheCarriersTrackingNumberAndLink() throws Exception {
        String email = uniqueEmail("tom");
        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.SENT);
        UUID orderId = UUID.randomUUID();
        Map<String, Object> shipped = order(orderId, customer, "SHIPPED");
        shipped.put("trackingNumber", "TRK-42");
        shipped.put("trackingUrl", "https://carrier.example/track?id=TRK-42&lang=en");

        awaitEmail(publishOrderEvent("OrderShipped", orderId, shipped), NotificationStatus.SENT);

        MimeMessage mail = mailsWithSubject(email, template("OrderShipped/email.en.subject")).get(0);
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Tracking number: TRK-42",
                "Follow your parcel: https://carrier.example/track?id=TRK-42&lang=en");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Tracking number: TRK-42",
                // Escaped for HTML ("=" and "&" as character references): a browser opens the same link.
                "<a href=\"https://carrier.example/track?id&#61;TRK-42&amp;lang&#61;en\">Follow your parcel</a>");
    }

    @Test
    void aShippedMailWithoutTrackingSaysNothingOfIt() throws Exception {
        String email = uniqueEmail("tina");
        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.SENT);

        awaitEmail(publishOrder("OrderShipped", customer), NotificationStatus.SENT);

        MimeMessage mail = mailsWithSubject(email, template("OrderShipped/email.en.subject")).get(0);
        assertThat((String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .doesNotContain("Tracking", "Follow");
    }

    @Test
    void theCustomersLocalePicksTheTemplateFallingBackToLanguageThenEnglish() throws Exception {
        String austrian = uniqueEmail("at");
        String french = uniqueEmail("fr");
        UUID inAustria = registerWelcomed(austrian, Map.of("locale", "de-AT"), NotificationStatus.SENT);
        UUID inFrance = registerWelcomed(french, Map.of("locale", "fr"), NotificationStatus.SENT);

        UUID german = awaitEmail(publishOrder("OrderShipped", inAustria), NotificationStatus.SENT);
        UUID english = awaitEmail(publishOrder("OrderShipped", inFrance), NotificationStatus.SENT);

        assertThat(template("OrderShipped/email.de.subject")).isEqualTo("Ihre Bestellung ist unterwegs");
        assertThat(mailsWithSubject(austrian, template("OrderShipped/email.de.subject"))).hasSize(1);
        assertThat(mailsWithSubject(french, template("OrderShipped/email.en.subject"))).hasSize(1);
        assertThat(MAIL.receivedBy(austrian)).hasSize(2);
        assertThat(MAIL.receivedBy(french)).hasSize(2);
        assertThat(notificationRow(german).get("locale")).isEqualTo("de");
        assertThat(notificationRow(english).get("locale")).isEqualTo("en");
    }

    @Test
    void theSameEventTwiceSendsOneMail() throws Exception {
        String email = uniqueEmail("twice");
        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.SENT);
        UUID orderId = UUID.randomUUID();

        String event = publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));
        KafkaTopics.produce(ORDER_EVENTS, orderId.toString(), event);
        // Same key, so handled after both copies: once its mail is out, both copies have been handled.
        String after = publishOrderEvent("OrderDelivered", orderId, order(orderId, customer, "DELIVERED"));
        awaitEmail(after, NotificationStatus.SENT);
        awaitEmail(event, NotificationStatus.SENT);

        assertThat(MAIL.receivedBy(email)).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                template("CustomerRegistered/email.en.subject"), template("OrderShipped/email.en.subject"),
                template("OrderDelivered/email.en.subject"));
        assertThat(rows("SELECT count(*) FROM notification WHERE event_id = ? AND channel = 'EMAIL'",
                json.readTree(event).path("id").asText())).isEqualTo(1);
    }

    @Test
    void aCustomerWhoOptedOutGetsNoMail() throws Exception {
        String email = uniqueEmail("quiet");
        UUID customer = registerWelcomed(email, Map.of("emailOptIn", false), NotificationStatus.SUPPRESSED);

        UUID id = awaitEmail(publishOrder("OrderShipped", customer), NotificationStatus.SUPPRESSED);

        assertThat(notificationRow(id).get("status_reason")).isEqualTo("customer opted out of email");
        assertThat(attemptRows(id)).isEmpty();
        assertThat(MAIL.receivedBy(email)).isEmpty();
    }

    @Test
    void aMailboxTheRelayDoesNotKnowIsAHardBounceAndLaterMailsAreSuppressed() throws Exception {
        String email = uniqueEmail("gone");
        MAIL.refuseRecipient(email, "550 5.1.1 <" + email + ">: Recipient address rejected: User unknown");

        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.FAILED);

        UUID bounced = jdbc.queryForObject("SELECT id FROM notification WHERE customer_id = ? AND channel = 'EMAIL'",
                UUID.class, customer);

        JsonNode view = body(get(NOTIFICATIONS + "/" + bounced, DemoUser.SUPPORT));
        assertThat(view.path("attempts")).hasSize(1);
        assertThat(view.path("attempts").get(0).path("outcome").asText()).isEqualTo("FAILED");
        assertThat(view.path("attempts").get(0).path("providerStatus").asInt()).isEqualTo(550);
        assertThat(view.path("attempts").get(0).path("error").asText()).contains("User unknown");
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(
                "SELECT count(*) FROM customer_contact WHERE customer_id = ? AND email_invalid", customer) == 1);

        UUID next = awaitEmail(publishOrder("OrderShipped", customer), NotificationStatus.SUPPRESSED);
        assertThat((String) notificationRow(next).get("status_reason")).contains("e-mail address is invalid");
        assertThat(MAIL.receivedBy(email)).isEmpty();
    }

    @Test
    void aRecipientRefusedForNowIsRetriedOnTheScheduleUntilTheRelayTakesIt() throws Exception {
        String email = uniqueEmail("greylisted");
        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.SENT);
        MAIL.refuseRecipient(email, "451 4.7.1 Greylisted, please try again later", 2);

        UUID id = awaitEmail(publishOrder("OrderShipped", customer), NotificationStatus.SENT);

        List<Map<String, Object>> attempts = attemptRows(id);
        assertThat(attempts).extracting(attempt -> attempt.get("outcome")).containsExactly("FAILED", "FAILED", "SENT");
        assertThat(attempts).extracting(attempt -> attempt.get("provider_status")).containsExactly(451, 451, null);
        // The test schedule is 0s, 100ms, 200ms.
        assertThat(gap(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(gap(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(mailsWithSubject(email, template("OrderShipped/email.en.subject"))).hasSize(1);
    }

    @Test
    void whileTheRelayIsDownEveryAttemptFailsThenAnAdminsRetrySendsIt() throws Exception {
        String email = uniqueEmail("outage");
        UUID customer = registerWelcomed(email, Map.of(), NotificationStatus.SENT);
        UUID id;
        MAIL.stop();
        try {
            id = awaitEmail(publishOrder("OrderShipped", customer), NotificationStatus.DEAD);
        } finally {
            MAIL.start();
        }

        JsonNode dead = body(get(NOTIFICATIONS + "/" + id, DemoUser.SUPPORT));
        assertThat(dead.path("status").asText()).isEqualTo("DEAD");
        assertThat(dead.path("attempts")).hasSize(3);
        for (JsonNode attempt : dead.path("attempts")) {
            assertThat(attempt.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(attempt.path("error").asText()).contains("no answer from the SMTP relay")
                    .contains("Connection refused");
        }

        HttpResponse<String> retried = send(request(NOTIFICATIONS + "/" + id + "/retry", DemoUser.ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(body(retried).path("status").asText()).isEqualTo("PENDING");

        // The restart emptied the mailboxes: this is the one mail since.
        await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.receivedBy(email).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(notificationRow(id).get("status")));
        assertThat(attemptRows(id)).extracting(attempt -> attempt.get("outcome"))
                .containsExactly("FAILED", "FAILED", "FAILED", "SENT");
    }

    private static Duration gap(Map<String, Object> earlier, Map<String, Object> later) {
        Instant finished = ((Timestamp) earlier.get("finished_at")).toInstant();
        Instant started = ((Timestamp) later.get("started_at")).toInstant();
        return Duration.between(finished, started);
    }
}
