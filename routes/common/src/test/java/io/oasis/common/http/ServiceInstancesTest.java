package io.oasis.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.oasis.testsupport.InstancePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service on loopback, one of them dead, hung or failing: what a caller gets through
 * {@link ServiceInstances} (as {@link ServiceClient} sets it up: 5xx count as failures).
 */
class ServiceInstancesTest {

    /** Four calls decide, and an open breaker tries again after half a second. */
    private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .failureRateThreshold(50).slidingWindowSize(4).minimumNumberOfCalls(4)
            .waitDurationInOpenState(Duration.ofMillis(500)).permittedNumberOfCallsInHalfOpenState(1).build();
    private static final String OPTIONS = "httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName()
            + "&connectTimeout=500&connectionRequestTimeout=500&responseTimeout=500";

    private final List<Instance> started = new ArrayList<>();
    private final InstancePort first = InstancePort.dead();
    private CamelContext camel;
    private ProducerTemplate producer;
    private ServiceInstances instances;
    private String endpoint;

    @AfterEach
    void stop() throws Exception {
        started.forEach(Instance::stop);
        first.kill();
        if (camel != null) {
            camel.close();
        }
    }

    @Test
    void everyReadIsAnsweredByTheLiveInstanceWhileTheOtherIsDeadThenHungAndItGetsCallsAgainOnceBack() throws Exception {
        Instance live = Instance.start(InstancePort.dead(), 200, started);
        calling(first.url(), live.url());

        for (int i = 0; i < 10; i++) {
            assertThat(status(get())).as("read %s with one instance dead", i).isEqualTo(200);
        }
        assertThat(live.calls()).isEqualTo(10);
        assertThat(breaker(0).getState()).as("the dead instance's breaker").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker(1).getState()).as("the live one's").isEqualTo(CircuitBreaker.State.CLOSED);

        first.hang();
        for (int i = 0; i < 10; i++) {
            assertThat(status(get())).as("read %s with one instance hung", i).isEqualTo(200);
        }

        first.kill();
        Instance back = Instance.start(first, 200, started);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(status(get())).isEqualTo(200);
            assertThat(back.calls()).as("calls to the instance that came back").isPositive();
        });
        assertThat(breaker(0).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aWriteGoesToTheOtherInstanceOnlyIfItNeverReachedTheFirst() throws Exception {
        Instance live = Instance.start(InstancePort.dead(), 200, started);
        calling(first.url(), live.url());

        // Refused: the write never arrived, so the live instance takes every one.
        for (int i = 0; i < 4; i++) {
            assertThat(status(post(null))).isEqualTo(200);
        }
        assertThat(live.calls()).isEqualTo(4);

        // Taken and not answered: it may have arrived, so it is not sent again; the load balancer alternates.
        camel.close();
        first.hang();
        calling(first.url(), live.url());
        List<Exchange> answers = List.of(post(null), post(null), post(null), post(null));
        assertThat(answers.stream().filter(answer -> answer.getException() != null))
                .as("writes that got no answer").hasSize(2)
                .allSatisfy(answer -> assertThat(answer.getException(SocketTimeoutException.class)).isNotNull());
        assertThat(live.calls()).as("the live instance got the other two only").isEqualTo(6);

        // With a key the service honours, repeating it is safe.
        for (int i = 0; i < 4; i++) {
            assertThat(status(post("key-" + i))).isEqualTo(200);
        }
        assertThat(live.calls()).isEqualTo(10);
    }

    @Test
    void aReadAnswered5xxIsAskedOfTheNextInstanceAndIfAllFailTheLastAnswerIsTheCallers() throws Exception {
        Instance failing = Instance.start(InstancePort.dead(), 503, started);
        Instance live = Instance.start(InstancePort.dead(), 200, started);
        calling(failing.url(), live.url());

        for (int i = 0; i < 6; i++) {
            assertThat(status(get())).isEqualTo(200);
        }
        assertThat(live.calls()).isEqualTo(6);
        camel.close();

        Instance alsoFailing = Instance.start(InstancePort.dead(), 500, started);
        calling(failing.url(), alsoFailing.url());
        Exchange answer = get();
        assertThat(answer.getException()).isNull();
        assertThat(status(answer)).isIn(500, 503);
        assertThat(answer.getMessage().getBody(String.class)).isEqualTo("{\"status\":" + status(answer) + "}");
    }

    private void calling(String... urls) throws Exception {
        instances = ServiceInstances.of("test", String.join(",", urls), BREAKER);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                endpoint = instances.routes(this, "test-call-service", OPTIONS,
                        exchange -> ServiceInstances.safeMethod(exchange)
                                || exchange.getMessage().getHeader("Idempotency-Key") != null, true);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    private CircuitBreaker breaker(int instance) {
        return instances.breakers().get(instance);
    }

    private Exchange get() {
        return producer.send(endpoint, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/things/1");
        });
    }

    private Exchange post(String idempotencyKey) {
        return producer.send(endpoint, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/things");
            exchange.getMessage().setHeader("Idempotency-Key", idempotencyKey);
            exchange.getMessage().setBody("{}");
        });
    }

    private static int status(Exchange answer) {
        assertThat(answer.getException()).as("the call's failure").isNull();
        return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    /** An instance on its port that answers every request with one status and counts them. */
    private record Instance(HttpServer server, InstancePort port, AtomicInteger counter) {

        static Instance start(InstancePort port, int status, List<Instance> started) throws IOException {
            HttpServer server = HttpServer.create();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.port()), 50);
            AtomicInteger counter = new AtomicInteger();
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestURI().getPath().startsWith("/things")) {
                    counter.incrementAndGet();
                }
                byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Instance instance = new Instance(server, port, counter);
            started.add(instance);
            return instance;
        }

        String url() {
            return port.url();
        }

        int calls() {
            return counter.get();
        }

        void stop() {
            server.stop(0);
        }
    }
}
