package io.oasis.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's rules ({@code oasis.gateway.*}, in config/gateway.yml).
 *
 * @param rateLimits request budgets per caller
 * @param upstream how services are called, per service name
 * @param cors browser origins allowed to call the API
 * @param accessLog how refusals are logged
 */
@ConfigurationProperties("oasis.gateway")
public record GatewayProperties(
        @DefaultValue RateLimits rateLimits,
        @DefaultValue Map<String, Upstream> upstream,
        @DefaultValue Cors cors,
        @DefaultValue Server server,
        @DefaultValue AccessLog accessLog) {

    /**
     * @param anonymous the budget of a caller without a token, per IP address; a request whose token the
     *     gateway has not checked yet draws on it too, before the token's signature is checked
     * @param refusals per IP address, the answers of 401 and 403 (the gateway's and the services'); when it
     *     is spent, the address gets 429 before anything of its requests is checked but a known token
     * @param standard the budget of a caller whose roles match no tier
     * @param tiers budgets by role; the first listed role the caller has applies
     * @param operations stricter budgets for single operations, by operationId
     * @param redisUrl when set, buckets live in this Redis so that gateway instances share them
     */
    public record RateLimits(
            @DefaultValue({"60", "20"}) Limit anonymous,
            @DefaultValue({"30", "10"}) Limit refusals,
            @DefaultValue({"120", "30"}) Limit standard,
            @DefaultValue Map<String, Limit> tiers,
            @DefaultValue Map<String, Limit> operations,
            String redisUrl) {
    }

    /** A token bucket: {@code burst} at once, refilled at {@code perMinute}. */
    public record Limit(long perMinute, long burst) {
    }

    /**
     * @param connectTimeout how long to wait for a connection to an instance
     * @param responseTimeout how long to wait for its answer
     * @param failureRateThreshold percentage of failed calls, among the last {@code minimumCalls}, that opens the breaker
     * @param minimumCalls how many recent calls the breaker judges (none before that many were made)
     * @param openFor how long the breaker stays open before it lets a trial call through
     * @param maxConcurrentCalls calls to the service in progress at once; more are refused with 503 at
     *     once, so a hung service holds no more than this many of the gateway's request threads
     * @param connectionTimeToLive how long a pooled connection to an instance is used before it is replaced,
     *     so instances added behind the service's name (scaling out) get their share of the calls
     */
    public record Upstream(
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration responseTimeout,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("10s") Duration openFor,
            @DefaultValue("100") int maxConcurrentCalls,
            @DefaultValue("30s") Duration connectionTimeToLive) {
    }

    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * @param refusalInterval refusals (401, 403, 429, and 4xx answers to requests no operation took) are
     *     logged as a rate: an address's first one in each interval in full, then one line per address and
     *     interval with how many more there were
     */
    public record AccessLog(@DefaultValue("10s") Duration refusalInterval) {
    }

    /**
     * The public port. Its requests are read and answered on a few event-loop threads; a request's route
     * runs on one of {@code workerThreads}, which bounds the requests in progress (as a servlet
     * container's thread pool would).
     *
     * @param host the address to listen on; every interface by default, as a public door does
     * @param port the port (0: any free one)
     */
    public record Server(
            @DefaultValue("0.0.0.0") String host,
            @DefaultValue("8080") int port,
            @DefaultValue("200") int workerThreads) {
    }

    /** The settings of one service: its own entry, else {@code default}. */
    public Upstream upstream(String service) {
        Upstream own = upstream.get(service);
        if (own != null) {
            return own;
        }
        Upstream fallback = upstream.get("default");
        return fallback != null ? fallback : new Upstream(Duration.ofSeconds(2), Duration.ofSeconds(10), 50, 10,
                Duration.ofSeconds(10), 100, Duration.ofSeconds(30));
    }
}
