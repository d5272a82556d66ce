package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.keycloak.DemoUser;
import io.oasis.notification.delivery.NotificationStatus;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The customer service's mails about an address (see config/templates/README.md): the confirmation code goes to
 * the address asked for and nowhere else, and the delivery log never holds it; the owner of a taken address is
 * told that nothing changed. Neither shows in the log of the customer who asked, nor goes to webhooks.
 */
class AddressConfirmationMailTest extends EmailTestBase {

    @Test
    void theCodeGoesToTheNewAddressOnlyAndTheLogKeepsItMasked() throws Exception {
        UUID requester = demoCustomer(DemoUser.CUSTOMER);
        String oldAddress = jdbc.queryForObject("SELECT email FROM customer_contact WHERE customer_id = ?",
                String.class, requester);
        String newAddress = uniqueEmail("new.address");
        String code = "48151623";
        UUID everything = subscribeToEveryEvent();
        try {
            String event = publishCustomerEvent("CustomerEmailConfirmationRequested", requester,
                    confirmation(newAddress, code, Instant.now().plusSeconds(900)));
            UUID id = awaitEmail(event, NotificationStatus.SENT);

            List<MimeMessage> received = MAIL.receivedBy(newAddress);
            assertThat(received).hasSize(1);
            MimeMessage mail = received.get(0);
            assertThat(mail.getSubject()).isEqualTo(template("CustomerEmailConfirmationRequested/email.en.subject"))
                    .doesNotContain(code);
            assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly(newAddress);
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            assertThat((String) parts.getBodyPart(0).getContent()).contains(code).contains("15 minutes");
            assertThat((String) parts.getBodyPart(1).getContent()).contains(code);
            // Nowhere else: no other mailbox got a mail with the code, the old address got nothing.
            assertThat(mailsContaining(code)).singleElement().isSameAs(mail);
            String subject = template("CustomerEmailConfirmationRequested/email.en.subject");
            assertThat(MAIL.receivedBy(oldAddress)).noneMatch(other -> subjectOf(other).equals(subject));

            // The delivery log's copy has the code masked, belongs to no customer, and the code's text is gone.
            Map<String, Object> row = notificationRow(id);
            assertThat(row.get("customer_id")).isNull();
            assertThat(row.get("recipient")).isEqualTo(newAddress);
            assertThat((String) row.get("body_text")).contains("********").doesNotContain(code);
            assertThat((String) row.get("body_html")).doesNotContain(code);
            assertThat(row.values()).noneMatch(value -> value != null && value.toString().contains(code));
            assertThat(rows("SELECT count(*) FROM notification_one_time_content WHERE notification_id = ?", id)).isZero();
            assertThat(rows("SELECT count(*) FROM notification WHERE event_id = ? AND channel = 'WEBHOOK'",
                    json.readTree(event).path("id").asText())).as("no webhook for it").isZero();

            HttpResponse<String> asAdmin = get(NOTIFICATIONS + "/" + id, DemoUser.ADMIN);
            assertThat(asAdmin.statusCode()).isEqualTo(200);
            assertThat(asAdmin.body()).doesNotContain(code);
            assertThat(get(NOTIFICATIONS + "/" + id, DemoUser.CUSTOMER).statusCode()).isEqualTo(404);
            assertThat(body(get(NOTIFICATIONS + "?size=100", DemoUser.CUSTOMER)).path("items")
                    .findValuesAsText("id")).doesNotContain(id.toString());
        } finally {
            jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", everything);
        }
    }

    @Test
    void aCodeThatExpiredBeforeItCouldBeSentIsNotSentAtAll() throws Exception {
        UUID requester = registerCustomer(uniqueEmail("late"), null, Map.of());
        String newAddress = uniqueEmail("late.new");
        String code = "27182818";

        String event = publishCustomerEvent("CustomerEmailConfirmationRequested", requester,
                confirmation(newAddress, code, Instant.now().minusSeconds(1)));
        UUID id = awaitEmail(event, NotificationStatus.FAILED);

        assertThat(MAIL.receivedBy(newAddress)).isEmpty();
        assertThat(mailsContaining(code)).isEmpty();
        assertThat(notificationRow(id).get("status_reason").toString()).contains("one-time code");
        assertThat(rows("SELECT count(*) FROM notification_one_time_content WHERE notification_id = ?", id)).isZero();
        // An admin's retry cannot send it either: the code is not kept.
        HttpResponse<String> retry = send(request(NOTIFICATIONS + "/" + id + "/retry", DemoUser.ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(retry.statusCode()).isEqualTo(409);
    }

    @Test
    void theOwnerOfATakenAddressIsToldThatNothingChanged() throws Exception {
        String taken = uniqueEmail("owner");
        UUID owner = registerWelcomed(taken, Map.of("locale", "de"), NotificationStatus.SENT);
        UUID requester = demoCustomer(DemoUser.CUSTOMER);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", owner.toString());
        data.put("email", taken.toUpperCase());
        data.put("purpose", "CHANGE");

        String event = publishCustomerEvent("CustomerEmailAlreadyRegistered", requester, data);
        UUID id = awaitEmail(event, NotificationStatus.SENT);

        List<MimeMessage> told = mailsWithSubject(taken, template("CustomerEmailAlreadyRegistered/email.de.subject"));
        assertThat(told).hasSize(1);
        assertThat((String) ((MimeMultipart) told.get(0).getContent()).getBodyPart(0).getContent())
                .contains("wurde nichts geändert");
        assertThat(notificationRow(id).get("customer_id")).isEqualTo(owner);
        assertThat(get(NOTIFICATIONS + "/" + id, DemoUser.CUSTOMER).statusCode()).isEqualTo(404);
    }

    private static Map<String, Object> confirmation(String address, String code, Instant expiresAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("email", address);
        data.put("code", code);
        data.put("expiresAt", expiresAt.toString());
        data.put("validForMinutes", 15);
        data.put("purpose", "CHANGE");
        return data;
    }

    /** Every mail the SMTP server received whose text has {@code text}, whoever it went to. */
    private static List<MimeMessage> mailsContaining(String text) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(mail -> {
            try {
                MimeMultipart parts = (MimeMultipart) mail.getContent();
                return ((String) parts.getBodyPart(0).getContent()).contains(text);
            } catch (IOException | MessagingException | ClassCastException e) {
                return false;
            }
        }).toList();
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin's subscription to every event, straight in the table (the webhook tests cover the API). */
    private UUID subscribeToEveryEvent() {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO webhook_subscription (id, url, event_types, secret, owner_subject, status, created_at, "
                + "updated_at) VALUES (?, ?, '*', 'whsec_dGVzdA==', 'test', 'ACTIVE', now(), now())", id,
                "http://127.0.0.1:" + STAND_INS.port() + "/hooks/everything/" + id);
        return id;
    }
}
