package io.oasis.gateway.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.oasis.common.contract.ApiOperation;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Token buckets per caller (bucket4j): a caller is its token's client and user ({@code azp/sub}),
 * or its IP address without a token. Each also has a budget of refusals (401 and 403 answers).
 * Buckets live in this JVM, or in Redis when {@code oasis.gateway.rate-limits.redis-url} is set so that
 * all gateway instances share them.
 */
public final class RateLimiter implements AutoCloseable {

    private static final long WINDOW_SECONDS = 60;
    private static final String REFUSALS = "refusals";

    private final GatewayProperties.RateLimits limits;
    private final Function<String, Function<BucketConfiguration, Bucket>> buckets;
    private final AutoCloseable resources;
    // One configuration per limit, built once: a bucket that exists does not need it again.
    private final Map<GatewayProperties.Limit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    private RateLimiter(GatewayProperties.RateLimits limits,
            Function<String, Function<BucketConfiguration, Bucket>> buckets, AutoCloseable resources) {
        this.limits = limits;
        this.buckets = buckets;
        this.resources = resources;
    }

    /** Buckets in this JVM; idle ones are forgotten (a full bucket is the same as none). */
    public static RateLimiter local(GatewayProperties.RateLimits limits) {
        Cache<String, Bucket> cache = Caffeine.newBuilder()
                // Upkeep on the request's own thread: handed to the common pool, it woke another thread.
                .executor(Runnable::run)
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(200_000)
                .build();
        return new RateLimiter(limits, key -> config -> cache.get(key,
                k -> Bucket.builder().addLimit(config.getBandwidths()[0]).build()), () -> cache.invalidateAll());
    }

    /** Buckets in Redis; a key expires once its bucket would be full again. */
    public static RateLimiter redis(GatewayProperties.RateLimits limits, String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        StatefulRedisConnection<String, byte[]> connection =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        ProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
        return new RateLimiter(limits, key -> config -> proxies.builder().build(key, () -> config), () -> {
            connection.close();
            client.shutdown();
        });
    }

    /** Takes one token for this request from the caller's bucket for the budget that applies. */
    public RateLimitDecision take(ApiOperation operation, Optional<CurrentUser> caller, String remoteAddress) {
        String policy;
        GatewayProperties.Limit limit;
        GatewayProperties.Limit forOperation = limits.operations().get(operation.id());
        if (forOperation != null) {
            policy = operation.id();
            limit = forOperation;
        } else if (caller.isEmpty()) {
            policy = "anonymous";
            limit = limits.anonymous();
        } else {
            Map.Entry<String, GatewayProperties.Limit> tier = limits.tiers().entrySet().stream()
                    .filter(entry -> caller.get().hasRole(entry.getKey()))
                    .findFirst()
                    .orElse(Map.entry("standard", limits.standard()));
            policy = tier.getKey();
            limit = tier.getValue();
        }
        return consume(policy, limit, bucket(policy, limit, account(caller, remoteAddress)));
    }

    /**
     * Whose budgets a request draws on: a caller with a valid token their own ({@code azp/sub}), so that
     * others behind the same address are not limited for them; anyone else their address.
     */
    public static String account(Optional<CurrentUser> caller, String remoteAddress) {
        return caller.map(user -> user.clientId() + "/" + user.subject()).orElse("ip/" + remoteAddress);
    }

    /**
     * Whether the account ({@link #account}) may be refused once more (its refusal budget is not spent),
     * without taking from it: a request from an address whose budget is spent is answered 429 before any of
     * its work is done.
     */
    public RateLimitDecision refusalsLeft(String account) {
        GatewayProperties.Limit limit = limits.refusals();
        EstimationProbe probe = bucket(REFUSALS, limit, account).estimateAbilityToConsume(1);
        long retryAfter = probe.canBeConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        long missing = Math.max(0, limit.burst() - probe.getRemainingTokens());
        long reset = (missing * WINDOW_SECONDS + limit.perMinute() - 1) / Math.max(1, limit.perMinute());
        return new RateLimitDecision(REFUSALS, limit.perMinute(), WINDOW_SECONDS, probe.getRemainingTokens(),
                Math.max(reset, retryAfter), retryAfter, probe.canBeConsumed());
    }

    /** Takes one refusal (a 401 or 403 answered) from the account's ({@link #account}) budget. */
    public RateLimitDecision refuse(String account) {
        GatewayProperties.Limit limit = limits.refusals();
        return consume(REFUSALS, limit, bucket(REFUSALS, limit, account));
    }

    private Bucket bucket(String policy, GatewayProperties.Limit limit, String who) {
        // The limit's numbers are part of the key, so a changed limit starts fresh buckets.
        String key = "oasis:ratelimit:" + policy + ":" + limit.perMinute() + "/" + limit.burst() + ":" + who;
        return buckets.apply(key).apply(configurations.computeIfAbsent(limit, RateLimiter::configuration));
    }

    private static RateLimitDecision consume(String policy, GatewayProperties.Limit limit, Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new RateLimitDecision(policy, limit.perMinute(), WINDOW_SECONDS, probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())), probe.isConsumed());
    }

    private static BucketConfiguration configuration(GatewayProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(limit.perMinute(), Duration.ofSeconds(WINDOW_SECONDS)).build())
                .build();
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
