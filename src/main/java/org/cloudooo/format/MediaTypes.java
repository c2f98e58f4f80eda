package org.cloudooo.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Extension ↔ mimetype tables: Tika's, overlaid by {@code extra-mime.types} (what Tika lacks
 * or names differently from the original cloudooo: {@code ms.docx}, flat ODF, ...).
 *
 * <p>Two lookups mirror the two the original makes with Python's {@code mimetypes}: {@link
 * #typeOfExtension} is the exact {@code types_map['.'+ext]} used for dispatch, {@link
 * #guessTypeOfName} guesses from a file name's last suffix as {@code guess_type} does.
 */
public final class MediaTypes {

  private static final String EXTRA_TABLE = "extra-mime.types";

  private final MimeTypes tika = MimeTypes.getDefaultMimeTypes();
  private final Map<String, String> extraTypeByExtension;
  private final Map<String, List<String>> extraExtensionsByType;

  private MediaTypes(Map<String, String> typeByExtension, Map<String, List<String>> extensionsByType) {
    this.extraTypeByExtension = typeByExtension;
    this.extraExtensionsByType = extensionsByType;
  }

  /** The tables shipped in the jar. */
  public static MediaTypes standard() {
    try (InputStream in = MediaTypes.class.getResourceAsStream(EXTRA_TABLE)) {
      if (in == null) {
        throw new IllegalStateException(EXTRA_TABLE + " is missing from the jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MediaTypes parse(BufferedReader reader) throws IOException {
    Map<String, String> typeByExtension = new HashMap<>();
    Map<String, List<String>> extensionsByType = new LinkedHashMap<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String content = line.strip();
      if (content.isEmpty() || content.startsWith("#")) {
        continue;
      }
      String[] fields = content.split("\\s+");
      for (int i = 1; i < fields.length; i++) {
        typeByExtension.put(fields[i], fields[0]);
        extensionsByType.computeIfAbsent(fields[0], t -> new ArrayList<>()).add(fields[i]);
      }
    }
    return new MediaTypes(Map.copyOf(typeByExtension), Map.copyOf(extensionsByType));
  }

  /** The mimetype registered for exactly this extension ({@code "odt"}, {@code "ms.docx"}). */
  public Optional<String> typeOfExtension(String extension) {
    String extra = extraTypeByExtension.get(extension);
    if (extra != null) {
      return Optional.of(extra);
    }
    if (extension.isEmpty() || extension.contains(".") || extension.contains("/")) {
      return Optional.empty();
    }
    return tikaTypeOf("file." + extension, extension);
  }

  /** The mimetype of a file name, from its last suffix, as Python's {@code guess_type}. */
  public Optional<String> guessTypeOfName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : typeOfExtension(fileName.substring(dot + 1));
  }

  /**
   * Every extension known for a mimetype (parameters ignored), without dots: Tika's first, as
   * Python lists its built-in table before added files, then ours.
   */
  public List<String> extensionsOf(String mimetype) {
    String bare = bareType(mimetype);
    List<String> extensions = new ArrayList<>();
    try {
      for (String extension : tika.forName(bare).getExtensions()) {
        String name = extension.substring(1);
        if (typeOfExtension(name).filter(bare::equals).isPresent()) {
          extensions.add(name);
        }
      }
    } catch (MimeTypeException e) {
      // Not a syntactically valid type: it has no extensions.
    }
    for (String name : extraExtensionsByType.getOrDefault(bare, List.of())) {
      if (!extensions.contains(name)) {
        extensions.add(name);
      }
    }
    return List.copyOf(extensions);
  }

  /** The first extension registered for a mimetype, as Python's {@code guess_extension}. */
  public Optional<String> firstExtensionOf(String mimetype) {
    return extensionsOf(mimetype).stream().findFirst();
  }

  /** A mimetype without its parameters, lower-cased: {@code text/plain;charset=utf-8} → {@code text/plain}. */
  public static String bareType(String mimetype) {
    int semicolon = mimetype.indexOf(';');
    String bare = semicolon < 0 ? mimetype : mimetype.substring(0, semicolon);
    return bare.strip().toLowerCase(Locale.ROOT);
  }

  private Optional<String> tikaTypeOf(String fileName, String extension) {
    MimeType type;
    try {
      type = tika.getMimeType(fileName);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    // Tika answers its root type for names it does not know, and matches globs
    // case-insensitively; Python's table knows only exact, registered extensions.
    if (type == null || !type.getExtensions().contains("." + extension)) {
      return Optional.empty();
    }
    return Optional.of(type.getName());
  }
}
