package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.ASSIGNED_ADMIN;
import static io.chat.adapter.mongo.Codec.CLEARED_SEQ;
import static io.chat.adapter.mongo.Codec.CREATED_AT;
import static io.chat.adapter.mongo.Codec.ID;
import static io.chat.adapter.mongo.Codec.LAST_CHANGE;
import static io.chat.adapter.mongo.Codec.LAST_MESSAGE;
import static io.chat.adapter.mongo.Codec.LAST_SEQ;
import static io.chat.adapter.mongo.Codec.PAIR_KEY;
import static io.chat.adapter.mongo.Codec.PARTICIPANTS;
import static io.chat.adapter.mongo.Codec.READ_SEQ;
import static io.chat.adapter.mongo.Codec.RELATED_ENTITY;
import static io.chat.adapter.mongo.Codec.STATUS;
import static io.chat.adapter.mongo.Codec.TYPE;
import static io.chat.adapter.mongo.Codec.UNREAD;
import static io.chat.adapter.mongo.Codec.UPDATED_AT;
import static io.chat.adapter.mongo.Codec.date;
import static io.chat.adapter.mongo.Codec.memberPath;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.ChatCursor;
import io.chat.application.port.out.ChatRepository;
import io.chat.application.port.out.MembershipRepository;
import io.chat.domain.chat.Chat;
import io.chat.domain.chat.ChatType;
import io.chat.domain.chat.MemberState;
import io.chat.domain.chat.PairKey;
import io.chat.domain.chat.SupportChange;
import io.chat.domain.chat.SupportStatus;
import io.chat.domain.group.Group;
import io.chat.domain.message.Message;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.Failures;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The chats collection. Every lookup that a request makes on its hot path (by id, by type and pair)
 * is a query on the exact key of a unique index, which every store, embedded or not, answers from
 * that index. A group's document is found by its {@code _id} only; its {@code pairKey} is its id
 * (unique in the {@code {type, pairKey}} index whatever the pairs), it has no {@code participants}
 * and no {@code members}: its members are {@link MongoMembershipRepository}'s, which a send never
 * touches.
 */
final class MongoChatRepository implements ChatRepository {
  /** Upserts racing on the pair key lose at most once each; a few attempts settle any race. */
  private static final int UPSERT_ATTEMPTS = 5;

  private static final FindOneAndUpdateOptions UPSERT_RETURNING_AFTER =
      new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
  private static final FindOneAndUpdateOptions RETURNING_AFTER =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
  private static final Bson LIST_ORDER = new Document(UPDATED_AT, -1).append(ID, -1);

  private final MongoCollection<Document> chats;
  private final MembershipRepository memberships;

  MongoChatRepository(MongoCollection<Document> chats, MembershipRepository memberships) {
    this.chats = chats;
    this.memberships = memberships;
  }

  /** The memberships whose listed groups {@link #listForUser} reads: the same database's. */
  MembershipRepository memberships() {
    return memberships;
  }

  /** The unique key of a chat: its type and pair, or for a group its id. */
  static Document byKey(Chat chat) {
    return chat.isGroup() ? byId(chat.id()) : byPair(chat.type(), chat.pair());
  }

  static Document byPair(ChatType type, PairKey pair) {
    return new Document(TYPE, type.wire()).append(PAIR_KEY, pair.value());
  }

  static Document byId(ChatId id) {
    return new Document(ID, id.value());
  }

  @Override
  public CompletionStage<Optional<Chat>> findById(ChatId id) {
    return Stages.first(chats.find(byId(id)).limit(1)).thenApply(d -> d.map(Codec::chat));
  }

  @Override
  public CompletionStage<Optional<Chat>> findByPair(ChatType type, PairKey pair) {
    return Stages.first(chats.find(byPair(type, pair)).limit(1)).thenApply(d -> d.map(Codec::chat));
  }

  @Override
  public CompletionStage<Chat> findOrCreate(Chat candidate) {
    Document update = new Document("$setOnInsert", Codec.chatDocument(candidate));
    return retryingDuplicatePair(
        () ->
            Stages.single(chats.findOneAndUpdate(byKey(candidate), update, UPSERT_RETURNING_AFTER)),
        UPSERT_ATTEMPTS);
  }

