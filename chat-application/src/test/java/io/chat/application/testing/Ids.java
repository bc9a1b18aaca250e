package io.chat.application.testing;

import io.chat.adapter.inprocess.ObjectIdGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Object mother of id generators: ObjectIds stamped {@link Times#T0}, repeatable from a seed. */
public final class Ids {
  private Ids() {}

  /** A generator whose ids are the same on every run for the same seed. */
  public static ObjectIdGenerator seeded(long seed) {
    return new ObjectIdGenerator(Clock.fixed(Times.T0, ZoneOffset.UTC), new SplittableRandom(seed));
  }
}
