package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.ARCHIVED_SEQ;
import static io.chat.adapter.mongo.Codec.CHAT_ID;
import static io.chat.adapter.mongo.Codec.CLEARED_SEQ;
import static io.chat.adapter.mongo.Codec.DELIVERED_SEQ;
import static io.chat.adapter.mongo.Codec.HIDDEN;
import static io.chat.adapter.mongo.Codec.ID;
import static io.chat.adapter.mongo.Codec.JOINED_SEQ;
import static io.chat.adapter.mongo.Codec.LEFT_SEQ;
import static io.chat.adapter.mongo.Codec.READ_SEQ;
import static io.chat.adapter.mongo.Codec.ROLE;
import static io.chat.adapter.mongo.Codec.USER_ID;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.MembershipRepository;
import io.chat.domain.group.GroupRole;
import io.chat.domain.group.Membership;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.bson.Document;
import org.reactivestreams.Publisher;

/**
 * The memberships collection: one document per group and user, whose {@code _id} is {@code
 * chatId:userId}, kept apart from the chat so that a send writes none of them. A mark moves by one
 * {@code findOneAndUpdate} with {@code $max} on that {@code _id}: one small write whatever the
 * group's size and history. The lists go by the indexes {@code {chatId, leftSeq, userId}} (current
 * members by user id), {@code {userId, hidden, chatId}} (a user's groups), {@code {chatId,
 * readSeq}} and {@code {chatId, deliveredSeq}} (who read or received what), which a real MongoDB
 * uses; the embedded store answers them by scanning the collection.
 */
