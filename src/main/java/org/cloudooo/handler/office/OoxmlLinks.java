package org.cloudooo.handler.office;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.cloudooo.handler.office.OoxmlPartLinks.Reference;
import org.cloudooo.handler.office.OoxmlRelationships.Relationship;

/**
 * Refuses an OOXML package (docx, xlsx, pptx ...) that makes LibreOffice load something from
 * outside: every relationship part, and every member that is XML whatever its name (OPC lets
 * a document's main part be called anything), is read.
 */
final class OoxmlLinks {

  private final PartParser parser = new PartParser();
  private final OoxmlRelationships relationships = new OoxmlRelationships();
  private final List<Reference> references = new ArrayList<>();

  private OoxmlLinks() {}

  /** @return whether every XML member was understood */
  static boolean inspect(ZipFile zip, ExpansionBudget budget) {
    OoxmlLinks links = new OoxmlLinks();
    boolean understood = PackageMembers.readAll(zip, budget, links::scan);
    links.refuseExternalReferences();
    return understood;
  }

  private boolean scan(String name, InputStream content) throws IOException {
    if (OoxmlRelationships.isRelationshipsPart(name)) {
      return parser.parse(content, relationships.reader(name));
    }
    InputStream buffered = new BufferedInputStream(content);
    return !startsLikeXml(buffered) || parser.parse(buffered, new OoxmlPartLinks(name, references));
  }

  /**
   * A part may load content through any relationship it names: LibreOffice follows
   * {@code a:blip r:link} to an external target whatever the relationship's type says.
   */
  private void refuseExternalReferences() {
    for (Reference reference : references) {
      Relationship relationship = relationships.find(reference.sourcePart(), reference.id()).orElse(null);
      if (relationship != null && (relationship.external() || reference.linkedObject())) {
        throw UnsafeLinks.refusal(relationship.target());
      }
      if (relationship == null && reference.linkedObject()) {
        throw UnsafeLinks.refusal("ole-link:" + reference.id()); // linked, to what the package does not say
      }
    }
  }

  /** Whether the member starts, after a byte-order mark and blanks, with {@code <}. */
  private static boolean startsLikeXml(InputStream content) throws IOException {
    content.mark(64);
    byte[] head = content.readNBytes(64);
    content.reset();
    if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return true; // UTF-16
    }
    int i = head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
    while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    return i < head.length && head[i] == '<';
  }
}
