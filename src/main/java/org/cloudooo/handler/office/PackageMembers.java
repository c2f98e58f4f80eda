package org.cloudooo.handler.office;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cloudooo.core.CloudoooException;

/**
 * Reads every member of a package once, each through the expansion budget: the parts a
 * scanner understands are parsed, the others only counted.
 */
final class PackageMembers {

  /** Reads, or leaves unread, one member; what it leaves is counted after it. */
  interface Scanner {
    /** @return false when the member should have been understood but could not be */
    boolean scan(String name, InputStream content) throws IOException;
  }

  private PackageMembers() {}

  /** @return whether every member the scanner cared about was understood */
  static boolean readAll(ZipFile zip, ExpansionBudget budget, Scanner scanner) {
    budget.refuseDeclaredExcess(zip);
    boolean understood = true;
    Set<String> names = new HashSet<>();
    for (Enumeration<? extends ZipEntry> members = zip.entries(); members.hasMoreElements(); ) {
      ZipEntry member = members.nextElement();
      if (!names.add(member.getName())) {
        // ZipFile reads one of them twice and never the other, which LibreOffice may read.
        throw CloudoooException.badInput(
            "This document is a damaged package: it has two parts named " + member.getName()
                + ". Save it again from the application that made it.");
      }
      try (InputStream packed = zip.getInputStream(member)) {
        InputStream content = budget.count(member, packed);
        understood &= scanner.scan(member.getName(), content);
        content.transferTo(OutputStream.nullOutputStream());
      } catch (IOException damaged) {
        understood = false; // LibreOffice will say what it makes of a damaged member
      }
    }
    return understood;
  }
}
