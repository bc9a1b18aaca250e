package io.chat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.junit.jupiter.api.Test;

class H2TypesTest {
  private static <T> T roundTrip(BasicDataType<T> type, T value) {
    WriteBuffer out = new WriteBuffer();
    out.putInt(0x5EED); // what comes before, in a page
    type.write(out, value);
    out.putInt(0xF00D); // and after
    ByteBuffer in = out.getBuffer();
    in.flip();
    assertThat(in.getInt()).isEqualTo(0x5EED);
    T read = type.read(in);
    assertThat(in.getInt()).as("the reader stops where the value ends").isEqualTo(0xF00D);
    return read;
  }

  @Test
  void aDocumentComesBackWithEveryTypeTheStoreKeeps() {
    Document document =
        new Document("_id", "chat1:42")
            .append("text", "héllo \uD83D\uDE00 <b>")
            .append("seq", 42L)
            .append("small", 7)
            .append("ratio", 0.5)
            .append("at", Instant.parse("2024-05-01T10:00:00.123Z"))
            .append("flag", true)
            .append("nothing", null)
            .append("oid", new ObjectId())
            .append("members", new Document("alice", new Document("readSeq", 3L)))
            .append("list", new ArrayList<>(List.of("a", 1L)));

    assertThat(roundTrip(H2Types.Documents.INSTANCE, document)).isEqualTo(document);
  }

  @Test
  void anIndexKeyComesBackWithNullsAndMissingValues() {
    KeyValue key = new KeyValue(Arrays.asList("chat1", null, Missing.getInstance(), 5L));

    KeyValue read = roundTrip(H2Types.IndexKeys.INSTANCE, key);

    assertThat(read).isEqualTo(key);
  }

  @Test
  void indexKeysAreOrderedByValueAndEqualOnlyWhenTheirValuesAre() {
    H2Types.IndexKeys type = H2Types.IndexKeys.INSTANCE;
    KeyValue a1 = new KeyValue("chat1", "alice", "c-1");
    KeyValue a2 = new KeyValue("chat1", "alice", "c-2");
    KeyValue b1 = new KeyValue("chat1", "bob", "c-1");

    assertThat(type.compare(a1, new KeyValue("chat1", "alice", "c-1"))).isZero();
    assertThat(type.compare(a1, a2)).isNegative();
    assertThat(type.compare(a2, a1)).isPositive();
    assertThat(type.compare(a2, b1)).isNegative();
    assertThat(type.compare(new KeyValue("chat1"), a1)).isNegative();
    assertThat(type.compare(new KeyValue(9L), new KeyValue(10L))).isNegative();
  }
}
