package io.oasis.notification.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The webhook HTTP client connects to the addresses the guard checked, and to nothing else, while the request
 * keeps the URL's host name. A receiver on loopback stands in; the names below exist only in the test's
 * resolver.
 */
class WebhookHttpClientTest {

    private static WireMockServer receiver;

    private final List<String> lookups = new ArrayList<>();

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/elsewhere")));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void connectsToTheCheckedAddressAndSendsTheOriginalHostName() throws Exception {
        WebhookTargetGuard guard = new WebhookTargetGuard(resolver("hooks.partner.test"), List.of("127.0.0.1"));
        try (CloseableHttpClient client = WebhookConfiguration.httpClient(guard, Duration.ofSeconds(2), 2)) {
            int status = client.execute(new HttpGet("http://hooks.partner.test:" + receiver.port() + "/pinned"),
                    response -> response.getCode());

            assertThat(status).isEqualTo(204);
        }
        LoggedRequest request = receiver.findAll(anyRequestedFor(urlPathEqualTo("/pinned"))).get(0);
        assertThat(request.getHeader("Host")).isEqualTo("hooks.partner.test:" + receiver.port());
        assertThat(request.getHeader("User-Agent")).isEqualTo("Oasis-Webhooks/1");
        assertThat(lookups).containsExactly("hooks.partner.test");
    }

    @Test
    void aNameThatResolvesToAForbiddenAddressIsNeverConnectedTo() {
        WebhookTargetGuard guard = new WebhookTargetGuard(resolver("rebound.partner.test"), List.of());
        try (CloseableHttpClient client = WebhookConfiguration.httpClient(guard, Duration.ofSeconds(2), 2)) {
            assertThatThrownBy(() -> client.execute(
                    new HttpGet("http://rebound.partner.test:" + receiver.port() + "/forbidden"),
                    response -> response.getCode()))
                    .isInstanceOf(ForbiddenTargetException.class)
                    .hasMessageContaining("loopback");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(receiver.findAll(anyRequestedFor(urlPathEqualTo("/forbidden")))).isEmpty();
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        WebhookTargetGuard guard = new WebhookTargetGuard(resolver("none"), List.of("127.0.0.1"));
        try (CloseableHttpClient client = WebhookConfiguration.httpClient(guard, Duration.ofSeconds(2), 2)) {
            int status = client.execute(new HttpGet("http://127.0.0.1:" + receiver.port() + "/moved"),
                    response -> response.getCode());

            assertThat(status).isEqualTo(302);
        }
        assertThat(receiver.findAll(anyRequestedFor(urlPathEqualTo("/elsewhere")))).isEmpty();
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the deadline: for ever
    void aReceiverThatDribblesItsAnswerIsCutOffAtTheDeadline() throws Exception {
        WebhookTargetGuard guard = new WebhookTargetGuard(resolver("none"), List.of("127.0.0.1"));
        try (ServerSocket dribbler = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> dribble(dribbler), "dribbling-receiver");
            server.setDaemon(true);
            server.start();
            long started = System.nanoTime();
            try (CloseableHttpClient client = WebhookConfiguration.httpClient(guard, Duration.ofSeconds(1), 2)) {
                assertThatThrownBy(() -> client.execute(
                        new HttpGet("http://127.0.0.1:" + dribbler.getLocalPort() + "/dribble"),
                        response -> EntityUtils.toString(response.getEntity())))
                        .isInstanceOf(java.io.IOException.class);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("twice the 1 s timeout, although every read came in time")
                    .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
        }
    }

    /** Answers 200 at once, then one byte of body every 300 ms, for ever (until the client hangs up). */
    private static void dribble(ServerSocket server) {
        try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!socket.isClosed()) {
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
            }
        } catch (IOException | InterruptedException e) {
            // The client hung up: what the test expects.
        }
    }

    /** A resolver that knows one name, pointing at the loopback receiver. */
    private WebhookTargetGuard.Resolver resolver(String name) {
        return host -> {
            lookups.add(host);
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1}));
        };
    }
}
