package io.oasis.gateway.observe;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Spring's CORS filter for the API, entered only by requests that carry an {@code Origin}.
 *
 * <p>For any other request Spring's processor only adds {@code Vary: Origin,
 * Access-Control-Request-Method, Access-Control-Request-Headers} (so a cache never hands a
 * same-origin answer to a cross-origin caller), but first resolves the request's path and matches it
 * against the configured patterns: a fortieth of the gateway's CPU per request. This adds the same
 * {@code Vary} to the API's answers directly.
 */
public final class ApiCorsFilter extends CorsFilter {

    private final String apiPrefix;

    /** @param apiPrefix the path the configuration source covers, for example {@code /api/v1/} */
    public ApiCorsFilter(CorsConfigurationSource source, String apiPrefix) {
        super(source);
        this.apiPrefix = apiPrefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.ORIGIN) != null) {
            super.doFilterInternal(request, response, chain);
            return;
        }
        if (request.getRequestURI().startsWith(apiPrefix)) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        }
        chain.doFilter(request, response);
    }
}
