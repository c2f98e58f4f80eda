package org.cloudooo.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.ReadListener;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.server.XmlRpcErrorLogger;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.util.SAXParsers;
import org.apache.xmlrpc.webserver.XmlRpcServlet;
import org.apache.xmlrpc.webserver.XmlRpcServletServer;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.cloudooo.jobs.JobService;
import org.cloudooo.service.Manager;
import org.cloudooo.service.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cloudooo's XML-RPC endpoint: POST on any path; other methods get 400 with an empty body
 * (what SlapOS' health promise expects). Requests are parsed without DTDs or external
 * entities and limited in size; Apache's extensions (Java serialization) stay off.
 */
public final class CloudoooServlet extends XmlRpcServlet {

  private static final Logger LOG = LoggerFactory.getLogger(CloudoooServlet.class);

  private static final String MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

  private final transient MethodTable methods;
  private final transient Manager manager;
  private final long maxRequestBytes;

  public CloudoooServlet(Manager manager, JobService jobs, long maxRequestBytes) {
    this.manager = manager;
    List<RpcMethod> all = new ArrayList<>(ManagerMethods.of(manager));
    all.addAll(LegacyMethods.of(manager));
    all.addAll(GranulateMethods.of(manager));
    all.addAll(JobMethods.of(jobs));
    this.methods = new MethodTable(all);
    this.maxRequestBytes = maxRequestBytes;
    // Deeply nested values would make the parse stack grow without bound; the JDK parser
    // reads this limit when a parser is created. No ODF or XML-RPC document needs more.
    if (System.getProperty(MAX_ELEMENT_DEPTH) == null) {
      System.setProperty(MAX_ELEMENT_DEPTH, "256");
    }
    // Apache XML-RPC parses every request with this JVM-wide factory.
    SAXParsers.setSAXParserFactory(new ThreadParserFactory());
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    XmlRpcServerConfigImpl serverConfig = (XmlRpcServerConfigImpl) getXmlRpcServletServer().getConfig();
    serverConfig.setEnabledForExtensions(false);
    serverConfig.setEnabledForExceptions(false);
  }

  @Override
  protected XmlRpcHandlerMapping newXmlRpcHandlerMapping() {
    return methods;
  }

  @Override
  protected XmlRpcServletServer newXmlRpcServer(ServletConfig config) throws XmlRpcException {
    XmlRpcServletServer server =
        new XmlRpcServletServer() {
          @Override
          protected Throwable convertThrowable(Throwable error) {
            return Faults.toFault(error);
          }

          /**
           * Answers of requests that carried documents are streamed (documents straight from
           * their files), never buffered whole to count them; the others are small and keep
           * their Content-Length.
           */
          @Override
          protected boolean isContentLengthRequired(XmlRpcStreamRequestConfig config) {
            return !RequestWorkspace.current().isUsed();
          }
        };
    server.setTypeFactory(new PythonTypeFactory(server));
    server.setXMLWriterFactory(new Utf8XmlWriterFactory());
    server.setErrorLogger(new QuietErrorLogger());
    return server;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    badRequest(response);
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    badRequest(response);
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
    badRequest(response);
  }

  private static void badRequest(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("text/plain");
    response.setContentLength(0);
  }

  @Override
  public void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    response.setHeader("Access-Control-Allow-Origin", "*");
    // The request's documents, the handlers' files and the answer live in one workspace,
    // moved out of the job root once the answer is written, before the response ends, so that a
    // client that has its answer finds nothing left behind (and deleted in the background).
    try (Workspace workspace = manager.openWorkspace()) {
      RequestWorkspace.serve(workspace, () -> super.doPost(
          new SizeLimitedRequest(request, maxRequestBytes), new WorkspaceClosingResponse(response, workspace)));
    }
  }

  /**
   * Deletes the request's workspace when the answer has been written, before the response is
   * closed; sends the answer whole at the close when it fits the output buffer.
   */
  private static final class WorkspaceClosingResponse extends HttpServletResponseWrapper {
    private final Workspace workspace;

    WorkspaceClosingResponse(HttpServletResponse response, Workspace workspace) {
      super(response);
      this.workspace = workspace;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      ServletOutputStream out = super.getOutputStream();
      return new ServletOutputStream() {
        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length);
        }

        /**
         * Ignored: the XML writer flushes as it ends the document, which would send the headers
         * and part of the body in a write of their own. Left to {@link #close}, an answer that
         * fits Jetty's output buffer leaves in one write, so that an instance killed while
         * answering has sent its client all of it or nothing (a load balancer resends nothing).
         */
        @Override
        public void flush() {
          // See above.
        }

        @Override
        public void close() throws IOException {
          workspace.close();
          out.close();
        }

        @Override
        public boolean isReady() {
          return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          out.setWriteListener(listener);
        }
      };
    }
  }

  /** Makes the body fail to read past the limit, so the parser stops and a fault is sent. */
  private static final class SizeLimitedRequest extends HttpServletRequestWrapper {
    private final long limit;

    SizeLimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (getContentLengthLong() > limit) {
        throw new RequestTooLargeException(limit);
      }
      return new LimitedStream(super.getInputStream(), limit);
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long count;

    LimitedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      count += n;
      if (count > limit) {
        throw new RequestTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }

  /** Faults are normal answers here: Apache's logger would print each with a stack trace. */
  private static final class QuietErrorLogger extends XmlRpcErrorLogger {
    @Override
    public void log(String message, Throwable error) {
      LOG.debug("XML-RPC error: {}", message, error);
    }

    @Override
    public void log(String message) {
      LOG.debug("XML-RPC error: {}", message);
    }
  }
}
