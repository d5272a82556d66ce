package io.oasis.faults.workload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.oasis.testsupport.Kafka;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A caller alternating two gateways keeps being served when one of them is gone, and every attempt is recorded. */
class GatewaysTest {

    private final UUID order = UUID.randomUUID();
    private final WireMockServer alive = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private final History history = History.inMemory();

    @AfterEach
    void stop() {
        alive.stop();
    }

    @Test
    void aRequestTheDeadGatewayCannotTakeIsServedByTheOther() {
        alive.start();
        alive.stubFor(post("/api/v1/orders").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + order + "\"}")));
        String dead = "http://127.0.0.1:" + Kafka.freePort();
        Gateways gateways = new Gateways(List.of(dead, alive.baseUrl()), history, Duration.ofSeconds(5));

        Gateways.Answer first = place(gateways);
        Gateways.Answer second = place(gateways);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        // The first call tried the dead gateway, then the other; the second went to the live one first.
        assertThat(history.exchanges()).extracting(Exchange::gateway).containsExactly(dead, alive.baseUrl(),
                alive.baseUrl());
        assertThat(history.exchanges().get(0).status()).isEqualTo(Exchange.NO_ANSWER);
        assertThat(history.acknowledgedOrders()).containsExactly(order);
        alive.verify(2, postRequestedFor(urlEqualTo("/api/v1/orders")));
    }

    @Test
    void aRefusalIsNotSentToTheOtherGateway() {
        alive.start();
        alive.stubFor(post("/api/v1/orders").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        Gateways gateways = new Gateways(List.of(alive.baseUrl(), alive.baseUrl()), history, Duration.ofSeconds(5));

        Gateways.Answer answer = place(gateways);

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfter()).isEqualTo("3");
        assertThat(history.exchanges()).hasSize(1);
        assertThat(history.acknowledgedOrders()).isEmpty();
    }

    private static Gateways.Answer place(Gateways gateways) {
        return gateways.send(Operation.PLACE_ORDER, null, (gateway, request) -> request
                .uri(Gateways.uri(gateway, "/api/v1/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }
}
