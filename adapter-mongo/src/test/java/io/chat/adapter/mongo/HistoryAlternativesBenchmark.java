package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Stores.done;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.reactivestreams.Publisher;

/**
 * The ways a history page could be asked of the embedded store, side by side, on one collection of
 * 110,100 messages: why the adapter asks for exact {@code _id}s. Not a test: run by hand (see
 * docs/benchmarks.md).
 */
public final class HistoryAlternativesBenchmark {
  private static final int PAGE = 50;
  private static final int RUNS = 30;

  private HistoryAlternativesBenchmark() {}

  public static void main(String[] args) {
    try (EmbeddedMongo server = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(server.connectionString())) {
      done(MongoStore.of(client.getDatabase("alternatives")).createIndexes());
      MongoCollection<Document> messages =
          client.getDatabase("alternatives").getCollection(MongoStore.MESSAGES);
      ChatId small = fill(messages, 100);
      ChatId large = fill(messages, 110_000);
      System.out.printf(
          "latest page of %d, messages collection of 110,100 documents, %d runs each%n",
          PAGE, RUNS);
      for (ChatId chat : List.of(small, large)) {
        long last = chat.equals(small) ? 100 : 110_000;
        List<String> ids =
            LongStream.rangeClosed(last - PAGE + 1, last)
                .mapToObj(seq -> Codec.messageKey(chat, seq))
                .toList();
        List<Long> seqs = LongStream.rangeClosed(last - PAGE + 1, last).boxed().toList();
        String size = "chat of " + last + ": ";
        time(
            size + "_id $in [chat:seq...] (the adapter)",
            () -> messages.find(new Document("_id", new Document("$in", ids))));
        time(
            size + "{chatId, seq: {$in: [...]}} (unique key, $in)",
            () ->
                messages.find(
                    new Document("chatId", chat.value()).append("seq", new Document("$in", seqs))));
        time(
            size + "{chatId, seq: {$gte, $lt}} sort limit (range)",
            () ->
                messages
                    .find(
                        new Document("chatId", chat.value())
                            .append(
                                "seq",
                                new Document("$gte", last - PAGE + 1).append("$lt", last + 1)))
                    .sort(new Document("seq", -1))
                    .limit(PAGE));
        time(
            size + "50 x {chatId, seq} exact (unique key, one by one)",
            () -> {
              List<Publisher<Document>> each = new ArrayList<>();
              for (long seq : seqs) {
                each.add(messages.find(new Document("chatId", chat.value()).append("seq", seq)));
              }
              return each;
            });
      }
    }
  }

  private static ChatId fill(MongoCollection<Document> messages, long size) {
    ChatId chat = ChatId.of(new ObjectId().toHexString());
    List<Document> batch = new ArrayList<>();
    for (long seq = 1; seq <= size; seq++) {
      NewMessage message =
          new NewMessage(
              MessageId.of(new ObjectId().toHexString()),
              UserId.of(seq % 2 == 0 ? "alice" : "bob"),
              MessageText.of("message number " + seq + " with some ordinary text in it"),
              Instant.parse("2024-05-01T10:00:00Z").plusMillis(seq),
              Optional.empty());
      batch.add(Codec.messageDocument(message.at(chat, seq)));
      if (batch.size() == 1_000 || seq == size) {
        done(Stages.done(messages.insertMany(batch)));
        batch = new ArrayList<>();
      }
    }
    return chat;
  }

  @SuppressWarnings("unchecked")
  private static void time(String what, Supplier<?> query) {
    long[] nanos = new long[RUNS];
    for (int i = -RUNS; i < RUNS; i++) {
      long start = System.nanoTime();
      Object publishers = query.get();
      int found = 0;
      if (publishers instanceof List<?> list) {
        for (Object p : list) {
          found += done(Stages.list((Publisher<Document>) p)).size();
        }
      } else {
        found = done(Stages.list((Publisher<Document>) publishers)).size();
      }
      if (found != PAGE) {
        throw new IllegalStateException(what + ": found " + found);
      }
      if (i >= 0) {
        nanos[i] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    System.out.printf("  %-62s median %7.2f ms%n", what, nanos[RUNS / 2] / 1e6);
  }
}
