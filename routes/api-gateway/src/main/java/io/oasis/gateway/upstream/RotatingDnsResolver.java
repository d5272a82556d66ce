package io.oasis.gateway.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a service's name to all its addresses, starting at the next one on each new connection, so
 * the connections to one name spread over every instance behind it (compose replicas, a headless
 * Kubernetes Service). The system resolver answers in the same order until its cache expires, and the
 * HTTP client connects to the first address that answers: every connection would reach one instance.
 */
public final class RotatingDnsResolver implements DnsResolver {

    private final DnsResolver delegate;
    private final AtomicInteger next = new AtomicInteger();

    public RotatingDnsResolver() {
        this(SystemDefaultDnsResolver.INSTANCE);
    }

    RotatingDnsResolver(DnsResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = delegate.resolve(host);
        if (addresses.length < 2) {
            return addresses;
        }
        int first = Math.floorMod(next.getAndIncrement(), addresses.length);
        InetAddress[] rotated = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            rotated[i] = addresses[(first + i) % addresses.length];
        }
        return rotated;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }
}
