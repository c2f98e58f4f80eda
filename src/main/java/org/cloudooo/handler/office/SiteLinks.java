package org.cloudooo.handler.office;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a page of an extracted web site that loads anything from outside the site, and
 * reads the site's own style sheets the page pulls in, since their {@code url()}s are loaded
 * too. Other pages the page frames are pages of their own: inspect each.
 */
final class SiteLinks {

  /** A style sheet to read, and the link that named it, from the scope it was named in. */
  private record PendingSheet(LinkScope scope, String link) {}

  private final Path root;
  private final Set<Path> seen = new HashSet<>();
  private final Deque<PendingSheet> pending = new ArrayDeque<>();

  private SiteLinks(Path root) {
    this.root = root;
  }

  static void inspectPage(Path page, Path siteRoot) throws IOException {
    Path root = siteRoot.toAbsolutePath().normalize();
    Path file = page.toAbsolutePath().normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException(page + " is not a page inside " + siteRoot);
    }
    String base = root.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), "/");
    LinkScope scope = new LinkScope(base.isEmpty() ? "" : base + "/");
    SiteLinks site = new SiteLinks(root);
    HtmlLinks.scan(MarkupText.read(file), scope, link -> site.pending.add(new PendingSheet(scope, link)));
    site.readStyleSheets();
  }

  private void readStyleSheets() throws IOException {
    for (PendingSheet sheet = pending.poll(); sheet != null; sheet = pending.poll()) {
      Path file = fileOf(sheet);
      if (file != null && seen.add(file) && Files.isRegularFile(file)) {
        LinkScope scope = sheet.scope().enter(sheet.link());
        CssLinks.scan(MarkupText.read(file), scope, link -> pending.add(new PendingSheet(scope, link)));
      }
    }
  }

  /** The site file a safe relative link names, without its query or fragment; null for data:. */
  private Path fileOf(PendingSheet sheet) {
    String link = sheet.link();
    if (link.isEmpty() || link.toLowerCase(Locale.ROOT).startsWith("data:")) {
      return null;
    }
    String path;
    try {
      path = URI.create(link.replace('\\', '/')).getPath(); // decodes %20, drops ?query and #fragment
    } catch (IllegalArgumentException notAUri) {
      path = link.replace('\\', '/').replaceAll("[?#].*", "");
    }
    if (path == null || path.isEmpty()) {
      return null;
    }
    Path file = root.resolve(sheet.scope().base() + path).normalize();
    return file.startsWith(root) ? file : null;
  }
}
