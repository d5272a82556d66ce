package io.oasis.common.web;

import java.util.Locale;

/**
 * What a request may declare about its body to the platform's REST routes, which read bodies as they
 * were sent. Refused with 415: a form or multipart body on a method that carries none (GET, HEAD,
 * OPTIONS: nothing could read it, and the servers' form parsers fail on it), and a compressed body
 * (Content-Encoding), which would be inflated past the body size limit before anything checked it.
 */
public final class RequestContent {

    private RequestContent() {
    }

    /** Why a request with this method, Content-Type and Content-Encoding is refused, or null if it is not. */
    public static String unsupported(String method, String contentType, String contentEncoding) {
        if (isFormWithoutBody(method, contentType)) {
            return formWithoutBody(method);
        }
        if (contentEncoding != null && !contentEncoding.isBlank() && !"identity".equalsIgnoreCase(contentEncoding.trim())) {
            return "Send the request body uncompressed (got Content-Encoding " + contentEncoding + ").";
        }
        return null;
    }

    /** A form or multipart Content-Type on a method other than POST, PUT, PATCH and DELETE. */
    public static boolean isFormWithoutBody(String method, String contentType) {
        if (contentType == null || method == null) {
            return false;
        }
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> false;
            default -> {
                String type = contentType.stripLeading().toLowerCase(Locale.ROOT);
                yield type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
            }
        };
    }

    /** The detail of the refusal of a form on a method without a body. */
    public static String formWithoutBody(String method) {
        return "A " + method + " request has no body: send it without a form or multipart Content-Type.";
    }
}
