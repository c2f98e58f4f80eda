package org.cloudooo.handler.office;

/** What the pre-load check could see of a document. */
enum PreloadVerdict {
  /** Every link LibreOffice would follow while loading was seen, and none was unsafe. */
  CHECKED,
  /** The format is one Java does not read here (doc, rtf, pdf ...): check the loaded document. */
  NEEDS_LOADED_CHECK,
  /** A zip that is no office package: a zipped web site, whose pages are checked as they are extracted. */
  ZIPPED_SITE
}
