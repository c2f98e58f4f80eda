package org.cloudooo.handler.office;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The relationships of an OOXML package, by the part they belong to. A relationship whose
 * type loads content (a picture, an OLE object, a frame, another workbook ...) is refused when
 * it points outside the package; hyperlinks and other references are left alone.
 */
final class OoxmlRelationships {

  /**
   * Relationship types that LibreOffice loads while importing, by the last segment of the
   * type: the same names serve the transitional, strict and Microsoft namespaces. Excel's
   * {@code xlExternalLinkPath/xlStartup} and the like end with other names, see {@link #loadsContent}.
   */
  private static final Set<String> LOADING_TYPES =
      Set.of("image", "oleobject", "package", "frame", "attachedtemplate", "subdocument", "externallink",
          "externallinkpath", "control", "video", "audio", "media", "hdphoto", "afchunk", "font");

  /** One relationship: where it points, and whether outside the package. */
  record Relationship(String target, boolean external) {}

  private final Map<String, Map<String, Relationship>> bySourcePart = new HashMap<>();

  static boolean isRelationshipsPart(String name) {
    return name.endsWith(".rels");
  }

  /** Reads {@code name} ({@code word/_rels/document.xml.rels}), refusing what loads from outside. */
  DefaultHandler reader(String name) {
    Map<String, Relationship> relationships = bySourcePart.computeIfAbsent(sourcePartOf(name), part -> new HashMap<>());
    return new DefaultHandler() {
      @Override
      public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (!localName.equals("Relationship")) {
          return;
        }
        String target = attributes.getValue("Target");
        String type = attributes.getValue("Type");
        boolean external = "External".equalsIgnoreCase(attributes.getValue("TargetMode"));
        if (target == null) {
          return;
        }
        // A target with a scheme is a URL whatever TargetMode says.
        if (type != null && loadsContent(type) && (external || UnsafeLinks.isUrl(target))) {
          throw UnsafeLinks.refusal(target);
        }
        String id = attributes.getValue("Id");
        if (id != null) {
          relationships.put(id, new Relationship(target, external));
        }
      }
    };
  }

  /** The relationship {@code id} of part {@code sourcePart}, once every part has been read. */
  Optional<Relationship> find(String sourcePart, String id) {
    return Optional.ofNullable(bySourcePart.getOrDefault(sourcePart, Map.of()).get(id));
  }

  /** {@code word/_rels/document.xml.rels} belongs to {@code word/document.xml}, {@code _rels/.rels} to the package. */
  static String sourcePartOf(String relationshipsPart) {
    int slash = relationshipsPart.lastIndexOf('/');
    String directory = slash < 0 ? "" : relationshipsPart.substring(0, slash + 1);
    String file = relationshipsPart.substring(slash + 1, relationshipsPart.length() - ".rels".length());
    String parent = directory.endsWith("_rels/") ? directory.substring(0, directory.length() - "_rels/".length()) : directory;
    return parent + file;
  }

  private static boolean loadsContent(String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    return LOADING_TYPES.contains(lower.substring(lower.lastIndexOf('/') + 1)) || lower.contains("/xlexternallinkpath/");
  }
}
