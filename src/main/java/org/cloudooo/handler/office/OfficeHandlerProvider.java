package org.cloudooo.handler.office;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.supervision.PoolSettings;
import org.cloudooo.supervision.ProcessTree;
import org.cloudooo.supervision.Quarantine;
import org.cloudooo.supervision.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the LibreOffice pool and reads its format tables. */
public final class OfficeHandlerProvider implements HandlerProvider {

  private static final Logger LOG = LoggerFactory.getLogger(OfficeHandlerProvider.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final long MB = 1024L * 1024;

  @Override
  public String name() {
    return OfficeHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    OfficeSettings settings = OfficeSettings.from(context.config().keys());
    UnoSettings uno = UnoSettings.from(context.config().keys(), settings.poolSize());
    Path soffice = settings.officeHome().resolve("program").resolve("soffice.bin");
    if (!Files.isExecutable(soffice)) {
      throw new IllegalStateException(
          "LibreOffice not found: " + soffice + " is missing. Install it (apt-get install libreoffice-core"
              + " libreoffice-writer libreoffice-calc libreoffice-impress libreoffice-draw) or set office_home.");
    }
    int workerCount = settings.poolSize() + settings.spareWorkers();
    for (int i = 0; i < workerCount; i++) {
      requirePortForSoffice(settings.hostname(), settings.firstPort() + i);
    }
    WorkerPool<OfficeWorker> pool;
    FilterTableCache tableCache;
    try {
      Path profiles = Files.createDirectories(context.config().workingPath().resolve("office"));
      List<OfficeWorker> workers = new ArrayList<>();
      TemplateStamp stamp = TemplateStamp.of(settings.officeHome(), context.config().backendEnvironment());
      var template = new ProfileTemplate(profiles, stamp);
      tableCache = new FilterTableCache(profiles, stamp);
      for (int i = 0; i < workerCount; i++) {
        workers.add(new OfficeWorker(settings, settings.firstPort() + i, profiles, context.config().backendEnvironment(), template));
      }
      var poolSettings = new PoolSettings(
          "office",
          "pool_size",
          context.config().queue().queueTimeout(),
          context.config().queue().maxQueueSize(),
          settings.limitNumberRequest(),
          settings.enableMemoryMonitor() ? settings.limitMemoryUsedMb() * MB : 0,
          settings.maxSleepingDuration(),
          settings.monitorInterval(),
          START_TIMEOUT);
      pool = WorkerPool.startFirst(workers, settings.poolSize(), poolSettings, context.poolListener());
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    OfficeLocale.warnIfMissing(context.config().backendEnvironment());
    OfficeHandler handler;
    try {
      FilterTables filterTables = filterTables(pool, tableCache);
      OfficeTables tables = OfficeTables.load();
      OfficeFormats formats = OfficeFormats.build(filterTables, settings, tables, context.mediaTypes());
      LOG.info("LibreOffice offers {} filters and {} types; {} document types export",
          filterTables.filters().size(), filterTables.types().size(), formats.exportsByService().size());
      handler = new OfficeHandler(pool, formats, tables, settings, new Quarantine(settings.poisonDocumentTtl(), Clock.systemUTC()));
    } catch (Exception e) {
      pool.close();
      throw new IllegalStateException("could not read LibreOffice's filter tables: " + e.getMessage(), e);
    }
    if (uno.enabled()) {
      try {
        startPassThrough(handler, pool, uno, settings, context);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
    return handler;
  }

  /** The tables this installation's last start kept, else read from the first worker (and kept). */
  private static FilterTables filterTables(WorkerPool<OfficeWorker> pool, FilterTableCache cache) throws Exception {
    Optional<FilterTables> kept = cache.read();
    if (kept.isPresent()) {
      LOG.info("LibreOffice's filter tables: as kept by an earlier start in {}", cache.file());
      return kept.get();
    }
    FilterTableTask tableTask = new FilterTableTask();
    pool.run(worker -> {
      worker.execute(tableTask);
      return null;
    }, OfficeHandler.RESUBMIT_ONCE);
    cache.write(tableTask.tables());
    LOG.info("LibreOffice's filter tables: read over UNO, kept in {} for the next start", cache.file());
    return tableTask.tables();
  }

  private static void startPassThrough(
      OfficeHandler handler, WorkerPool<OfficeWorker> pool, UnoSettings uno, OfficeSettings settings, HandlerContext context) {
    handler.servePassThrough(UnoPassThrough.start(pool, uno, context.config().queue().queueTimeout(),
        context.config().queue().maxQueueSize(),
        context.config().server().shutdownGrace(), settings.poolSize(), context.poolListener()));
  }

  /**
   * A UNO port must be free, or held by a soffice of ours left from a killed server (which
   * jodconverter then kills): another program there would make every start time out.
   */
  private static void requirePortForSoffice(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      if (ProcessTree.find("soffice", "port=" + port + ",").isEmpty()) {
        throw new IllegalStateException("the UNO port " + host + ":" + port + " (openoffice_port + worker number) is in"
            + " use by another program; choose a free range with openoffice_port");
      }
    }
  }
}
