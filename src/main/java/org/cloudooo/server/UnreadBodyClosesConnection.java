package org.cloudooo.server;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * Says {@code Connection: close} on an answer that starts before the request's body was read to
 * its end: a call over {@code max_request_size}, a malformed call, a refused POST. Jetty cannot
 * keep such a connection (the rest of the body would be read as the next request) and closes it
 * after the answer; it adds the header itself only to answers still uncommitted when the request
 * ends, and ours commit as soon as their Content-Length is written. Without the header a client
 * reusing its kept-alive connection sends its next request into a closing socket and gets no
 * answer at all.
 */
final class UnreadBodyClosesConnection implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    var body = new BodyTrackingRequest((HttpServletRequest) request);
    chain.doFilter(body, new ClosingResponse((HttpServletResponse) response, body));
  }

  /** Remembers the body stream the application reads, to ask it when answering whether it reached the end. */
  private static final class BodyTrackingRequest extends HttpServletRequestWrapper {
    private ServletInputStream body;

    BodyTrackingRequest(HttpServletRequest request) {
      super(request);
    }

    boolean bodyUnread() {
      boolean declared = getContentLengthLong() > 0 || getHeader("Transfer-Encoding") != null;
      return declared && (body == null || !body.isFinished());
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      body = super.getInputStream();
      return body;
    }
  }

  /** Adds the header, when the body is unread, at the last moment before the answer can commit. */
  private static final class ClosingResponse extends HttpServletResponseWrapper {
    private final BodyTrackingRequest request;

    ClosingResponse(HttpServletResponse response, BodyTrackingRequest request) {
      super(response);
      this.request = request;
    }

    private void closeIfBodyUnread() {
      if (!isCommitted() && request.bodyUnread()) {
        setHeader("Connection", "close");
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      closeIfBodyUnread();
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      closeIfBodyUnread();
      return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
      closeIfBodyUnread();
      super.flushBuffer();
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      closeIfBodyUnread();
      super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
      closeIfBodyUnread();
      super.sendError(status);
    }
  }
}
