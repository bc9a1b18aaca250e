package io.chat.adapter.sqlite;

import io.chat.application.port.out.UserDirectory;
import io.chat.domain.user.UserId;
import io.chat.domain.user.UserProfile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The users table: one profile per user id. */
final class SqliteUserDirectory implements UserDirectory {
  static final String FIND = "SELECT id, full_name, profile_pic, verified FROM users WHERE id = ?";
  static final String SAVE =
      "INSERT INTO users (id, full_name, profile_pic, verified) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name,"
          + " profile_pic = excluded.profile_pic, verified = excluded.verified";

  private final SqliteStore store;

  SqliteUserDirectory(SqliteStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Optional<UserProfile>> find(UserId id) {
    return store.read(
        session -> {
          PreparedStatement find = session.statement(FIND);
          find.setString(1, id.value());
          try (ResultSet rows = find.executeQuery()) {
            return rows.next() ? Optional.of(profile(rows)) : Optional.<UserProfile>empty();
          }
        });
  }

  @Override
  public CompletionStage<Map<UserId, UserProfile>> findAll(Collection<UserId> ids) {
    if (ids.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    List<String> keys = ids.stream().map(UserId::value).distinct().toList();
    return store.read(
        session -> {
          Map<UserId, UserProfile> byId = new HashMap<>();
          for (List<String> chunk : InLists.chunks(keys)) {
            try (PreparedStatement find =
                session
                    .connection()
                    .prepareStatement(
                        "SELECT id, full_name, profile_pic, verified FROM users WHERE id IN "
                            + InLists.placeholders(chunk.size()))) {
              InLists.bind(find, 1, chunk);
              try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                  UserProfile profile = profile(rows);
                  byId.put(profile.id(), profile);
                }
              }
            }
          }
          return byId;
        });
  }

  @Override
  public CompletionStage<Void> save(UserProfile profile) {
    return store.write(
        session -> {
          PreparedStatement save = session.statement(SAVE);
          save.setString(1, profile.id().value());
          save.setString(2, profile.fullName());
          save.setString(3, profile.profilePic().orElse(null));
          save.setInt(4, profile.verified() ? 1 : 0);
          save.executeUpdate();
          return null;
        });
  }

  private static UserProfile profile(ResultSet row) throws SQLException {
    return new UserProfile(
        UserId.of(row.getString(1)),
        row.getString(2),
        Optional.ofNullable(row.getString(3)),
        row.getInt(4) != 0);
  }
}
