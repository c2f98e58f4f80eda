package org.cloudooo.rpc;

import org.cloudooo.service.Workspace;

/**
 * The workspace of the XML-RPC request this thread serves. Apache XML-RPC parses, runs and
 * answers a request on the servlet's thread, so the parser (which spools documents), the
 * methods and the answer's writer (which streams files) all find the same one here.
 */
final class RequestWorkspace {

  private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

  private RequestWorkspace() {}

  /** Serves one request in {@code workspace}, which the caller closes after the answer was written. */
  static void serve(Workspace workspace, ServletBody body) throws java.io.IOException, javax.servlet.ServletException {
    CURRENT.set(workspace);
    try {
      body.run();
    } finally {
      CURRENT.remove();
    }
  }

  static Workspace current() {
    Workspace workspace = CURRENT.get();
    if (workspace == null) {
      throw new IllegalStateException("no XML-RPC request is being served on this thread");
    }
    return workspace;
  }

  interface ServletBody {
    void run() throws java.io.IOException, javax.servlet.ServletException;
  }
}
