package io.oasis.gateway.upstream;

import io.oasis.gateway.config.GatewayProperties;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The pooled connections to one service, spread over every instance behind its name: each new connection
 * starts at the next address ({@link RotatingDnsResolver}), idle connections are taken in turn (FIFO, where
 * the client's default reuses the last one), and each is replaced after a time to live, so instances that
 * join later are reached too. A Camel service, so the pool closes with the gateway.
 */
public final class UpstreamConnections extends ServiceSupport {

    private final PoolingHttpClientConnectionManager pool;

    public UpstreamConnections(GatewayProperties.Upstream settings) {
        // A pooled connection for every call the bulkhead lets through, so none waits for one.
        pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new RotatingDnsResolver())
                .setConnPoolPolicy(PoolReusePolicy.FIFO)
                .setMaxConnPerRoute(settings.maxConcurrentCalls())
                .setMaxConnTotal(settings.maxConcurrentCalls())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        .setTimeToLive(TimeValue.of(settings.connectionTimeToLive()))
                        .build())
                .build();
    }

    public PoolingHttpClientConnectionManager pool() {
        return pool;
    }

    @Override
    protected void doStop() {
        pool.close();
    }
}