  @Override
  public CompletionStage<Chat> recordMessage(
      Chat ifAbsent, NewMessage message, Optional<SupportStatus> supportStatus) {
    if (ifAbsent.isGroup()) {
      return recordInGroup(ifAbsent, message);
    }
    UserId recipient = ifAbsent.otherThan(message.sender());

    // $setOnInsert must not touch a path that $inc or $set touches: the recipient's unread, the
    // last seq, the status.
    Document onInsert =
        new Document(ID, ifAbsent.id().value())
            .append(PARTICIPANTS, Codec.participants(ifAbsent))
            .append(CREATED_AT, date(ifAbsent.createdAt()));
    ifAbsent
        .members()
        .forEach(
            (user, state) -> {
              if (user.equals(recipient)) {
                onInsert.append(memberPath(user, READ_SEQ), state.readSeq());
                onInsert.append(memberPath(user, CLEARED_SEQ), state.clearedSeq());
              } else {
                onInsert.append(Codec.MEMBERS + '.' + user.value(), Codec.memberDocument(state));
              }
            });
    Document set = new Document(LAST_MESSAGE, Codec.lastMessageDocument(message));
    ifAbsent
        .support()
        .ifPresent(
            support -> {
              support
                  .relatedEntity()
                  .ifPresent(e -> onInsert.append(RELATED_ENTITY, Codec.relatedEntityDocument(e)));
              support.assignedAdminId().ifPresent(a -> onInsert.append(ASSIGNED_ADMIN, a.value()));
              SupportStatus status = supportStatus.orElse(support.status());
              set.append(STATUS, status.wire());
            });
    Document update =
        new Document("$setOnInsert", onInsert)
            .append("$set", set)
            .append("$inc", new Document(LAST_SEQ, 1L).append(memberPath(recipient, UNREAD), 1L))
            .append("$max", new Document(UPDATED_AT, date(message.createdAt())));
    Document filter = byPair(ifAbsent.type(), ifAbsent.pair());
    return retryingDuplicatePair(
        () -> Stages.single(chats.findOneAndUpdate(filter, update, UPSERT_RETURNING_AFTER)),
        UPSERT_ATTEMPTS);
  }

  /**
   * A group's entry: one upsert by {@code _id} that creates the group's document from {@code
   * ifAbsent} on its first entry, takes the next seq and sets the last message and activity time.
   * No member is read or written, whatever the group's size.
   */
  private CompletionStage<Chat> recordInGroup(Chat ifAbsent, NewMessage message) {
    // $setOnInsert must not touch a path that $inc, $set or $max touches.
    Document onInsert =
        Codec.appendGroup(
            new Document(TYPE, ChatType.GROUP.wire())
                .append(PAIR_KEY, ifAbsent.id().value())
                .append(CREATED_AT, date(ifAbsent.createdAt())),
            ifAbsent.requireGroup());
    Document update =
        new Document("$setOnInsert", onInsert)
            .append("$set", new Document(LAST_MESSAGE, Codec.lastMessageDocument(message)))
            .append("$inc", new Document(LAST_SEQ, 1L))
            .append("$max", new Document(UPDATED_AT, date(message.createdAt())));
    Document filter = byId(ifAbsent.id());
    // Two first entries racing to insert the group: the loser's next attempt updates the winner's.
    return retryingDuplicatePair(
        () -> Stages.single(chats.findOneAndUpdate(filter, update, UPSERT_RETURNING_AFTER)),
        UPSERT_ATTEMPTS);
  }

  /**
   * Runs an upsert by pair key again when it lost a race to insert the pair's chat: the next
   * attempt finds the winner's chat and updates it.
   */
  private CompletionStage<Chat> retryingDuplicatePair(
      Supplier<CompletionStage<Document>> upsert, int attemptsLeft) {
    return upsert
        .get()
        .thenApply(Codec::chat)
        .handle(
            (chat, error) -> {
              if (error == null) {
                return CompletableFuture.completedStage(chat);
              }
              if (StoreErrors.isDuplicateKey(error) && attemptsLeft > 1) {
                return retryingDuplicatePair(upsert, attemptsLeft - 1);
              }
              return CompletableFuture.<Chat>failedStage(Failures.unwrapped(error));
            })
        .thenCompose(stage -> stage);
  }

