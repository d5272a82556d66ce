package io.oasis.faults.workload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The two gateways as a caller uses them: requests alternate between them, and a request that gets no answer or a
 * 502/503/504 from one is sent to the other at once, so a caller keeps being served while one gateway is down.
 * Every attempt, the ones that failed over included, goes into the history.
 */
public final class Gateways {

    /** What the caller finally got. {@code status} is {@link Exchange#NO_ANSWER} when no gateway answered. */
    public record Answer(int status, String body, String retryAfter) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final List<String> urls;
    private final History history;
    private final HttpClient http;
    private final Duration timeout;
    private final AtomicLong next = new AtomicLong();

    public Gateways(List<String> urls, History history, Duration timeout) {
        this.urls = List.copyOf(urls);
        this.history = history;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    public List<String> urls() {
        return urls;
    }

    /**
     * Sends the request built for one gateway's base URL, failing over to the other when the first does not
     * answer. {@code request} is called again for each gateway tried, so a signed request is signed afresh.
     *
     * @param orderId what the request is about, for the history; null for a new order (taken from the answer)
     */
    public Answer send(Operation operation, UUID orderId,
            BiFunction<String, HttpRequest.Builder, HttpRequest> request) {
        int first = (int) (next.getAndIncrement() % urls.size());
        Answer answer = new Answer(Exchange.NO_ANSWER, "", null);
        for (int tried = 0; tried < urls.size(); tried++) {
            String gateway = urls.get((first + tried) % urls.size());
            answer = once(gateway, operation, orderId, request);
            if (!unavailable(answer.status())) {
                return answer;
            }
        }
        return answer;
    }

    /** Sends to one named gateway, without failover: for probes that must reach a given node. */
    public Answer sendTo(String gateway, Operation operation, UUID orderId,
            BiFunction<String, HttpRequest.Builder, HttpRequest> request) {
        return once(gateway, operation, orderId, request);
    }

    private Answer once(String gateway, Operation operation, UUID orderId,
            BiFunction<String, HttpRequest.Builder, HttpRequest> request) {
        Instant sent = Instant.now();
        long started = System.nanoTime();
        int status = Exchange.NO_ANSWER;
        String body = "";
        String retryAfter = null;
        try {
            HttpResponse<String> response = http.send(request.apply(gateway, HttpRequest.newBuilder().timeout(timeout)),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        } catch (IOException noAnswer) {
            // Refused, reset or timed out: recorded as no answer; the caller fails over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        UUID about = orderId != null ? orderId : (status >= 200 && status < 300 ? OrderIds.fromBody(body) : null);
        history.add(new Exchange(sent, gateway, operation, status, about, latency));
        return new Answer(status, body, retryAfter);
    }

    static URI uri(String gateway, String path) {
        return URI.create(gateway + path);
    }

    private static boolean unavailable(int status) {
        return status == Exchange.NO_ANSWER || status == 502 || status == 503 || status == 504;
    }
}
