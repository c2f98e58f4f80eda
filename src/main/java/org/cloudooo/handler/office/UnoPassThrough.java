package org.cloudooo.handler.office;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudooo.core.Causes;
import org.cloudooo.supervision.PoolListener;
import org.cloudooo.supervision.PoolStatus;
import org.cloudooo.supervision.RetryPolicy;
import org.cloudooo.supervision.WorkerPool;
import org.cloudooo.supervision.WorkerStatus;
import org.cloudooo.supervision.WorkerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UNO pass-through ({@code uno_accept}): what the original office daemon did. A UNO client
 * connects here as to a plain soffice and gets one worker of the office pool to itself for as
 * long as its connection lives. A session is one job of the pool: it waits {@code queue_timeout}
 * for a worker, counts as a use toward {@code limit_number_request}, and a worker it broke is
 * killed and replaced by the spare. After each session the documents the client left open are
 * closed and the worker must answer a Desktop call before it serves again.
 */
final class UnoPassThrough implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UnoPassThrough.class);
  private static final String POOL = "office";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** How long cut sessions may take to give their workers back. */
  private static final Duration CLEANUP_TIMEOUT = AfterSession.CLEANUP_TIMEOUT;
  private static final Duration ACCEPTOR_EXIT_WAIT = Duration.ofSeconds(5);

  /** A session runs once; a worker it left unfit is killed and replaced (the reason names why). */
  private static final RetryPolicy SESSION_POLICY = new RetryPolicy("uno-session", 1,
      failure -> failure instanceof WorkerUnfit unfit ? Optional.of(unfit.reason) : Optional.empty());

  /** A worker that must not serve again after a session: the pool kills and replaces it. */
  private static final class WorkerUnfit extends Exception {
    final String reason;
    final String workerId;

    WorkerUnfit(String workerId, String reason, String message) {
      super(message);
      this.workerId = workerId;
      this.reason = reason;
    }
  }

  private record Session(String client, long startNanos) {}

  private final WorkerPool<OfficeWorker> pool;
  private final UnoSettings settings;
  private final UnoAccept accept;
  private final AllowedClients allowedClients;
  private final Duration queueTimeout;
  private final int maxQueue;
  private final Duration shutdownGrace;
  private final int poolSize;
  private final PoolListener listener;
  private final ServerSocketChannel server;
  private final Path pipeFile;
  private final Semaphore sessionPermits;
  private final Map<String, Session> sessionsByWorker = new ConcurrentHashMap<>();
  private final Set<UnoRelay> relays = ConcurrentHashMap.newKeySet();
  private final ExecutorService sessionThreads = Executors.newCachedThreadPool(daemon("uno-session"));
  private final AfterSession afterSession = new AfterSession();
  private final AtomicLong pipeClients = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger waitingForSession = new java.util.concurrent.atomic.AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closing;
  private volatile long shutdownStartNanos;

  private UnoPassThrough(WorkerPool<OfficeWorker> pool, UnoSettings settings, UnoAccept accept, Duration queueTimeout,
      int maxQueue, Duration shutdownGrace, int poolSize, PoolListener listener, ServerSocketChannel server, Path pipeFile) {
    this.pool = pool;
    this.settings = settings;
    this.accept = accept;
    this.allowedClients = AllowedClients.parse(settings.allowedClients());
    this.queueTimeout = queueTimeout;
    this.maxQueue = maxQueue;
    this.shutdownGrace = shutdownGrace;
    this.poolSize = poolSize;
    this.listener = listener;
    this.server = server;
    this.pipeFile = pipeFile;
    this.sessionPermits = new Semaphore(settings.maxSessions(), true);
    this.acceptor = new Thread(this::acceptLoop, "uno-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Listens on {@code uno_accept}; throws with a readable message when it cannot.
   *
   * @param queueTimeout how long a client waits for a session, then for a worker ({@code queue_timeout})
   * @param maxQueue clients that may wait for a session at once; one more is rejected at once ({@code max_queue_size})
   */
  static UnoPassThrough start(WorkerPool<OfficeWorker> pool, UnoSettings settings, Duration queueTimeout, int maxQueue,
      Duration shutdownGrace, int poolSize, PoolListener listener) {
    UnoAccept accept = UnoAccept.parse(settings.accept());
    ServerSocketChannel server;
    Path pipeFile = null;
    try {
      if (accept instanceof UnoAccept.Pipe pipe) {
        pipeFile = pipe.socketFile();
      }
      server = accept.open();
    } catch (IOException e) {
      throw new IllegalStateException("uno_accept: cannot listen on " + accept.describe() + " (" + e.getMessage()
          + "); another program may use it: choose another port or pipe name", e);
    }
    var passThrough = new UnoPassThrough(pool, settings, accept, queueTimeout, maxQueue, shutdownGrace, poolSize, listener, server, pipeFile);
    passThrough.acceptor.start();
    LOG.info("Accepting on {} (UNO pass-through: up to {} sessions of at most {} s; TCP clients {})", accept.describe(),
        settings.maxSessions(), settings.sessionTimeout().toSeconds(), passThrough.allowedClients);
    LOG.warn("the UNO pass-through gives every client that connects the full power of LibreOffice, hence of this"
        + " server's user (files, network, programs); serve only trusted clients");
    return passThrough;
  }

  /** The client of each worker in a session, by worker id, for the status page. */
  Map<String, String> clientsByWorker() {
    Map<String, String> clients = new ConcurrentHashMap<>();
    sessionsByWorker.forEach((worker, session) -> clients.put(worker, session.client()));
    return clients;
  }

  private void acceptLoop() {
    while (!closing) {
      SocketChannel connection;
      try {
        connection = server.accept();
      } catch (ClosedChannelException e) {
        break;
      } catch (IOException e) {
        if (closing) {
          break;
        }
        LOG.warn("UNO pass-through: accepting a connection on {} failed: {}", accept.describe(), e.getMessage());
        pause();
        continue;
      }
      String client = describe(connection);
      if (!allowed(connection)) {
        LOG.warn("{} refused: its address is not in uno_allowed_clients ({})", client, allowedClients);
        closeQuietly(connection);
        listener.sessionEnded(POOL, "refused", Duration.ZERO);
        continue;
      }
      try {
        sessionThreads.execute(() -> serve(connection, client));
      } catch (RejectedExecutionException e) {
        closeQuietly(connection);
      }
    }
  }

  private boolean allowed(SocketChannel connection) {
    try {
      return !(connection.getRemoteAddress() instanceof InetSocketAddress remote) || allowedClients.allows(remote.getAddress());
    } catch (IOException e) {
      return false;
    }
  }

  private String describe(SocketChannel connection) {
    try {
      if (connection.getRemoteAddress() instanceof InetSocketAddress remote) {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
      }
    } catch (IOException e) {
      // Described as a pipe client below.
    }
    return "pipe-client-" + pipeClients.incrementAndGet();
  }

  /** One connection: wait for a session slot and a worker, relay, clean up; the connection is closed at the end. */
  private void serve(SocketChannel connection, String client) {
    boolean permitted = false;
    try {
      permitted = sessionPermits.tryAcquire();
      if (!permitted) {
        if (waitingForSession.incrementAndGet() > maxQueue) {
          waitingForSession.decrementAndGet();
          reject(client, maxQueue + " UNO clients already wait for a session (max_queue_size)");
          return;
        }
        LOG.info("{} waits for a session: all {} (uno_max_sessions) are open", client, settings.maxSessions());
        try {
          permitted = sessionPermits.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
          waitingForSession.decrementAndGet();
        }
      }
      if (!permitted) {
        reject(client, "all " + settings.maxSessions() + " UNO sessions (uno_max_sessions) stayed busy for "
            + queueTimeout.toSeconds() + " s (queue_timeout)");
        return;
      }
      if (closing) {
        reject(client, "the server is shutting down");
        return;
      }
      String workerId = pool.run(worker -> session(worker, connection, client), SESSION_POLICY);
      if (workerId != null) {
        LOG.info("{{}/{}} <- {} reenters pool", pool.status().free(), poolSize, workerId);
      }
    } catch (WorkerUnavailableException e) {
      reject(client, e.getMessage());
    } catch (WorkerUnfit e) {
      LOG.warn("{{}/{}} <- {} is replaced: {}", pool.status().free(), poolSize, e.workerId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reject(client, "the server is shutting down");
    } catch (Exception e) {
      LOG.warn("the UNO session of {} failed: {}", client, Causes.rootMessage(e));
    } finally {
      if (permitted) {
        sessionPermits.release();
      }
      closeQuietly(connection);
    }
  }

  private void reject(String client, String why) {
    LOG.warn("{{}/{}} {} rejected: {}", pool.status().free(), poolSize, client, why);
    listener.sessionEnded(POOL, "rejected", Duration.ZERO);
  }

  /**
   * The job run on the worker: relays until the client leaves, then makes sure the worker can
   * serve again. Returns the worker's id, or throws {@link WorkerUnfit} to have it replaced.
   */
  private String session(OfficeWorker worker, SocketChannel connection, String client) throws Exception {
    if (closing) {
      reject(client, "the server is shutting down");
      return null;
    }
    long pid = worker.pid();
    long start = System.nanoTime();
    LOG.info("{{}/{}} -> {} ({} uses) serves {}", pool.status().free(), poolSize, worker.id(), usesOf(worker.id()), client);
    UnoRelay.End end;
    sessionsByWorker.put(worker.id(), new Session(client, start));
    try {
      SocketChannel office = SocketChannel.open();
      try {
        office.setOption(StandardSocketOptions.TCP_NODELAY, true);
        office.socket().connect(worker.unoAddress(), (int) CONNECT_TIMEOUT.toMillis());
        if (connection.getRemoteAddress() instanceof InetSocketAddress) {
          connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
      } catch (IOException e) {
        closeQuietly(office);
        throw new WorkerUnfit(worker.id(), "crash", "its UNO acceptor " + worker.unoAddress() + " refused the connection ("
            + e.getMessage() + ")");
      }
      UnoRelay relay = new UnoRelay(connection, office, "uno-" + worker.id());
      relays.add(relay);
      try {
        end = relay.run(settings.sessionTimeout());
      } finally {
        relays.remove(relay);
      }
    } finally {
      sessionsByWorker.remove(worker.id());
    }
    Duration used = Duration.ofNanos(System.nanoTime() - start);
    LOG.info("{} disconnects from {} (used for {} s)", client, worker.id(), String.format(Locale.ROOT, "%.1f", used.toMillis() / 1000.0));
    listener.sessionEnded(POOL, end == UnoRelay.End.CLOSED ? "served" : "cut", used);
    if (end == UnoRelay.End.TIMED_OUT) {
      throw new WorkerUnfit(worker.id(), "session-timeout", "the session of " + client + " ran longer than uno_session_timeout ("
          + settings.sessionTimeout().toSeconds() + " s) and was cut");
    }
    if (end == UnoRelay.End.CUT) {
      return worker.id(); // Shutting down: the pool stops every worker.
    }
    Optional<String> unfit = afterSession.check(worker, pid);
    if (unfit.isPresent()) {
      throw new WorkerUnfit(worker.id(), "passthrough", unfit.get());
    }
    return worker.id();
  }

  private long usesOf(String workerId) {
    PoolStatus status = pool.status();
    return status.workers().stream().filter(w -> w.id().equals(workerId)).mapToLong(WorkerStatus::uses).findFirst().orElse(0);
  }

  /** Closes the listener at once (sessions go on until {@link #close}). */
  void beginShutdown() {
    if (closing) {
      return;
    }
    shutdownStartNanos = System.nanoTime();
    closing = true;
    closeQuietly(server);
    if (pipeFile != null) {
      try {
        Files.deleteIfExists(pipeFile);
      } catch (IOException e) {
        LOG.warn("could not remove the UNO pipe {}: {}", pipeFile, e.getMessage());
      }
    }
    try {
      acceptor.join(ACCEPTOR_EXIT_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Accepting on {} stopped; {} UNO session(s) open", accept.describe(), relays.size());
  }

  /**
   * Closes the listener, lets open sessions end within {@code shutdown_grace_period} (counted
   * from {@link #beginShutdown}), then cuts the others and stops waiting connections.
   */
  @Override
  public void close() {
    beginShutdown();
    sessionThreads.shutdown();
    try {
      long remaining = shutdownGrace.toNanos() - (System.nanoTime() - shutdownStartNanos);
      if (!sessionThreads.awaitTermination(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
        LOG.warn("cutting {} UNO session(s) still open after shutdown_grace_period ({} s)", relays.size(), shutdownGrace.toSeconds());
        relays.forEach(UnoRelay::close);
        if (!sessionThreads.awaitTermination(CLEANUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          sessionThreads.shutdownNow();
          sessionThreads.awaitTermination(CLEANUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      relays.forEach(UnoRelay::close);
      sessionThreads.shutdownNow();
    }
    afterSession.close();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing to end a connection: nothing more to do with it.
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
