package io.chat.adapter.inprocess;

import io.chat.application.port.out.IdGenerator;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Ids in the layout of MongoDB ObjectIds (4-byte seconds timestamp, 5 random bytes, 3-byte
 * counter), as 24 lower-case hex digits: unique without coordination and roughly time-ordered.
 */
public final class ObjectIdGenerator implements IdGenerator {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int COUNTER_MASK = 0xFFFFFF;

  private final Clock clock;
  private final byte[] processBytes = new byte[5];
  private final AtomicInteger counter;

  @Inject
  public ObjectIdGenerator(Clock clock) {
    this(clock, new SecureRandom());
  }

  /** A generator whose random part comes from {@code random}: seeded, it repeats its ids. */
  public ObjectIdGenerator(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    random.nextBytes(processBytes);
    // A random start, as MongoDB does, so that two generators with equal random bytes still
    // rarely meet.
    this.counter = new AtomicInteger(random.nextInt() & COUNTER_MASK);
  }

  @Override
  public ChatId newChatId() {
    return ChatId.of(next());
  }

  @Override
  public MessageId newMessageId() {
    return MessageId.of(next());
  }

  /** The next id as text. */
  public String next() {
    long seconds = clock.instant().getEpochSecond();
    int count = counter.getAndIncrement() & COUNTER_MASK;
    byte[] bytes = new byte[12];
    bytes[0] = (byte) (seconds >>> 24);
    bytes[1] = (byte) (seconds >>> 16);
    bytes[2] = (byte) (seconds >>> 8);
    bytes[3] = (byte) seconds;
    System.arraycopy(processBytes, 0, bytes, 4, 5);
    bytes[9] = (byte) (count >>> 16);
    bytes[10] = (byte) (count >>> 8);
    bytes[11] = (byte) count;
    char[] text = new char[24];
    for (int i = 0; i < bytes.length; i++) {
      text[2 * i] = HEX[(bytes[i] >>> 4) & 0xF];
      text[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(text);
  }
}
