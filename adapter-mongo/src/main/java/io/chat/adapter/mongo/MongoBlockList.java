package io.chat.adapter.mongo;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.BlockList;
import io.chat.domain.relation.Block;
import io.chat.domain.shared.Failures;
import io.chat.domain.user.UserId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The blocks collection: one document per block, whose {@code _id} is {@code blocker:blocked}, so
 * that the check on every send ("blocked either way?") is a lookup of two exact {@code _id}s.
 */
final class MongoBlockList implements BlockList {
  static final String BLOCKER = "blocker";
  static final String BLOCKED = "blocked";

  private final MongoCollection<Document> blocks;

  MongoBlockList(MongoCollection<Document> blocks) {
    this.blocks = blocks;
  }

  private static String key(UserId blocker, UserId blocked) {
    return blocker.value() + ':' + blocked.value();
  }

  @Override
  public CompletionStage<Boolean> add(Block block) {
    Document document =
        new Document(BLOCKER, block.blocker().value())
            .append(BLOCKED, block.blocked().value())
            .append(Codec.CREATED_AT, Codec.date(block.createdAt()));
    return Stages.single(
            blocks.updateOne(
                new Document(Codec.ID, key(block.blocker(), block.blocked())),
                new Document("$setOnInsert", document),
                new UpdateOptions().upsert(true)))
        .thenApply(result -> result.getUpsertedId() != null)
        .exceptionally(
            error -> {
              // Two adds racing on one block: the loser finds it existing.
              if (StoreErrors.isDuplicateKey(error)) {
                return false;
              }
              throw new CompletionException(Failures.unwrapped(error));
            });
  }

  @Override
  public CompletionStage<Boolean> remove(UserId blocker, UserId blocked) {
    return Stages.single(blocks.deleteOne(new Document(Codec.ID, key(blocker, blocked))))
        .thenApply(result -> result.getDeletedCount() > 0);
  }

  @Override
  public CompletionStage<Boolean> isBlockedEitherWay(UserId a, UserId b) {
    if (a.equals(b)) {
      return CompletableFuture.completedStage(false);
    }
    Document filter = new Document(Codec.ID, new Document("$in", List.of(key(a, b), key(b, a))));
    return Stages.first(blocks.find(filter).projection(new Document(Codec.ID, 1)).limit(1))
        .thenApply(Optional::isPresent);
  }

  @Override
  public CompletionStage<Set<UserId>> blockedEitherWay(UserId user) {
    Document filter =
        new Document(
            "$or",
            List.of(new Document(BLOCKER, user.value()), new Document(BLOCKED, user.value())));
    return Stages.list(blocks.find(filter))
        .thenApply(
            docs -> {
              Set<UserId> others = new HashSet<>();
              for (Document doc : docs) {
                String blocker = doc.getString(BLOCKER);
                others.add(
                    UserId.of(blocker.equals(user.value()) ? doc.getString(BLOCKED) : blocker));
              }
              return others;
            });
  }

  @Override
  public CompletionStage<List<Block>> blockedBy(UserId blocker, Optional<UserId> after, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    Document filter = new Document(BLOCKER, blocker.value());
    after.ifPresent(a -> filter.append(BLOCKED, new Document("$gt", a.value())));
    return Stages.list(blocks.find(filter).sort(new Document(BLOCKED, 1)).limit(limit))
        .thenApply(
            docs ->
                docs.stream()
                    .map(
                        d ->
                            new Block(
                                UserId.of(d.getString(BLOCKER)),
                                UserId.of(d.getString(BLOCKED)),
                                Codec.instant(d, Codec.CREATED_AT)))
                    .collect(Collectors.toList()));
  }
}
