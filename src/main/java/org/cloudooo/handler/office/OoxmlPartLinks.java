package org.cloudooo.handler.office;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one XML part of an OOXML package (document, header, sheet, slide, drawing, VML ...)
 * for the links it carries itself: VML picture sources, Word fields that include files, DDE
 * links; and notes which relationships it loads content through, for {@link OoxmlLinks} to
 * judge once every relationship is known.
 */
final class OoxmlPartLinks extends DefaultHandler {

  private static final Set<String> RELATIONSHIPS =
      Set.of("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "http://purl.oclc.org/ooxml/officeDocument/relationships");
  private static final Set<String> WORD =
      Set.of("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main");
  private static final Set<String> SPREADSHEET =
      Set.of("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main");
  private static final String VML = "urn:schemas-microsoft-com:vml";
  private static final String VML_OFFICE = "urn:schemas-microsoft-com:office:office";

  /** {@code r:} attributes that load the relationship they name ({@code a:blip r:embed/r:link}). */
  private static final Set<String> LOADING_REFERENCES = Set.of("link", "embed", "pict", "href");
  /** Elements whose {@code r:id} loads content; elsewhere it is mostly a hyperlink. */
  private static final Set<String> LOADING_ID_ELEMENTS = Set.of("altChunk", "subDoc", "oleObj", "externalData", "control");
  /** VML elements whose {@code src} and {@code o:href} are picture files. */
  private static final Set<String> VML_PICTURES = Set.of("imagedata", "fill", "image");

  /** A relationship that a part loads content through. */
  record Reference(String sourcePart, String id, boolean linkedObject) {}

  private final String part;
  private final List<Reference> references;
  private final WordFields fields = new WordFields();
  private StringBuilder text;

  /** @param references where the relationships this part loads through are added */
  OoxmlPartLinks(String part, List<Reference> references) {
    this.part = part;
    this.references = references;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    noteReferences(uri, localName, attributes);
    if (VML.equals(uri) && VML_PICTURES.contains(localName)) {
      requireSafeIfPresent(attributes.getValue("src"));
      requireSafeIfPresent(attributes.getValue(VML_OFFICE, "href"));
      requireSafeIfPresent(attributes.getValue(VML_OFFICE, "althref"));
    } else if (VML_OFFICE.equals(uri) && localName.equals("OLEObject") && "Link".equalsIgnoreCase(attributes.getValue("Type"))) {
      references.add(new Reference(part, Objects.toString(valueIn(RELATIONSHIPS, attributes, "id"), ""), true));
    } else if (WORD.contains(uri)) {
      startWordElement(localName, attributes);
    } else if (SPREADSHEET.contains(uri) && localName.equals("ddeLink")) {
      throw UnsafeLinks.ddeRefusal(attributes.getValue("ddeService"), attributes.getValue("ddeTopic"), "");
    }
  }

  private void noteReferences(String uri, String localName, Attributes attributes) {
    boolean idLoads = VML.equals(uri) || VML_OFFICE.equals(uri) || LOADING_ID_ELEMENTS.contains(localName);
    for (int i = 0; i < attributes.getLength(); i++) {
      String attribute = attributes.getLocalName(i);
      boolean loads = RELATIONSHIPS.contains(attributes.getURI(i))
          ? LOADING_REFERENCES.contains(attribute) || (idLoads && attribute.equals("id"))
          : VML_OFFICE.equals(attributes.getURI(i)) && attribute.equals("relid");
      if (loads) {
        references.add(new Reference(part, attributes.getValue(i), false));
      }
    }
  }

  private static String valueIn(Set<String> namespaces, Attributes attributes, String localName) {
    for (String namespace : namespaces) {
      String value = attributes.getValue(namespace, localName);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private void startWordElement(String localName, Attributes attributes) {
    switch (localName) {
      case "fldSimple" -> {
        String code = valueIn(WORD, attributes, "instr");
        if (code != null) {
          WordFields.check(code);
        }
      }
      case "fldChar" -> {
        String type = valueIn(WORD, attributes, "fldCharType");
        if ("begin".equals(type)) {
          fields.begin();
        } else if ("separate".equals(type)) {
          fields.separate();
        } else if ("end".equals(type)) {
          fields.end();
        }
      }
      case "instrText", "delInstrText", "t" -> text = new StringBuilder();
      default -> { }
    }
  }

  @Override
  public void characters(char[] characters, int start, int length) {
    if (text != null) {
      text.append(characters, start, length);
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    if (text == null || !WORD.contains(uri)) {
      return;
    }
    if (localName.equals("t")) {
      fields.text(text.toString());
      text = null;
    } else if (localName.equals("instrText") || localName.equals("delInstrText")) {
      fields.instruction(text.toString());
      text = null;
    }
  }

  private static void requireSafeIfPresent(String link) {
    if (link != null) {
      UnsafeLinks.requireSafe(link);
    }
  }
}
