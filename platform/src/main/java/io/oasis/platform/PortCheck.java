package io.oasis.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks up front that every port the platform will listen on is free, so a clash fails in a
 * second with the port and its purpose named, instead of half a platform and a bind stack trace.
 */
final class PortCheck {

    private final Map<Integer, String> wanted = new LinkedHashMap<>();

    PortCheck want(int port, String purpose) {
        String previous = wanted.putIfAbsent(port, purpose);
        if (previous != null) {
            throw new PlatformStartException("Port " + port + " is configured twice: for " + previous
                    + " and for " + purpose + ".");
        }
        return this;
    }

    List<Integer> ports() {
        return List.copyOf(wanted.keySet());
    }

    void verifyAllFree() {
        Map<Integer, String> busy = wanted.entrySet().stream()
                .filter(entry -> !isFree(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        if (!busy.isEmpty()) {
            String list = busy.entrySet().stream()
                    .map(entry -> "port " + entry.getKey() + " (wanted by " + entry.getValue() + ")")
                    .collect(Collectors.joining(", "));
            throw new PlatformStartException("Cannot start: " + list + (busy.size() == 1 ? " is" : " are")
                    + " already in use. Stop whatever holds it (is Oasis already running? try"
                    + " `ss -ltnp | grep " + busy.keySet().iterator().next() + "`) or choose another port"
                    + " (the service ports follow GATEWAY_PORT, CUSTOMER_PORT, ORDER_PORT, NOTIFICATION_PORT).");
        }
    }

    /** Binds like the servers will (all interfaces), so a listener on any address counts as busy. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
