package io.oasis.notification.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The blocks of IP addresses no webhook may reach: everything that is not the public internet (loopback,
 * private, link-local, cloud metadata, CGNAT, local-use NAT64, multicast, reserved, documentation), also
 * when written as an IPv6 address that carries an IPv4 one. The more specific blocks come first, so that
 * the reason names the most telling one.
 */
final class SpecialAddresses {

    private record Block(IPAddress addresses, String reason) {
    }

    private static final List<Block> V4 = List.of(
            block("0.0.0.0/8", "an unspecified (this-network) address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a carrier-grade NAT address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.169.254/32", "the cloud metadata address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "an IETF protocol address"),
            block("192.0.2.0/24", "a documentation address"),
            block("192.168.0.0/16", "a private address"),
            block("198.18.0.0/15", "a benchmarking address"),
            block("198.51.100.0/24", "a documentation address"),
            block("203.0.113.0/24", "a documentation address"),
            block("224.0.0.0/4", "a multicast address"),
            block("255.255.255.255/32", "the broadcast address"),
            block("240.0.0.0/4", "a reserved address"));

    private static final List<Block> V6 = List.of(
            block("::/128", "the unspecified address"),
            block("::1/128", "a loopback address"),
            block("fd00:ec2::254/128", "the cloud metadata address"),
            block("fc00::/7", "a private (unique local) address"),
            block("fe80::/10", "a link-local address"),
            block("fec0::/10", "a site-local address"),
            block("ff00::/8", "a multicast address"),
            block("100::/64", "a discard-only address"),
            // RFC 8215: the local network's own translators, whichever IPv4 address the rest of it carries.
            block("64:ff9b:1::/48", "a local-use NAT64 address"),
            block("2001:db8::/32", "a documentation address"));

    private static final IPAddressGenerator ADDRESSES = new IPAddressGenerator();

    private SpecialAddresses() {
    }

    /** Why no webhook may go to this address, or null if it is a public one. */
    static String forbiddenReason(InetAddress inet) {
        IPAddress address = ADDRESSES.from(inet);
        if (address.isIPv4()) {
            return reason(V4, address);
        }
        String special = reason(V6, address);
        if (special != null) {
            return special;
        }
        IPv6Address v6 = address.toIPv6();
        IPv4Address embedded = v6.isWellKnownIPv4Translatable() || v6.isIPv4Compatible() ? v6.getEmbeddedIPv4Address()
                : v6.is6To4() ? v6.get6To4IPv4Address() : null;
        if (embedded == null) {
            return null;
        }
        String inner = reason(V4, embedded);
        if (inner != null) {
            return "an IPv6 form of " + embedded + ", " + inner;
        }
        // ::a.b.c.d is deprecated and no public host is reached that way.
        return v6.isIPv4Compatible() ? "a deprecated IPv4-compatible address" : null;
    }

    /** Whether {@code address} lies in {@code block} (an address of the other IP version never does). */
    static boolean contains(IPAddress block, InetAddress address) {
        return block.contains(ADDRESSES.from(address));
    }

    private static String reason(List<Block> blocks, IPAddress address) {
        return blocks.stream().filter(block -> block.addresses().contains(address)).map(Block::reason).findFirst()
                .orElse(null);
    }

    private static Block block(String cidr, String reason) {
        return new Block(new IPAddressString(cidr).getAddress().toPrefixBlock(), reason);
    }
}
