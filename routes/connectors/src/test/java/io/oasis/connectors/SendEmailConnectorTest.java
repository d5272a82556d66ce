package io.oasis.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.oasis.testsupport.connector.ConnectorKit;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendEmailConnectorTest {

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("send-email")
            .configure("templatesDir", templates().toString())
            .configure("host", "127.0.0.1")
            .configure("port", "0")
            .configure("from", "orders@oasis.example");

    private static final Map<String, String> TASK = Map.of("template", "connectors/OrderFlagged");
    private static final Map<String, Object> ORDER = Map.of("to", "ana@example.com", "orderId", "o-1",
            "orderTotal", "1200.00", "currency", "EUR");

    @Test
    void sendsTheTemplatedMail() throws Exception {
        kit.configure("port", String.valueOf(mail.getSmtp().getPort()));

        assertThat(kit.call(TASK, ORDER).outputs()).containsExactlyEntriesOf(Map.of("emailSent", true));

        MimeMessage sent = mail.getReceivedMessages()[0];
        assertThat(sent.getSubject()).isEqualTo("Order o-1 needs a look");
        assertThat(sent.getFrom()[0].toString()).isEqualTo("orders@oasis.example");
        assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
        assertThat(GreenMailUtil.getBody(sent)).contains("order o-1 (1200.00 EUR) was flagged");
    }

    @Test
    void anAddressThatIsNotOneIsTheBpmnErrorInvalidRecipient() {
        kit.configure("port", String.valueOf(mail.getSmtp().getPort()));

        assertThat(kit.call(TASK, Map.of("to", "not-an-address", "orderId", "o-1")).bpmnErrorCode())
                .isEqualTo("InvalidRecipient");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailServerThatCannotBeReachedFailsTheCall() throws IOException {
        kit.configure("port", String.valueOf(closedPort()));

        assertThat(kit.call(TASK, ORDER).failure()).hasMessageContaining("Connection refused");
    }

    @Test
    void aMailServerThatDoesNotAnswerFailsTheCallAtTheTimeout() throws IOException {
        // Accepts the connection and never greets, like a hung server.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            kit.configure("port", String.valueOf(silent.getLocalPort()));

            assertThat(kit.call(TASK, ORDER, Duration.ofMillis(500)).failure()).hasMessageContaining("no answer within 500 ms");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path templates() {
        return ConnectorKit.connectorsFolder().getParent().getParent().resolve("config").resolve("templates");
    }
}
