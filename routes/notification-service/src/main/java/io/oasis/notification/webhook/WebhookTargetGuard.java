package io.oasis.notification.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Keeps webhooks off this service's own network (server-side request forgery): a subscriber chooses the URL,
 * so without this check a webhook could reach the loopback interface, the private network or the cloud
 * metadata service.
 *
 * <p>A URL must be absolute {@code https} (plain {@code http} only for allowed targets), without user
 * information or fragment. Its host is read strictly: an IP address only in its standard form
 * ({@code a.b.c.d}, or IPv6 in brackets), never in the decimal, octal, hexadecimal or shortened forms
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1}, {@code 127.1}) that resolvers read
 * differently. A name is resolved once, and every address it resolves to must be public; the sender then
 * connects to exactly those addresses (see {@link GuardedDnsResolver}), so a second lookup cannot answer
 * differently (DNS rebinding).
 *
 * <p>{@code allowedTargets} lets chosen hosts (by name), addresses or CIDR blocks through, e.g. a receiver
 * on the private network, or loopback in tests.
 */
public class WebhookTargetGuard {

    /** Looks a host name up: the system's resolver in production, a fixed answer in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_RESOLVER = host -> List.of(InetAddress.getAllByName(host));

    /** A host whose last label is a number or a hex number is an IP address, whatever else it looks like. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private final Resolver resolver;
    private final Set<String> allowedHosts = new HashSet<>();
    private final List<IPAddress> allowedBlocks = new ArrayList<>();

    /**
     * @param allowedTargets host names, IP addresses or CIDR blocks that may be reached although they are not
     *                       public, and over plain http
     */
    public WebhookTargetGuard(Resolver resolver, Collection<String> allowedTargets) {
        this.resolver = resolver;
        for (String target : allowedTargets) {
            String entry = target.trim();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                String[] parts = entry.split("/", 2);
                String host = host(parts[0]);
                if (parts.length == 2 || literal(host).isPresent()) {
                    allowedBlocks.add(block(host, parts.length == 2 ? parts[1] : null));
                } else {
                    allowedHosts.add(host);
                }
            } catch (ForbiddenTargetException e) {
                throw new IllegalArgumentException("Allowed webhook target " + entry + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks the form of a webhook URL, and its host when that is an IP address; a name is not looked up
     * (see {@link #resolve}).
     *
     * @return the URL to send to
     * @throws ForbiddenTargetException with the reason, e.g. {@code 10.0.0.1 is a private address}
     */
    public URI checkUrl(String url) throws ForbiddenTargetException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new ForbiddenTargetException("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ForbiddenTargetException("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ForbiddenTargetException("must not contain user information (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new ForbiddenTargetException("must not have a fragment (#...)");
        }
        if (uri.getHost() == null) {
            // java.net.URI leaves the host out when it is neither a valid name nor a standard IP address (127.1).
            throw new ForbiddenTargetException(uri.getRawAuthority() == null ? "must name a host"
                    : "has a host that is neither a valid name nor an IP address in standard form");
        }
        String host = host(uri.getHost());
        Optional<InetAddress> address = literal(host);
        if (address.isPresent()) {
            check(host, address.get(), true);
        }
        if (scheme.equals("http") && !allowedHosts.contains(host)
                && !(address.isPresent() && isAllowedAddress(address.get()))) {
            throw new ForbiddenTargetException("must use https (plain http only for allowed targets)");
        }
        return uri;
    }

    /**
     * The addresses to connect to for a host: its IP address, or what its name resolves to (one lookup),
     * every one of them checked.
     *
     * @param host a host name or IP address as in a URL (IPv6 with or without brackets)
     * @throws ForbiddenTargetException if the host or any address it resolves to may not be reached
     * @throws UnknownHostException     if the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String name = host(host);
        Optional<InetAddress> literal = literal(name);
        List<InetAddress> addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(name);
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : addresses) {
            check(name, address, literal.isPresent());
        }
        return List.copyOf(addresses);
    }

    /** What a new subscription's URL gets: {@link #checkUrl} and {@link #resolve} of its host. */
    public URI checkTarget(String url) throws UnknownHostException {
        URI uri = checkUrl(url);
        resolve(uri.getHost());
        return uri;
    }

    private void check(String host, InetAddress address, boolean literal) throws ForbiddenTargetException {
        if (allowedHosts.contains(host) || isAllowedAddress(address)) {
            return;
        }
        String reason = SpecialAddresses.forbiddenReason(address);
        if (reason != null) {
            throw new ForbiddenTargetException(literal ? host + " is " + reason
                    : host + " resolves to " + address.getHostAddress() + ", " + reason);
        }
    }

    private boolean isAllowedAddress(InetAddress address) {
        return allowedBlocks.stream().anyMatch(block -> SpecialAddresses.contains(block, address));
    }

    /** An address in its standard form, with a prefix length or without (a single address), as a block. */
    private static IPAddress block(String host, String prefix) throws ForbiddenTargetException {
        String cidr = prefix == null ? host : host + "/" + prefix;
        if (literal(host).isEmpty()) {
            throw new ForbiddenTargetException(cidr + " is not an IP address or CIDR block");
        }
        IPAddress block = new IPAddressString(cidr).getAddress();
        if (block == null || (prefix != null && !prefix.chars().allMatch(Character::isDigit))) {
            throw new ForbiddenTargetException(cidr + " has an invalid prefix length");
        }
        return block.toPrefixBlock();
    }

    /**
     * The host in the one form checks compare: lower case, without IPv6 brackets or the trailing dot of an
     * absolute name ({@code localhost.} is {@code localhost}).
     */
    static String host(String raw) throws ForbiddenTargetException {
        if (raw == null || raw.isEmpty()) {
            throw new ForbiddenTargetException("must name a host");
        }
        String host = raw.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || host.endsWith("]")) {
            if (!(host.startsWith("[") && host.endsWith("]") && host.length() > 2)) {
                throw new ForbiddenTargetException(raw + " is not a valid IPv6 address");
            }
            host = host.substring(1, host.length() - 1);
            if (!host.contains(":")) {
                throw new ForbiddenTargetException(raw + " is not a valid IPv6 address");
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.endsWith(".") || host.startsWith(".")) {
            throw new ForbiddenTargetException(raw + " is not a valid host");
        }
        return host;
    }

    /**
     * The IP address a normalized host names, parsed without any lookup, or empty for a host name.
     *
     * @throws ForbiddenTargetException for an IP address in anything but its standard form
     */
    static Optional<InetAddress> literal(String host) throws ForbiddenTargetException {
        try {
            if (host.contains(":")) {
                if (host.contains("%")) {
                    throw new ForbiddenTargetException(host + ": scoped IPv6 addresses are not accepted");
                }
                if (!(InetAddressUtils.isIPv6(host) || InetAddressUtils.isIPv4MappedIPv6(host))) {
                    throw new ForbiddenTargetException(host + " is not a valid IPv6 address");
                }
                // A valid IPv6 literal is parsed by InetAddress, never looked up.
                return Optional.of(InetAddress.getByName(host));
            }
            String lastLabel = host.substring(host.lastIndexOf('.') + 1);
            if (!NUMERIC_LABEL.matcher(lastLabel).matches()) {
                return Optional.empty();
            }
            if (!DOTTED_QUAD.matcher(host).matches()) {
                throw new ForbiddenTargetException(host + " is an IP address in a non-standard form; write it as a.b.c.d");
            }
            byte[] bytes = new byte[4];
            String[] parts = host.split("\\.");
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    throw new ForbiddenTargetException(host + " is not a valid IPv4 address");
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (ForbiddenTargetException e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new ForbiddenTargetException(host + " is not a valid IP address");
        }
    }
}
