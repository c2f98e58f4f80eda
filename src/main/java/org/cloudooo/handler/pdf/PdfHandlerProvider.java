package org.cloudooo.handler.pdf;

import org.cloudooo.handler.Handler;
import org.cloudooo.handler.HandlerContext;
import org.cloudooo.handler.HandlerProvider;

/** The {@code pdf} handler: text extraction and Info-dictionary metadata with Apache PDFBox. */
public final class PdfHandlerProvider implements HandlerProvider {

  @Override
  public String name() {
    return PdfHandler.NAME;
  }

  @Override
  public Handler start(HandlerContext context) {
    return new PdfHandler(context.config().office().timeoutResponse());
  }
}
