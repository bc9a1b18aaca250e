package io.chat.adapter.mongo;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chat.application.port.out.UserDirectory;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.bson.Document;

/** The users collection: one profile per user id ({@code _id}). */
final class MongoUserDirectory implements UserDirectory {
  static final String FULL_NAME = "fullName";
  static final String PROFILE_PIC = "profilePic";
  static final String VERIFIED = "isVerified";

  private final MongoCollection<Document> users;

  MongoUserDirectory(MongoCollection<Document> users) {
    this.users = users;
  }

  @Override
  public CompletionStage<Optional<UserProfile>> find(UserId id) {
    return Stages.first(users.find(new Document(Codec.ID, id.value())).limit(1))
        .thenApply(d -> d.map(MongoUserDirectory::profile));
  }

  @Override
  public CompletionStage<Map<UserId, UserProfile>> findAll(Collection<UserId> ids) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    List<String> keys = ids.stream().map(UserId::value).distinct().collect(Collectors.toList());
    return Stages.list(users.find(new Document(Codec.ID, new Document("$in", keys))))
        .thenApply(
            docs -> {
              Map<UserId, UserProfile> byId = new HashMap<>();
              docs.stream().map(MongoUserDirectory::profile).forEach(p -> byId.put(p.id(), p));
              return byId;
            });
  }

  @Override
  public CompletionStage<Void> save(UserProfile profile) {
    Document document =
        new Document(Codec.ID, profile.id().value())
            .append(FULL_NAME, profile.fullName())
            .append(VERIFIED, profile.verified());
    profile.profilePic().ifPresent(pic -> document.append(PROFILE_PIC, pic));
    return Stages.done(
        users.replaceOne(
            new Document(Codec.ID, profile.id().value()),
            document,
            new ReplaceOptions().upsert(true)));
  }

  static UserProfile profile(Document document) {
    return new UserProfile(
        UserId.of(document.getString(Codec.ID)),
        document.getString(FULL_NAME),
        Optional.ofNullable(document.getString(PROFILE_PIC)),
        Boolean.TRUE.equals(document.getBoolean(VERIFIED)));
  }
}
