package io.chat.archviolation.cycle.a;

import io.chat.archviolation.cycle.b.Pong;

/** One half of a package cycle. */
public final class Ping {
  Pong pong;
}
