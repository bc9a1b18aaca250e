package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.ID;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.ReactionRepository;
import io.chat.domain.message.Message;
import io.chat.domain.shared.Failures;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The reactions collection: one document per message and user, {@code _id} {@code
 * <messageId>|<userId>}, with the user's emoji in {@code e}. A user's own reactions to a page of
 * messages are then a lookup of exact {@code _id}s (the primary index on any store), and a count of
 * one emoji a range of the {@code {m, e}} index.
 */
final class MongoReactionRepository implements ReactionRepository {
  static final String MESSAGE = "m";
  static final String USER = "u";
  static final String EMOJI = "e";

  private static final FindOneAndUpdateOptions UPSERT_RETURNING_BEFORE =
      new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE);
  private static final FindOneAndUpdateOptions RETURNING_BEFORE =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);

  private final MongoCollection<Document> reactions;

  MongoReactionRepository(MongoCollection<Document> reactions) {
    this.reactions = reactions;
  }

  /** Message ids are hex and user ids have no {@code |}: the key is unambiguous. */
  static String key(MessageId message, UserId user) {
    return message.value() + '|' + user.value();
  }

  /**
   * One {@code findAndModify} by {@code _id}: {@code $addToSet} (an upsert) or {@code $pull} of the
   * emoji, answering the document as it was before, so that whether the user had the emoji comes
   * from the same atomic step as the change. A document whose last emoji is taken back stays,
   * empty. Two first reactions of one user to one message may race to insert the document: the
   * loser's second attempt updates the winner's.
   */
  @Override
  public CompletionStage<Boolean> set(Message message, UserId user, String emoji, boolean on) {
    Document filter = new Document(ID, key(message.id(), user));
    if (!on) {
      return had(
          Stages.first(
              reactions.findOneAndUpdate(
                  filter, new Document("$pull", new Document(EMOJI, emoji)), RETURNING_BEFORE)),
          emoji);
    }
    Document update =
        new Document(
                "$setOnInsert",
                new Document(MESSAGE, message.id().value()).append(USER, user.value()))
            .append("$addToSet", new Document(EMOJI, emoji));
    Supplier<CompletionStage<Optional<Document>>> upsert =
        () -> Stages.first(reactions.findOneAndUpdate(filter, update, UPSERT_RETURNING_BEFORE));
    return had(
        upsert
            .get()
            .handle(
                (found, error) ->
                    error == null
                        ? CompletableFuture.completedStage(found)
                        : StoreErrors.isDuplicateKey(error)
                            ? upsert.get()
                            : CompletableFuture.<Optional<Document>>failedStage(
                                Failures.unwrapped(error)))
            .thenCompose(stage -> stage),
        emoji);
  }

  private static CompletionStage<Boolean> had(
      CompletionStage<Optional<Document>> before, String emoji) {
    return before.thenApply(found -> found.map(d -> emoji(d).contains(emoji)).orElse(false));
  }

  /** One {@code find} of the exact {@code _id}s of the messages for this user. */
  @Override
  public CompletionStage<Map<MessageId, Set<String>>> mine(
      UserId user, Collection<MessageId> messages) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    List<String> keys = messages.stream().map(m -> key(m, user)).distinct().sorted().toList();
    return Stages.list(reactions.find(new Document(ID, new Document("$in", keys))))
        .thenApply(
            docs -> {
              Map<MessageId, Set<String>> found = new HashMap<>();
              for (Document doc : docs) {
                List<String> emoji = emoji(doc);
                if (!emoji.isEmpty()) {
                  found.put(MessageId.of(doc.getString(MESSAGE)), Set.copyOf(emoji));
                }
              }
              return found;
            });
  }

  /** A count over the {@code {m, e}} index: one entry per user who has the emoji. */
  @Override
  public CompletionStage<Long> count(MessageId message, String emoji) {
    return Stages.single(
        reactions.countDocuments(new Document(MESSAGE, message.value()).append(EMOJI, emoji)));
  }

  private static List<String> emoji(Document document) {
    List<String> emoji = document.getList(EMOJI, String.class);
    return emoji == null ? List.of() : emoji;
  }
}
