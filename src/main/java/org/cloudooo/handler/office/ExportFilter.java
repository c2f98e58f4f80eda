package org.cloudooo.handler.office;

/**
 * A LibreOffice export filter as clients see it.
 *
 * @param extension the extension clients ask for ({@code pdf}, {@code ms.docx})
 * @param name the filter's Name ({@code writer_pdf_Export})
 * @param mimetype the MediaType of its type
 * @param documentService the document service it exports ({@code com.sun.star.text.TextDocument})
 * @param preferred whether its type is the preferred one for its extensions
 * @param flags the filter's Flags
 * @param uiName its UI name, the title clients see
 */
record ExportFilter(
    String extension, String name, String mimetype, String documentService, boolean preferred, int flags, String uiName) {}
