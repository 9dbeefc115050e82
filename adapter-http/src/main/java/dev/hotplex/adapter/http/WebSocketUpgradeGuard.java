package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.ErrorBody;
import dev.hotplex.core.error.HotplexException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The {@link BrowserGuard} for WebSocket upgrades. Javalin performs an upgrade before any of its {@code before}
 * handlers could look at it, so this servlet filter refuses a cross-origin (or, without keys, foreign-Host) upgrade
 * with a 403 in the error shape: the socket never opens, so a hostile page never gets to send a message.
 */
final class WebSocketUpgradeGuard implements Filter {
    private final BrowserGuard guard;
    private final JsonCodec codec;

    WebSocketUpgradeGuard(BrowserGuard guard, JsonCodec codec) {
        this.guard = requireNonNull(guard, "guard is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                && "websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
            try {
                guard.check(http.getHeader("Origin"), http.getHeader("Host"));
            } catch (HotplexException refused) {
                String requestId = UUID.randomUUID().toString();
                answer.setStatus(ErrorMapper.status(refused.errorCode()));
                answer.setContentType("application/json");
                answer.setHeader(Exchange.REQUEST_ID_HEADER, requestId);
                answer.getOutputStream().write(codec.write(ErrorBody.of(refused.errorCode().name(),
                        refused.getMessage(), requestId)));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