  @Override
  public CompletionStage<Boolean> compareAndSetMember(
      ChatId id, UserId member, long expectedLastSeq, MemberState expected, MemberState next) {
    Document filter =
        byId(id)
            .append(PARTICIPANTS, member.value())
            .append(LAST_SEQ, expectedLastSeq)
            .append(memberPath(member, READ_SEQ), storedEquals(expected.readSeq()))
            .append(memberPath(member, CLEARED_SEQ), storedEquals(expected.clearedSeq()))
            .append(memberPath(member, UNREAD), storedEquals(expected.unread()))
            .append(memberPath(member, Codec.DELIVERED_SEQ), storedEquals(expected.deliveredSeq()))
            .append(memberPath(member, Codec.ARCHIVED_SEQ), storedEquals(expected.archivedSeq()));
    Document update =
        new Document(
            "$set", new Document(Codec.MEMBERS + '.' + member.value(), Codec.memberDocument(next)));
    return Stages.single(chats.updateOne(filter, update)).thenApply(r -> r.getMatchedCount() == 1);
  }

  /** A member mark that was never written is 0. */
  private static Object storedEquals(long value) {
    return value == 0 ? new Document("$in", Arrays.asList(0L, null)) : value;
  }

  /**
   * One {@code update} by {@code _id}: {@code $max} on {@code lastChange}, and with a revised last
   * message, in the same update, its new version, for as long as the chat is still at its seq and
   * holds an older version of it (the filter says so). When that filter no longer matches (a newer
   * message came, or a newer revision of this one was recorded) a second update moves {@code
   * lastChange} alone. {@code updatedAt} is not touched: a revision is not activity.
   */
  @Override
  public CompletionStage<Void> recordRevision(
      ChatId id, long change, Optional<Message> revisedLast) {
    Document moveChange = new Document("$max", new Document(LAST_CHANGE, change));
    if (revisedLast.isEmpty()) {
      return Stages.done(chats.updateOne(byId(id), moveChange));
    }
    Message last = revisedLast.get();
    Document stillLast =
        byId(id)
            .append(LAST_SEQ, last.seq())
            .append(LAST_MESSAGE + '.' + Codec.MESSAGE_ID, last.id().value())
            .append(
                LAST_MESSAGE + '.' + Codec.CHANGE,
                new Document("$not", new Document("$gte", last.change())));
    Document update =
        new Document("$set", new Document(LAST_MESSAGE, Codec.lastMessageDocument(last)))
            .append("$max", new Document(LAST_CHANGE, change));
    return Stages.single(chats.updateOne(stillLast, update))
        .thenCompose(
            result ->
                result.getMatchedCount() == 1
                    ? CompletableFuture.<Void>completedStage(null)
                    : Stages.done(chats.updateOne(byId(id), moveChange)));
  }

  /**
   * One {@code update} by {@code _id} of the participant's delivered mark alone, filtered on the
   * mark being lower, so that it never moves back and the answer says whether it moved.
   */
  @Override
  public CompletionStage<Boolean> advanceDelivered(ChatId id, UserId member, long seq) {
    String mark = memberPath(member, Codec.DELIVERED_SEQ);
    Document filter =
        byId(id)
            .append(PARTICIPANTS, member.value())
            .append(mark, new Document("$not", new Document("$gte", seq)));
    return Stages.single(chats.updateOne(filter, new Document("$set", new Document(mark, seq))))
        .thenApply(result -> result.getMatchedCount() == 1);
  }

  /** One {@code update} by {@code _id} of the participant's archive mark alone. */
  @Override
  public CompletionStage<Boolean> setArchived(ChatId id, UserId member, long seq) {
    Document filter = byId(id).append(PARTICIPANTS, member.value());
    Document update =
        new Document("$set", new Document(memberPath(member, Codec.ARCHIVED_SEQ), seq));
    return Stages.single(chats.updateOne(filter, update))
        .thenApply(result -> result.getMatchedCount() == 1);
  }

