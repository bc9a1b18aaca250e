package io.chat.adapter.mongo;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.MuteSettings;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.bson.Document;

/** The mutes collection: one document per user and chat, whose {@code _id} is {@code user:chat}. */
final class MongoMuteSettings implements MuteSettings {
  static final String USER = "userId";
  static final String UNTIL = "until";

  private final MongoCollection<Document> mutes;

  MongoMuteSettings(MongoCollection<Document> mutes) {
    this.mutes = mutes;
  }

  private static String key(UserId user, ChatId chat) {
    return user.value() + ':' + chat.value();
  }

  @Override
  public CompletionStage<Optional<Mute>> find(UserId user, ChatId chat) {
    return Stages.first(mutes.find(new Document(Codec.ID, key(user, chat))).limit(1))
        .thenApply(d -> d.map(MongoMuteSettings::mute));
  }

  @Override
  public CompletionStage<Map<ChatId, Mute>> findAll(UserId user, Collection<ChatId> chats) {
    if (chats.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    List<String> keys =
        chats.stream().distinct().map(c -> key(user, c)).collect(Collectors.toList());
    return Stages.list(mutes.find(new Document(Codec.ID, new Document("$in", keys))))
        .thenApply(
            docs -> {
              Map<ChatId, Mute> byChat = new HashMap<>();
              docs.stream().map(MongoMuteSettings::mute).forEach(m -> byChat.put(m.chat(), m));
              return byChat;
            });
  }

  @Override
  public CompletionStage<Void> save(Mute mute) {
    Document document =
        new Document(Codec.ID, key(mute.user(), mute.chat()))
            .append(USER, mute.user().value())
            .append(Codec.CHAT_ID, mute.chat().value());
    mute.until().ifPresent(until -> document.append(UNTIL, Codec.date(until)));
    return Stages.done(
        mutes.replaceOne(
            new Document(Codec.ID, document.get(Codec.ID)),
            document,
            new ReplaceOptions().upsert(true)));
  }

  @Override
  public CompletionStage<Void> remove(UserId user, ChatId chat) {
    return Stages.done(mutes.deleteOne(new Document(Codec.ID, key(user, chat))));
  }

  static Mute mute(Document document) {
    return new Mute(
        UserId.of(document.getString(USER)),
        ChatId.of(document.getString(Codec.CHAT_ID)),
        Optional.ofNullable(document.getDate(UNTIL)).map(Date::toInstant));
  }
}
