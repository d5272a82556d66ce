package io.oasis.gateway.security;

import io.oasis.common.security.SecurityProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one security filter of the public API's chain: a bearer token, when the request carries one,
 * must be valid (else 401, or 503 when the realm's keys cannot be fetched); a request without one
 * passes only to a public path (else 401). Which roles may call an operation is the gateway's role
 * table, checked when the request reaches its route ({@link io.oasis.gateway.GatewayGate}).
 *
 * <p>This is what the services' standard chain does for a bearer token, without the filters that
 * serve sessions, anonymous principals, request wrappers or URL-based rules, none of which a
 * stateless proxy uses: those were a seventh of the gateway's CPU per request. Answers are the same,
 * written by the same {@link SecurityProblems}.
 */
public final class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final BearerTokenResolver tokens;
    private final AuthenticationProvider authentication;
    private final List<RequestMatcher> publicPaths;
    private final SecurityProblems problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiAuthenticationFilter(BearerTokenResolver tokens, AuthenticationProvider authentication,
            List<RequestMatcher> publicPaths, SecurityProblems problems) {
        this.tokens = tokens;
        this.authentication = authentication;
        this.publicPaths = List.copyOf(publicPaths);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = null;
        // Only reading and checking the token answer 401/503 here; what the rest of the chain throws is not ours.
        try {
            String token = tokens.resolve(request);
            if (token != null) {
                caller = authentication.authenticate(new BearerTokenAuthenticationToken(token));
            }
        } catch (AuthenticationException failure) {
            problems.onAuthenticationFailure(request, response, failure);
            return;
        }
        if (caller == null) {
            if (isPublic(request)) {
                chain.doFilter(request, response);
            } else {
                problems.commence(request, response,
                        new InsufficientAuthenticationException("A bearer token is required"));
            }
            return;
        }

        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(caller);
        // Where CurrentUser finds the caller of a route; the thread's holder serves plain Spring code.
        request.setAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME, context);
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private boolean isPublic(HttpServletRequest request) {
        for (RequestMatcher path : publicPaths) {
            if (path.matches(request)) {
                return true;
            }
        }
        return false;
    }
}
