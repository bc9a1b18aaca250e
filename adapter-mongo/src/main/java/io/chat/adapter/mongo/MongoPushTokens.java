package io.chat.adapter.mongo;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.PushTokens;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The push_tokens collection: the token is the {@code _id}, so a token belongs to one user at a
 * time by construction and registering it again moves it.
 */
final class MongoPushTokens implements PushTokens {
  static final String USER = "userId";
  static final String PLATFORM = "platform";

  private final MongoCollection<Document> tokens;

  MongoPushTokens(MongoCollection<Document> tokens) {
    this.tokens = tokens;
  }

  @Override
  public CompletionStage<Void> register(UserId user, PushToken token) {
    Document document = new Document(Codec.ID, token.token()).append(USER, user.value());
    token.platform().ifPresent(p -> document.append(PLATFORM, p));
    return Stages.done(
        tokens.replaceOne(
            new Document(Codec.ID, token.token()), document, new ReplaceOptions().upsert(true)));
  }

  @Override
  public CompletionStage<Void> remove(UserId user, String token) {
    return Stages.done(tokens.deleteOne(new Document(Codec.ID, token).append(USER, user.value())));
  }

  @Override
  public CompletionStage<Void> removeAll(UserId user) {
    return Stages.done(tokens.deleteMany(new Document(USER, user.value())));
  }

  @Override
  public CompletionStage<Void> forget(String token) {
    return Stages.done(tokens.deleteOne(new Document(Codec.ID, token)));
  }

  @Override
  public CompletionStage<List<PushToken>> tokensOf(UserId user) {
    return Stages.list(
            tokens.find(new Document(USER, user.value())).sort(new Document(Codec.ID, 1)))
        .thenApply(
            docs ->
                docs.stream()
                    .map(
                        d ->
                            new PushToken(
                                d.getString(Codec.ID), Optional.ofNullable(d.getString(PLATFORM))))
                    .collect(Collectors.toList()));
  }
}
