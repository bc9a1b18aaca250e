package io.chat.adapter.wire.archviolation;

import io.javalin.http.Context;

/** Javalin in the wire JSON, which both web adapters must be able to use without it. */
public final class WireAnswersWithJavalin {
  Context ctx;
}
