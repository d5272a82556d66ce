package io.oasis.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * HttpClient's DNS resolver for webhooks: the one lookup of a connection goes through the guard, and the
 * client connects to exactly the addresses the guard checked, while the request keeps the URL's host name
 * (Host header, TLS server name and certificate check). So the address cannot change between check and use.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final WebhookTargetGuard guard;

    GuardedDnsResolver(WebhookTargetGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolve(host).toArray(InetAddress[]::new);
    }

    /** Only asked for Kerberos/SPNEGO, which webhooks do not use; the name as given avoids a reverse lookup. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
