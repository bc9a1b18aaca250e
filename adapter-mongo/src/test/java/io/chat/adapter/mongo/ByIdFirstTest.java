package io.chat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which queries the embedded store answers from its primary index before matching the rest. */
class ByIdFirstTest {
  private final MemoryUniqueIndex primary =
      new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
  private final MemoryUniqueIndex mid =
      new MemoryUniqueIndex("mid", List.of(new IndexKey("mid", true)), false);
  private List<Index<Integer>> indexes;

  @BeforeEach
  void twoDocuments() {
    primary.add(new Document("_id", "c:1").append("mid", "m1"), 0, null);
    primary.add(new Document("_id", "c:2").append("mid", "m2"), 1, null);
    mid.add(new Document("_id", "c:1").append("mid", "m1"), 0, null);
    mid.add(new Document("_id", "c:2").append("mid", "m2"), 1, null);
    indexes = List.of(mid, primary);
  }

  @Test
  void aQueryNamingOneIdAndMoreTakesThatDocumentFromThePrimaryIndex() {
    Document guarded =
        new Document("_id", "c:2").append("change", new Document("$not", new Document("$gte", 3L)));

    assertThat(ByIdFirst.positions(indexes, guarded))
        .hasValueSatisfying(p -> assertThat(p).containsExactly(1));
    assertThat(ByIdFirst.positions(indexes, new Document("_id", "c:9").append("seq", 1L)))
        .hasValueSatisfying(p -> assertThat(p).isEmpty());
  }

  @Test
  void otherQueriesAreLeftToTheStore() {
    assertThat(ByIdFirst.positions(indexes, new Document("_id", "c:1")))
        .as("a plain _id lookup: the store's own index use answers it")
        .isEqualTo(Optional.empty());
    assertThat(
            ByIdFirst.positions(
                indexes,
                new Document("_id", new Document("$in", List.of("c:1", "c:2"))).append("seq", 1L)))
        .isEmpty();
    assertThat(ByIdFirst.positions(indexes, new Document("mid", "m1").append("seq", 1L))).isEmpty();
    assertThat(ByIdFirst.positions(List.of(mid), new Document("_id", "c:1").append("seq", 1L)))
        .as("no primary index")
        .isEmpty();
  }
}
