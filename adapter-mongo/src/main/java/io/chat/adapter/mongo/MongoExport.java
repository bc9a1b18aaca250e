package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.ID;

import io.chat.domain.chat.Chat;
import io.chat.domain.group.Membership;
import io.chat.domain.message.Message;
import io.chat.domain.relation.Block;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.bson.Document;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads everything a store holds, as the domain's objects, collection by collection (their store's
 * order), a page at a time: for moving a store's data into another store (the standalone server's
 * move from the embedded MongoDB-compatible store to its SQLite file). Run it on a store nobody
 * writes to. Each page is handed over, then the next is asked for once the sink has taken the page
 * in ({@link Sink#taken}).
 */
public final class MongoExport {
  private static final int PAGE = 1_000;

  /** Where the data goes, one object at a time, every user before the first chat and so on. */
  public interface Sink {
    void user(UserProfile user);

    void block(Block block);

    void mute(Mute mute);

    void pushToken(UserId user, PushToken token);

    void chat(Chat chat);

    void membership(Membership membership);

    void message(Message message);

    void reaction(MessageId message, UserId user, String emoji);

    /** Completes once what was handed over so far is taken in (written, for a store). */
    CompletionStage<Void> taken();
  }

  private final MongoStore store;

  public MongoExport(MongoStore store) {
    this.store = store;
  }

  /** Hands every stored object to {@code sink}; answers how many documents were read. */
  public CompletionStage<Long> to(Sink sink) {
    List<Map.Entry<String, Consumer<Document>>> collections =
        List.of(
            Map.entry(MongoStore.USERS, d -> sink.user(MongoUserDirectory.profile(d))),
            Map.entry(
                MongoStore.BLOCKS,
                d ->
                    sink.block(
                        new Block(
                            UserId.of(d.getString(MongoBlockList.BLOCKER)),
                            UserId.of(d.getString(MongoBlockList.BLOCKED)),
                            Optional.ofNullable(d.getDate(Codec.CREATED_AT))
                                .map(Date::toInstant)
                                .orElse(Instant.EPOCH)))),
            Map.entry(MongoStore.MUTES, d -> sink.mute(MongoMuteSettings.mute(d))),
            Map.entry(
                MongoStore.PUSH_TOKENS,
                d ->
                    sink.pushToken(
                        UserId.of(d.getString(MongoPushTokens.USER)),
                        new PushToken(
                            d.getString(ID),
                            Optional.ofNullable(d.getString(MongoPushTokens.PLATFORM))))),
            Map.entry(MongoStore.CHATS, d -> sink.chat(Codec.chat(d))),
            Map.entry(MongoStore.MEMBERSHIPS, d -> sink.membership(Codec.membership(d))),
            Map.entry(MongoStore.MESSAGES, d -> sink.message(Codec.message(d))),
            Map.entry(
                MongoStore.REACTIONS,
                d -> {
                  List<String> emoji = d.getList(MongoReactionRepository.EMOJI, String.class);
                  if (emoji != null) {
                    MessageId message = MessageId.of(d.getString(MongoReactionRepository.MESSAGE));
                    UserId user = UserId.of(d.getString(MongoReactionRepository.USER));
                    emoji.forEach(e -> sink.reaction(message, user, e));
                  }
                }));
    CompletionStage<Long> read = CompletableFuture.completedStage(0L);
    for (Map.Entry<String, Consumer<Document>> collection : collections) {
      read =
          read.thenCompose(
              before ->
                  each(collection.getKey(), collection.getValue(), sink)
                      .thenApply(count -> before + count));
    }
    return read;
  }

  /**
   * The collection's documents, as one stream (one query, read in batches: a scan of the
   * collection, where pages by {@code _id} would each scan it again on the embedded store), a page
   * more asked for each time the sink has taken the last one in.
   */
  private CompletionStage<Long> each(
      String collectionName, Consumer<Document> consumer, Sink sink) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    store
        .database()
        .getCollection(collectionName)
        .find()
        .batchSize(PAGE)
        .subscribe(
            new Subscriber<Document>() {
              private Subscription subscription;
              private long count;
              private int inPage;

              @Override
              public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(PAGE);
              }

              @Override
              public void onNext(Document document) {
                try {
                  consumer.accept(document);
                } catch (RuntimeException e) {
                  subscription.cancel();
                  done.completeExceptionally(e);
                  return;
                }
                count++;
                if (++inPage == PAGE) {
                  inPage = 0;
                  sink.taken()
                      .whenComplete(
                          (ignored, failure) -> {
                            if (failure != null) {
                              subscription.cancel();
                              done.completeExceptionally(failure);
                            } else {
                              subscription.request(PAGE);
                            }
                          });
                }
              }

              @Override
              public void onError(Throwable failure) {
                done.completeExceptionally(failure);
              }

              @Override
              public void onComplete() {
                sink.taken()
                    .whenComplete(
                        (ignored, failure) -> {
                          if (failure != null) {
                            done.completeExceptionally(failure);
                          } else {
                            done.complete(count);
                          }
                        });
              }
            });
    return done;
  }
}
