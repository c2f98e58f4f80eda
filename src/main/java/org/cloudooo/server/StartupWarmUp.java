package org.cloudooo.server;

import java.util.concurrent.CompletableFuture;
import javax.servlet.http.HttpServlet;
import org.cloudooo.jobs.JobService;
import org.cloudooo.rpc.CloudoooServlet;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, while the backends start, the classes that the server needs only once they are up:
 * Jetty's handlers, connector and HTTP parser, the XML-RPC servlet, the job store's JSON. About
 * a thousand classes; loaded after soffice had started, they held the server's first accept back
 * by some 0.8 s on 2 cores, while the second core had waited idle beside soffice's start. Nothing
 * built here is kept, started or bound.
 */
final class StartupWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

  private StartupWarmUp() {}

  /** Starts the loading on a thread of its own; the returned future never fails. */
  static CompletableFuture<Void> start() {
    return CompletableFuture.runAsync(StartupWarmUp::load, StartThreads.named("startup-warm-up"));
  }

  private static void load() {
    try {
      Server jetty = new Server();
      jetty.addConnector(new ServerConnector(jetty));
      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
      context.addServlet(new ServletHolder(new HttpServlet() {}), "/*");
      GracefulHandler graceful = new GracefulHandler();
      graceful.setHandler(context);
      jetty.setHandler(graceful);
      // Their static tables (header caches, MIME types) are the costly part of the first request.
      for (Class<?> type : new Class<?>[] {HttpParser.class, HttpGenerator.class, MimeTypes.class,
          CloudoooServlet.class}) {
        Class.forName(type.getName(), true, type.getClassLoader());
      }
      JobService.warmUp();
    } catch (Exception | LinkageError e) {
      // Only time is lost: the same classes load when the server first uses them.
      LOG.debug("start-up warm-up stopped: {}", e.toString());
    }
  }
}
