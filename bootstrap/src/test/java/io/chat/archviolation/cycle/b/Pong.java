package io.chat.archviolation.cycle.b;

import io.chat.archviolation.cycle.a.Ping;

/** The other half of a package cycle. */
public final class Pong {
  Ping ping;
}
