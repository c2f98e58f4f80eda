package org.cloudooo.rpc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.xmlrpc.XmlRpcRequest;
import org.cloudooo.core.CloudoooException;
import org.cloudooo.core.ErrorKind;

/**
 * The positional arguments of one call, read with the checks Python would make: arity,
 * documents as base64 text (never {@code <base64>}), optional arguments sent as {@code <nil/>}.
 */
final class Params {

  private final String method;
  private final Object[] values;

  Params(String method, XmlRpcRequest request, int minArgs, int maxArgs) {
    this.method = method;
    int count = request.getParameterCount();
    if (count < minArgs || count > maxArgs) {
      String expected = minArgs == maxArgs ? String.valueOf(minArgs) : "from " + minArgs + " to " + maxArgs;
      throw typeError(method + "() takes " + expected + " positional arguments but " + count + " were given");
    }
    values = new Object[count];
    for (int i = 0; i < count; i++) {
      values[i] = request.getParameter(i);
    }
  }

  int size() {
    return values.length;
  }

  private Object value(int index) {
    return index < values.length ? values[index] : null;
  }

  /** A document: base64 text in a {@code <string>}, decoded into a file of the request's workspace. */
  Path document(int index, String name) {
    return document(value(index), name);
  }

  /** The argument as it came (a list, a struct...), for methods that take several forms. */
  Object raw(int index) {
    return value(index);
  }

  /** A document given inside another argument (a struct of a list): as {@link #document(int, String)}. */
  Path document(Object value, String name) {
    if (value instanceof LongText spooled) {
      spooled.base64Error().ifPresent(error -> {
        throw notBase64(name, error);
      });
      return spooled.file();
    }
    if (value instanceof String text) {
      Path file = RequestWorkspace.current().newFile("document", ".bin");
      try {
        Base64Spool spool = new Base64Spool(file);
        try {
          spool.write(text);
        } finally {
          spool.close();
        }
        spool.error().ifPresent(error -> {
          throw notBase64(name, error);
        });
      } catch (IOException e) {
        throw CloudoooException.failed("could not store the document in the working directory: " + e.getMessage(), e);
      }
      return file;
    }
    throw typeError("`" + name + "` must be provided as a string with the file content encoded as base64");
  }

  private static CloudoooException notBase64(String name, String error) {
    return new CloudoooException(ErrorKind.BASE64_ERROR, "`" + name + "` is not valid base64: " + error);
  }

  String string(int index, String name) {
    return optionalString(index, name)
        .orElseThrow(() -> typeError(method + "() argument `" + name + "` must be a string, not None"));
  }

  Optional<String> optionalString(int index, String name) {
    Object value = value(index);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    if (value instanceof LongText text) {
      throw typeError(method + "() argument `" + name + "` is " + text.characters() + " characters long; only documents may be"
          + " longer than " + StringValueParser.MAX_IN_MEMORY + " characters");
    }
    throw typeError(method + "() argument `" + name + "` must be a string, not " + typeName(value));
  }

  boolean bool(int index, String name, boolean missing) {
    Object value = value(index);
    if (value == null) {
      return missing;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof Number number) {
      return number.longValue() != 0;
    }
    throw typeError(method + "() argument `" + name + "` must be a boolean, not " + typeName(value));
  }

  int integer(int index, String name) {
    Object value = value(index);
    if (value instanceof Integer number) {
      return number;
    }
    if (value instanceof Long number && number == number.intValue()) {
      return number.intValue();
    }
    throw typeError(method + "() argument `" + name + "` must be an int, not " + (value == null ? "None" : typeName(value)));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> struct(int index, String name) {
    Object value = value(index);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw typeError(method + "() argument `" + name + "` must be a struct (dict), not " + typeName(value));
  }

  /** The arguments for the request log: short strings as they are, documents by size. */
  String summary() {
    StringBuilder text = new StringBuilder();
    for (Object value : values) {
      if (!text.isEmpty()) {
        text.append(", ");
      }
      if (value instanceof String s && s.length() > 64) {
        text.append('<').append(s.length()).append(" chars>");
      } else if (value instanceof byte[] bytes) {
        text.append("<base64 ").append(bytes.length).append(" bytes>");
      } else if (value instanceof LongText spooled) {
        text.append('<').append(spooled.characters()).append(" chars>");
      } else if (value instanceof Object[] list) {
        text.append("<list of ").append(list.length).append('>');
      } else {
        text.append(value);
      }
    }
    return text.toString();
  }

  private static String typeName(Object value) {
    if (value instanceof String) {
      return "str";
    } else if (value instanceof Boolean) {
      return "bool";
    } else if (value instanceof Integer || value instanceof Long) {
      return "int";
    } else if (value instanceof Double) {
      return "float";
    } else if (value instanceof Object[]) {
      return "list";
    } else if (value instanceof Map) {
      return "dict";
    } else if (value instanceof byte[]) {
      return "Binary";
    } else if (value instanceof LongText) {
      return "str";
    }
    return value.getClass().getSimpleName();
  }

  private static CloudoooException typeError(String message) {
    return new CloudoooException(ErrorKind.TYPE_ERROR, message);
  }
}
