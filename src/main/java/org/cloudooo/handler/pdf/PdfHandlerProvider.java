package org.cloudooo.handler.pdf;

import java.util.ArrayList;
import java.util.List;
import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;
import org.cloudooo.supervision.PoolSettings;
import org.cloudooo.supervision.ThreadWorker;
import org.cloudooo.supervision.WorkerPool;

/** The {@code pdf} handler: text extraction and Info-dictionary metadata with Apache PDFBox. */
public final class PdfHandlerProvider implements HandlerProvider {

  @Override
  public String name() {
    return PdfHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    PdfSettings settings = PdfSettings.from(context.config().keys());
    List<ThreadWorker> threads = new ArrayList<>();
    for (int i = 1; i <= settings.poolSize(); i++) {
      threads.add(new ThreadWorker(PdfHandler.NAME + "-" + i));
    }
    var queue = context.config().queue();
    var poolSettings = PoolSettings.forRuns(PdfHandler.NAME, "pdf_pool_size", queue.queueTimeout(), queue.maxQueueSize());
    return new PdfHandler(WorkerPool.start(threads, threads.size(), poolSettings, context.poolListener()), settings);
  }
}
