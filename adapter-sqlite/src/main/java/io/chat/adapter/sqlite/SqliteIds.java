package io.chat.adapter.sqlite;

import io.chat.application.port.out.IdGenerator;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ids of the form MongoDB gives its ObjectIds (so that ids look alike whatever the store): 24 hex
 * digits, the first 8 the second of creation (time-ordered), then 5 random bytes fixed for the
 * process, then a 3-byte counter that starts at random.
 */
final class SqliteIds implements IdGenerator {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] process = new byte[5];
  private final AtomicInteger counter;

  SqliteIds() {
    SecureRandom random = new SecureRandom();
    random.nextBytes(process);
    counter = new AtomicInteger(random.nextInt(1 << 24));
  }

  @Override
  public ChatId newChatId() {
    return ChatId.of(next());
  }

  @Override
  public MessageId newMessageId() {
    return MessageId.of(next());
  }

  String next() {
    byte[] id = new byte[12];
    int seconds = (int) (System.currentTimeMillis() / 1000);
    id[0] = (byte) (seconds >>> 24);
    id[1] = (byte) (seconds >>> 16);
    id[2] = (byte) (seconds >>> 8);
    id[3] = (byte) seconds;
    System.arraycopy(process, 0, id, 4, 5);
    int count = counter.getAndIncrement() & 0xFFFFFF;
    id[9] = (byte) (count >>> 16);
    id[10] = (byte) (count >>> 8);
    id[11] = (byte) count;
    return HEX.formatHex(id);
  }
}
