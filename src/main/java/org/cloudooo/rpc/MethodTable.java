package org.cloudooo.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.metadata.XmlRpcListableHandlerMapping;
import org.apache.xmlrpc.server.XmlRpcNoSuchHandlerException;
import org.cloudooo.core.CloudoooException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XML-RPC methods by their top-level names (as cloudooo's Python dispatcher has them),
 * with {@code system.listMethods}, {@code system.methodHelp} and {@code system.methodSignature}.
 * Logs one line per call: the method, its arguments (formats as they are, documents by size),
 * the outcome, the duration and the size of the answer. The request id is in the MDC (set for
 * every HTTP request), so the log pattern shows it on this line and on the pool's lines that
 * name the worker the request took.
 */
final class MethodTable implements XmlRpcListableHandlerMapping {

  private static final Logger LOG = LoggerFactory.getLogger("org.cloudooo.requests");

  private final Map<String, RpcMethod> methods = new LinkedHashMap<>();

  MethodTable(List<RpcMethod> serviceMethods) {
    serviceMethods.forEach(method -> methods.put(method.name(), method));
    add(new RpcMethod("system.listMethods", 0, 0,
        "system.listMethods() => ['add', 'subtract', 'multiple']\n\nReturns a list of the methods supported by the server.",
        params -> getListMethods()));
    add(new RpcMethod("system.methodHelp", 1, 1,
        "system.methodHelp('add') => \"Adds two integers together\"\n\nReturns a string containing documentation for the specified method.",
        params -> help(params.string(0, "method_name"))));
    add(new RpcMethod("system.methodSignature", 1, 1,
        "system.methodSignature('add') => [double, int, int]\n\nReturns a list describing the signature of the method."
            + " In the above example, the add method takes two integers as arguments and returns a double result.\n\n"
            + "This server does NOT support system.methodSignature.",
        params -> "signatures not supported"));
  }

  private void add(RpcMethod method) {
    methods.put(method.name(), method);
  }

  @Override
  public XmlRpcHandler getHandler(String name) throws XmlRpcNoSuchHandlerException {
    RpcMethod method = methods.get(name);
    if (method == null) {
      throw new XmlRpcNoSuchHandlerException("method \"" + name + "\" is not supported");
    }
    return request -> {
      long start = System.nanoTime();
      String arguments = "";
      try {
        Params params = new Params(name, request, method.minArgs(), method.maxArgs());
        arguments = params.summary();
        Object result = method.body().apply(params);
        LOG.info("{}({}) ok in {} ms, answer {}", name, arguments, elapsedMs(start), size(result));
        return result;
      } catch (RuntimeException e) {
        String kind = e instanceof CloudoooException fault ? fault.kind().wireName() : e.getClass().getSimpleName();
        LOG.info("{}({}) failed ({}) in {} ms: {}", name, arguments, kind, elapsedMs(start), e.getMessage());
        throw e;
      }
    };
  }

  /** The size of an answer, for the request log. */
  private static String size(Object result) {
    if (result instanceof String text) {
      return text.length() + " chars";
    }
    if (result instanceof WireDocument document) {
      return WireBase64.encodedLength(document.file().toFile().length()) + " chars";
    }
    if (result instanceof Object[] array) {
      return array.length + " items";
    }
    if (result instanceof List<?> list) {
      return list.size() + " items";
    }
    if (result instanceof Map<?, ?> map) {
      return map.size() + " entries";
    }
    return String.valueOf(result);
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Override
  public String[] getListMethods() {
    List<String> names = new ArrayList<>(methods.keySet());
    Collections.sort(names);
    return names.toArray(String[]::new);
  }

  private String help(String name) {
    RpcMethod method = methods.get(name);
    return method == null ? "" : method.help();
  }

  @Override
  public String getMethodHelp(String name) {
    return help(name);
  }

  @Override
  public String[][] getMethodSignature(String name) {
    return null;
  }
}