  @Override
  public CompletionStage<Optional<Chat>> updateSupport(ChatId id, SupportChange change) {
    // A chat's type never changes, so checking it first and updating by id after is safe; the
    // update itself then goes by the id alone, which every store answers from its primary index.
    return findById(id)
        .thenCompose(
            found -> {
              if (found.isEmpty() || !found.get().isSupport()) {
                return CompletableFuture.completedStage(Optional.<Chat>empty());
              }
              if (change.isEmpty()) {
                return CompletableFuture.completedStage(found);
              }
              Document set = new Document();
              Document unset = new Document();
              change.status().ifPresent(s -> set.append(STATUS, s.wire()));
              change
                  .relatedEntity()
                  .ifPresent(e -> set.append(RELATED_ENTITY, Codec.relatedEntityDocument(e)));
              if (change.changeAssignee()) {
                change
                    .assignee()
                    .ifPresentOrElse(
                        a -> set.append(ASSIGNED_ADMIN, a.value()),
                        () -> unset.append(ASSIGNED_ADMIN, ""));
              }
              Document update = new Document();
              if (!set.isEmpty()) {
                update.append("$set", set);
              }
              if (!unset.isEmpty()) {
                update.append("$unset", unset);
              }
              return Stages.first(chats.findOneAndUpdate(byId(id), update, RETURNING_AFTER))
                  .thenApply(d -> d.map(Codec::chat));
            });
  }

  @Override
  public CompletionStage<Optional<Chat>> updateGroup(ChatId id, Group group) {
    // As for support changes: the type is checked by id first, then the update goes by id alone.
    return findById(id)
        .thenCompose(
            found -> {
              if (found.isEmpty() || !found.get().isGroup()) {
                return CompletableFuture.completedStage(Optional.<Chat>empty());
              }
              Document set = Codec.appendGroup(new Document(), group);
              Document unset = new Document();
              if (group.profile().description().isEmpty()) {
                unset.append(Codec.DESCRIPTION, "");
              }
              if (group.profile().avatarUrl().isEmpty()) {
                unset.append(Codec.AVATAR_URL, "");
              }
              Document update = new Document("$set", set);
              if (!unset.isEmpty()) {
                update.append("$unset", unset);
              }
              return Stages.first(chats.findOneAndUpdate(byId(id), update, RETURNING_AFTER))
                  .thenApply(d -> d.map(Codec::chat));
            });
  }

  /**
   * Chats of two from the {@code {participants, updatedAt, _id}} index range as before; groups as
   * the user's listed group ids (from memberships), then those chats by {@code _id} after the
   * cursor, latest first and at most a page; the two pages merged. What a page costs is bounded by
   * the user's own chats, not by the store's.
   */
  @Override
  public CompletionStage<List<Chat>> listForUser(
      UserId user,
      Set<ChatType> types,
      Set<UserId> excludedPartners,
      Optional<ChatCursor> after,
      int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    List<String> pairTypes =
        types.stream()
            .filter(PAIR_TYPES::contains)
            .map(ChatType::wire)
            .sorted()
            .collect(Collectors.toList());
    CompletionStage<List<Chat>> pairs =
        pairTypes.isEmpty()
            ? CompletableFuture.completedStage(List.of())
            : pairs(user, pairTypes, excludedPartners, after, limit);
    CompletionStage<List<Chat>> groups =
        types.contains(ChatType.GROUP)
            ? memberships.listedGroupsOf(user).thenCompose(ids -> groups(ids, after, limit))
            : CompletableFuture.completedStage(List.of());
    return pairs.thenCombine(groups, (p, g) -> merged(p, g, limit));
  }

  private CompletionStage<List<Chat>> pairs(
      UserId user,
      List<String> pairTypes,
      Set<UserId> excludedPartners,
      Optional<ChatCursor> after,
      int limit) {
    List<Bson> conditions = new ArrayList<>();
    conditions.add(new Document(PARTICIPANTS, user.value()));
    conditions.add(new Document(LAST_SEQ, new Document("$gt", 0L)));
    if (pairTypes.size() < PAIR_TYPES.size()) {
      conditions.add(new Document(TYPE, new Document("$in", pairTypes)));
    }
    if (!excludedPartners.isEmpty()) {
      List<String> excluded =
          excludedPartners.stream().map(UserId::value).sorted().collect(Collectors.toList());
      conditions.add(new Document(PARTICIPANTS, new Document("$nin", excluded)));
    }
    after.ifPresent(cursor -> conditions.add(after(cursor)));
    return page(new Document("$and", conditions), limit);
  }

