package io.oasis.notification.delivery;

import java.net.URI;

/** Recipients as logs show them: enough to tell them apart, not enough to contact anyone. */
public final class Recipients {

    private Recipients() {
    }

    public static String mask(Channel channel, String recipient) {
        if (recipient == null || recipient.isEmpty()) {
            return "-";
        }
        return switch (channel) {
            case EMAIL -> maskEmail(recipient);
            case SMS -> recipient.length() <= 4 ? "****" : "*".repeat(recipient.length() - 3)
                    + recipient.substring(recipient.length() - 3);
            case PUSH -> recipient.substring(0, Math.min(6, recipient.length())) + "...";
            case WEBHOOK -> webhookHost(recipient);
        };
    }

    private static String maskEmail(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    private static String webhookHost(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/...";
        } catch (IllegalArgumentException e) {
            return "(invalid url)";
        }
    }
}
