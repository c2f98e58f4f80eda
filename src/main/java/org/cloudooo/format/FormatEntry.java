package org.cloudooo.format;

/**
 * One advertised format: {@code (mimetype, title)} or {@code (extension, title)} depending on
 * the list it is in, as the original's tuples.
 */
public record FormatEntry(String key, String title) {}
