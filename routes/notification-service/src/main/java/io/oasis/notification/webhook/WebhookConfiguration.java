package io.oasis.notification.webhook;

import io.oasis.common.http.NoAutomaticRetries;
import io.oasis.notification.delivery.DeliverySettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(WebhookSettings.class)
class WebhookConfiguration {

    @Bean
    WebhookTargetGuard webhookTargetGuard(WebhookSettings settings) {
        return new WebhookTargetGuard(WebhookTargetGuard.SYSTEM_RESOLVER, settings.allowedTargets());
    }

    /**
     * The HTTP client of {@link WebhookSendRoute} (camel-http takes it as its {@code httpClient}). Its own,
     * not the shared http component's: its DNS resolver is the target guard, so it connects only to
     * addresses the guard checked; it follows no redirect, retries nothing itself (the dispatcher's schedule
     * does), keeps no cookies, uses no proxy from system properties, and gives up after the timeout (each wait)
     * or twice the timeout (the whole exchange).
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient webhookHttpClient(WebhookTargetGuard guard, WebhookSettings settings,
            DeliverySettings delivery) {
        return httpClient(guard, settings.timeout(), delivery.senders());
    }

    /**
     * @param timeoutSetting each wait: for the connection, and for every read of the answer; the exchange as a
     *                       whole is cut off after twice that
     */
    static CloseableHttpClient httpClient(WebhookTargetGuard guard, Duration timeoutSetting, int maxConnections) {
        Timeout timeout = Timeout.of(timeoutSetting);
        Executor atDeadline = CompletableFuture.delayedExecutor(timeoutSetting.multipliedBy(2).toMillis(),
                TimeUnit.MILLISECONDS);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        return NoAutomaticRetries.configure(HttpClients.custom())
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(WebhookSender.USER_AGENT)
                // Timeouts bound each wait, not a receiver that dribbles its answer a byte at a time: at the
                // deadline the connection is dropped, whatever is still being read (a no-op once released).
                .addExecInterceptorFirst("webhook-deadline", (request, scope, chain) -> {
                    atDeadline.execute(scope.execRuntime::discardEndpoint);
                    return chain.proceed(request, scope);
                })
                .build();
    }
}