final class MongoMembershipRepository implements MembershipRepository {
  private static final FindOneAndUpdateOptions RETURNING_BEFORE =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);
  private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
  private static final Document BY_USER = new Document(USER_ID, 1);

  private final MongoCollection<Document> memberships;

  MongoMembershipRepository(MongoCollection<Document> memberships) {
    this.memberships = memberships;
  }

  private static Document byKey(ChatId chat, UserId user) {
    return new Document(ID, Codec.membershipKey(chat, user));
  }

  private static Document currentOf(ChatId chat) {
    return new Document(CHAT_ID, chat.value()).append(LEFT_SEQ, 0L);
  }

  @Override
  public CompletionStage<Optional<Membership>> find(ChatId chat, UserId user) {
    return Stages.first(memberships.find(byKey(chat, user)).limit(1))
        .thenApply(d -> d.map(Codec::membership));
  }

  @Override
  public CompletionStage<Void> saveAll(List<Membership> list) {
    if (list.isEmpty()) {
      return CompletableFuture.completedStage(null);
    }
    List<WriteModel<Document>> writes = new ArrayList<>(list.size());
    for (Membership membership : list) {
      Document document = Codec.membershipDocument(membership);
      writes.add(new ReplaceOneModel<>(new Document(ID, document.get(ID)), document, UPSERT));
    }
    return Stages.done(memberships.bulkWrite(writes));
  }

  @Override
  public CompletionStage<List<Membership>> current(ChatId chat) {
    return list(memberships.find(currentOf(chat)).sort(BY_USER));
  }

  @Override
  public CompletionStage<List<Membership>> currentPage(
      ChatId chat, Optional<UserId> after, int limit) {
    if (limit < 1) {
      return refusedLimit();
    }
    Document filter = currentOf(chat);
    after.ifPresent(a -> filter.append(USER_ID, new Document("$gt", a.value())));
    return list(memberships.find(filter).sort(BY_USER).limit(limit));
  }

  @Override
  public CompletionStage<Integer> countCurrent(ChatId chat) {
    return Stages.single(memberships.countDocuments(currentOf(chat))).thenApply(Math::toIntExact);
  }

  @Override
  public CompletionStage<List<ChatId>> listedGroupsOf(UserId user) {
    Document filter = new Document(USER_ID, user.value()).append(HIDDEN, false);
    // Covered by the index {userId, hidden, chatId}: no membership document is read.
    return Stages.list(memberships.find(filter).projection(new Document(CHAT_ID, 1).append(ID, 0)))
        .thenApply(
            docs ->
                docs.stream()
                    .map(d -> ChatId.of(d.getString(CHAT_ID)))
                    .collect(Collectors.toList()));
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceRead(ChatId chat, UserId user, long seq) {
    return advance(chat, user, READ_SEQ, seq);
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceCleared(ChatId chat, UserId user, long seq) {
    return advance(chat, user, CLEARED_SEQ, seq);
  }

  @Override
  public CompletionStage<Optional<Membership>> advanceDelivered(
      ChatId chat, UserId user, long seq) {
    return advance(chat, user, DELIVERED_SEQ, seq);
  }

  @Override
  public CompletionStage<Boolean> setArchived(ChatId chat, UserId user, long seq) {
    return changed(byKey(chat, user), new Document(ARCHIVED_SEQ, seq));
  }

  /**
   * One write on the membership's {@code _id}: the mark becomes the higher of it and {@code seq}.
   */
  private CompletionStage<Optional<Membership>> advance(
      ChatId chat, UserId user, String mark, long seq) {
    Document update = new Document("$max", new Document(mark, seq));
    return Stages.first(memberships.findOneAndUpdate(byKey(chat, user), update, RETURNING_BEFORE))
        .thenApply(d -> d.map(Codec::membership));
  }

  @Override
  public CompletionStage<List<Membership>> readingFrom(ChatId chat, long fromSeq, UserId except) {
    Document filter =
        new Document(CHAT_ID, chat.value())
            .append(
                "$or",
                List.of(
                    new Document(READ_SEQ, new Document("$gte", fromSeq)),
                    new Document(DELIVERED_SEQ, new Document("$gte", fromSeq))))
            .append(USER_ID, new Document("$ne", except.value()));
    return list(memberships.find(filter));
  }

  @Override
  public CompletionStage<Boolean> setRole(ChatId chat, UserId user, GroupRole role) {
    return changed(byKey(chat, user).append(LEFT_SEQ, 0L), new Document(ROLE, role.wire()));
  }

  @Override
  public CompletionStage<Boolean> leave(ChatId chat, UserId user, long seq) {
    return changed(
        byKey(chat, user).append(LEFT_SEQ, 0L),
        new Document(LEFT_SEQ, seq).append(ROLE, GroupRole.MEMBER.wire()));
  }

  @Override
  public CompletionStage<Boolean> hide(ChatId chat, UserId user) {
    return changed(
        byKey(chat, user).append(LEFT_SEQ, new Document("$gt", 0L)), new Document(HIDDEN, true));
  }

  /** One {@code $set} of the given fields only, so that marks moved meanwhile stay. */
  private CompletionStage<Boolean> changed(Document filter, Document fields) {
    return Stages.single(memberships.updateOne(filter, new Document("$set", fields)))
        .thenApply(result -> result.getMatchedCount() == 1);
  }

  @Override
  public CompletionStage<List<Membership>> readers(
      ChatId chat, long seq, UserId except, Optional<UserId> after, int limit) {
    if (limit < 1) {
      return refusedLimit();
    }
    Document user = new Document("$ne", except.value());
    after.ifPresent(a -> user.append("$gt", a.value()));
    Document filter =
        new Document(CHAT_ID, chat.value())
            .append(READ_SEQ, new Document("$gte", seq))
            .append(JOINED_SEQ, new Document("$lte", seq))
            .append(USER_ID, user);
    return list(memberships.find(filter).sort(BY_USER).limit(limit));
  }

  private static CompletionStage<List<Membership>> list(Publisher<Document> documents) {
    return Stages.list(documents)
        .thenApply(docs -> docs.stream().map(Codec::membership).collect(Collectors.toList()));
  }

  /** MongoDB reads a limit of 0 as "no limit": a caller that passes one has a bug to find here. */
  private static <T> CompletionStage<T> refusedLimit() {
    return CompletableFuture.failedStage(new IllegalArgumentException("limit must be at least 1"));
  }
}