  /**
   * The page of the given groups, by their {@code _id}s only (which every store answers from its
   * primary index): first the order fields of all of them, then the whole documents of the page.
   */
  private CompletionStage<List<Chat>> groups(
      List<ChatId> ids, Optional<ChatCursor> after, int limit) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedStage(List.of());
    }
    List<String> keys = ids.stream().map(ChatId::value).distinct().sorted().toList();
    return Stages.list(
            chats
                .find(new Document(ID, new Document("$in", keys)))
                .projection(new Document(UPDATED_AT, 1).append(LAST_SEQ, 1)))
        .thenCompose(
            docs -> {
              List<String> page =
                  docs.stream()
                      .filter(d -> Codec.number(d, LAST_SEQ) > 0)
                      .map(
                          d ->
                              new ChatCursor(
                                  Codec.instant(d, UPDATED_AT), ChatId.of(d.getString(ID))))
                      .filter(c -> after.map(a -> a.precedes(c)).orElse(true))
                      .sorted(ChatCursor.POSITION_ORDER)
                      .limit(limit)
                      .map(c -> c.id().value())
                      .toList();
              if (page.isEmpty()) {
                return CompletableFuture.completedStage(List.<Chat>of());
              }
              return Stages.list(chats.find(new Document(ID, new Document("$in", page))))
                  .thenApply(
                      found ->
                          found.stream()
                              .map(Codec::chat)
                              .sorted(ChatCursor.ORDER)
                              .collect(Collectors.toList()));
            });
  }

  /** Two pages in list order, merged into one. */
  private static List<Chat> merged(List<Chat> pairs, List<Chat> groups, int limit) {
    if (groups.isEmpty()) {
      return pairs;
    }
    if (pairs.isEmpty()) {
      return groups;
    }
    List<Chat> all = new ArrayList<>(pairs.size() + groups.size());
    all.addAll(pairs);
    all.addAll(groups);
    return all.stream().sorted(ChatCursor.ORDER).limit(limit).collect(Collectors.toList());
  }

  @Override
  public CompletionStage<List<Chat>> listSupport(
      Optional<SupportStatus> status, Optional<ChatCursor> after, int limit) {
    List<Bson> conditions = new ArrayList<>();
    conditions.add(new Document(TYPE, ChatType.ADMIN_SUPPORT.wire()));
    status.ifPresent(s -> conditions.add(new Document(STATUS, s.wire())));
    after.ifPresent(cursor -> conditions.add(after(cursor)));
    return page(new Document("$and", conditions), limit);
  }

  private CompletionStage<List<Chat>> page(Bson filter, int limit) {
    if (limit <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    return Stages.list(chats.find(filter).sort(LIST_ORDER).limit(limit))
        .thenApply(docs -> docs.stream().map(Codec::chat).collect(Collectors.toList()));
  }

  /** Strictly after the cursor in the list order (updatedAt, then id, both descending). */
  private static Bson after(ChatCursor cursor) {
    return new Document(
        "$or",
        List.of(
            new Document(UPDATED_AT, new Document("$lt", date(cursor.updatedAt()))),
            new Document(UPDATED_AT, date(cursor.updatedAt()))
                .append(ID, new Document("$lt", cursor.id().value()))));
  }

  @Override
  public CompletionStage<Set<UserId>> partnersOf(UserId user) {
    return Stages.list(
            chats
                .find(new Document(PARTICIPANTS, user.value()))
                .projection(new Document(PARTICIPANTS, 1)))
        .thenApply(
            docs -> {
              Set<UserId> partners = new HashSet<>();
              for (Document doc : docs) {
                for (String participant : doc.getList(PARTICIPANTS, String.class)) {
                  if (!participant.equals(user.value())) {
                    partners.add(UserId.of(participant));
                  }
                }
              }
              return partners;
            });
  }
}
