package org.cloudooo.handler.office;

/**
 * Where a page's relative links start from, inside the tree they must not leave: a document's
 * own directory, or a page's directory inside an extracted web site.
 *
 * @param base the page's directory relative to the tree's root, {@code ""} or ending in {@code /}
 */
record LinkScope(String base) {

  /** Links of a document, which must stay inside the document itself. */
  static final LinkScope DOCUMENT = new LinkScope("");

  /** Refuses the document unless {@code link} stays inside the tree. */
  void requireSafe(String link) {
    if (!allows(link)) {
      throw UnsafeLinks.refusal(link);
    }
  }

  boolean allows(String link) {
    return UnsafeLinks.isSafeFrom(base, link);
  }

  /** The scope of what {@code link} (a safe relative one) points to: its directory. */
  LinkScope enter(String link) {
    String path = (base + link.strip()).replace('\\', '/').replaceAll("[?#].*", "");
    return new LinkScope(path.substring(0, path.lastIndexOf('/') + 1));
  }
}
