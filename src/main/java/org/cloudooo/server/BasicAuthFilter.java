package org.cloudooo.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.cloudooo.config.CloudoooConfig.BasicAuth;

/** Requires HTTP basic authentication on every request but the health check. */
final class BasicAuthFilter implements Filter {

  private static final String HEALTH = "/health";

  private final byte[] expected;

  BasicAuthFilter(BasicAuth credentials) {
    this.expected = ("Basic " + Base64.getEncoder().encodeToString(
        (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String given = http.getHeader("Authorization");
    boolean allowed = HEALTH.equals(http.getRequestURI())
        // Constant-time comparison: the time taken tells nothing about the password.
        || (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8)));
    if (allowed) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse answer = (HttpServletResponse) response;
    answer.setHeader("WWW-Authenticate", "Basic realm=\"cloudooo\", charset=\"UTF-8\"");
    answer.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    answer.setContentType("text/plain");
    answer.getWriter().write("authentication required\n");
  }
}
