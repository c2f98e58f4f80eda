package org.cloudooo.rpc;

import java.util.function.Function;

/**
 * One XML-RPC method: its name, how many positional arguments it takes, its help text and
 * what it does with them.
 */
record RpcMethod(String name, int minArgs, int maxArgs, String help, Function<Params, Object> body) {}
