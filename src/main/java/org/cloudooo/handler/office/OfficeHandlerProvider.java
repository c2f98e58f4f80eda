package org.cloudooo.handler.office;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cloudooo.config.OfficeSettings;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.pool.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the LibreOffice pool and reads its format tables. */
public final class OfficeHandlerProvider implements HandlerProvider {

  private static final Logger LOG = LoggerFactory.getLogger(OfficeHandlerProvider.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  @Override
  public String name() {
    return OfficeHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    OfficeSettings settings = context.config().office();
    Path soffice = settings.officeHome().resolve("program").resolve("soffice.bin");
    if (!Files.isExecutable(soffice)) {
      throw new IllegalStateException(
          "LibreOffice not found: " + soffice + " is missing. Install it (apt-get install libreoffice-core"
              + " libreoffice-writer libreoffice-calc libreoffice-impress libreoffice-draw) or set office_home.");
    }
    WorkerPool<OfficeWorker> pool;
    try {
      Path profiles = Files.createDirectories(context.config().workingPath().resolve("office"));
      List<OfficeWorker> workers = new ArrayList<>();
      for (int i = 0; i < settings.poolSize(); i++) {
        workers.add(new OfficeWorker(settings, settings.firstPort() + i, profiles, context.config().backendEnvironment()));
      }
      pool = WorkerPool.start("office", workers, settings.queueTimeout(), START_TIMEOUT, context.poolListener());
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    try {
      FilterTableTask tableTask = new FilterTableTask();
      pool.run(worker -> {
        worker.execute(tableTask);
        return null;
      }, OfficeHandler.RESUBMIT_ONCE);
      OfficeTables tables = OfficeTables.load();
      OfficeFormats formats = OfficeFormats.build(tableTask.filters(), tableTask.types(), settings, tables, context.mediaTypes());
      LOG.info("LibreOffice offers {} filters and {} types; {} document types export",
          tableTask.filters().size(), tableTask.types().size(), formats.exportsByService().size());
      return new OfficeHandler(pool, formats, tables, settings);
    } catch (Exception e) {
      pool.close();
      throw new IllegalStateException("could not read LibreOffice's filter tables: " + e.getMessage(), e);
    }
  }
}
