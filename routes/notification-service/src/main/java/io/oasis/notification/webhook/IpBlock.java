package io.oasis.notification.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A block of IP addresses (CIDR), and the blocks no webhook may reach: everything that is not the public
 * internet (loopback, private, link-local, cloud metadata, CGNAT, local-use NAT64, multicast, reserved,
 * documentation).
 * The more specific blocks come first, so that the reason names the most telling one.
 */
final class IpBlock {

    private static final List<IpBlock> SPECIAL_V4 = List.of(
            of("0.0.0.0/8", "an unspecified (this-network) address"),
            of("10.0.0.0/8", "a private address"),
            of("100.64.0.0/10", "a carrier-grade NAT address"),
            of("127.0.0.0/8", "a loopback address"),
            of("169.254.169.254/32", "the cloud metadata address"),
            of("169.254.0.0/16", "a link-local address"),
            of("172.16.0.0/12", "a private address"),
            of("192.0.0.0/24", "an IETF protocol address"),
            of("192.0.2.0/24", "a documentation address"),
            of("192.168.0.0/16", "a private address"),
            of("198.18.0.0/15", "a benchmarking address"),
            of("198.51.100.0/24", "a documentation address"),
            of("203.0.113.0/24", "a documentation address"),
            of("224.0.0.0/4", "a multicast address"),
            of("255.255.255.255/32", "the broadcast address"),
            of("240.0.0.0/4", "a reserved address"));

    private static final List<IpBlock> SPECIAL_V6 = List.of(
            of("::/128", "the unspecified address"),
            of("::1/128", "a loopback address"),
            of("fd00:ec2::254/128", "the cloud metadata address"),
            of("fc00::/7", "a private (unique local) address"),
            of("fe80::/10", "a link-local address"),
            of("fec0::/10", "a site-local address"),
            of("ff00::/8", "a multicast address"),
            of("100::/64", "a discard-only address"),
            // RFC 8215: the local network's own translators, whichever IPv4 address the rest of it carries.
            of("64:ff9b:1::/48", "a local-use NAT64 address"),
            of("2001:db8::/32", "a documentation address"));

    /** IPv6 prefixes that carry an IPv4 address, and where it sits: NAT64 (last 4 bytes), 6to4 (bytes 2 to 5). */
    private static final IpBlock NAT64 = of("64:ff9b::/96", null);
    private static final IpBlock SIX_TO_FOUR = of("2002::/16", null);
    private static final IpBlock IPV4_COMPATIBLE = of("::/96", null);

    private final byte[] network;
    private final int prefix;
    private final String reason;

    private IpBlock(byte[] network, int prefix, String reason) {
        this.network = network;
        this.prefix = prefix;
        this.reason = reason;
    }

    /** A block such as {@code 10.0.0.0/8}, {@code fc00::/7} or a single address such as {@code 127.0.0.1}. */
    static IpBlock parse(String cidr) throws ForbiddenTargetException {
        String[] parts = cidr.trim().split("/", 2);
        InetAddress address = WebhookTargetGuard.literal(parts[0].toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new ForbiddenTargetException(cidr + " is not an IP address or CIDR block"));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        } catch (NumberFormatException e) {
            throw new ForbiddenTargetException(cidr + " has an invalid prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new ForbiddenTargetException(cidr + " has an invalid prefix length");
        }
        return new IpBlock(address.getAddress(), prefix, null);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    /** Why no webhook may go to this address, or null if it is a public one. */
    static String forbiddenReason(InetAddress address) {
        if (address instanceof Inet4Address) {
            return reason(SPECIAL_V4, address);
        }
        String special = reason(SPECIAL_V6, address);
        if (special != null) {
            return special;
        }
        byte[] bytes = address.getAddress();
        byte[] embedded = null;
        if (NAT64.contains(address) || IPV4_COMPATIBLE.contains(address)) {
            embedded = Arrays.copyOfRange(bytes, 12, 16);
        } else if (SIX_TO_FOUR.contains(address)) {
            embedded = Arrays.copyOfRange(bytes, 2, 6);
        }
        if (embedded == null) {
            return null;
        }
        InetAddress v4 = v4(embedded);
        String inner = reason(SPECIAL_V4, v4);
        if (inner != null) {
            return "an IPv6 form of " + v4.getHostAddress() + ", " + inner;
        }
        // ::a.b.c.d is deprecated and no public host is reached that way.
        return IPV4_COMPATIBLE.contains(address) ? "a deprecated IPv4-compatible address" : null;
    }

    private static String reason(List<IpBlock> blocks, InetAddress address) {
        return blocks.stream().filter(block -> block.contains(address)).map(block -> block.reason).findFirst().orElse(null);
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static IpBlock of(String cidr, String reason) {
        try {
            IpBlock block = parse(cidr);
            return new IpBlock(block.network, block.prefix, reason);
        } catch (ForbiddenTargetException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
