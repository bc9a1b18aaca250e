package io.chat.adapter.sqlite;

import io.chat.application.port.out.MuteSettings;
import io.chat.domain.relation.Mute;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The mutes table: at most one row per (user, chat); {@code until} null is for ever. */
final class SqliteMuteSettings implements MuteSettings {
  static final String FIND = "SELECT chat_id, until FROM mutes WHERE user_id = ? AND chat_id = ?";
  static final String SAVE =
      "INSERT INTO mutes (user_id, chat_id, until) VALUES (?, ?, ?)"
          + " ON CONFLICT (user_id, chat_id) DO UPDATE SET until = excluded.until";
  static final String REMOVE = "DELETE FROM mutes WHERE user_id = ? AND chat_id = ?";

  private final SqliteStore store;

  SqliteMuteSettings(SqliteStore store) {
    this.store = store;
  }

  static String findAll(int chats) {
    return "SELECT chat_id, until FROM mutes WHERE user_id = ? AND chat_id IN "
        + InLists.placeholders(chats);
  }

  @Override
  public CompletionStage<Optional<Mute>> find(UserId user, ChatId chat) {
    return store.read(
        session -> {
          PreparedStatement find = session.statement(FIND);
          find.setString(1, user.value());
          find.setString(2, chat.value());
          try (ResultSet rows = find.executeQuery()) {
            return rows.next() ? Optional.of(mute(user, rows)) : Optional.<Mute>empty();
          }
        });
  }

  @Override
  public CompletionStage<Map<ChatId, Mute>> findAll(UserId user, Collection<ChatId> chats) {
    if (chats.isEmpty()) {
      return CompletableFuture.completedStage(Map.of());
    }
    List<String> keys = chats.stream().map(ChatId::value).distinct().toList();
    return store.read(
        session -> {
          Map<ChatId, Mute> byChat = new HashMap<>();
          for (List<String> chunk : InLists.chunks(keys)) {
            try (PreparedStatement find =
                session.connection().prepareStatement(findAll(chunk.size()))) {
              find.setString(1, user.value());
              InLists.bind(find, 2, chunk);
              try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                  Mute mute = mute(user, rows);
                  byChat.put(mute.chat(), mute);
                }
              }
            }
          }
          return byChat;
        });
  }

  @Override
  public CompletionStage<Void> save(Mute mute) {
    return store.write(
        session -> {
          PreparedStatement save = session.statement(SAVE);
          save.setString(1, mute.user().value());
          save.setString(2, mute.chat().value());
          if (mute.until().isPresent()) {
            save.setLong(3, mute.until().get().toEpochMilli());
          } else {
            save.setNull(3, Types.INTEGER);
          }
          save.executeUpdate();
          return null;
        });
  }

  @Override
  public CompletionStage<Void> remove(UserId user, ChatId chat) {
    return store.write(
        session -> {
          PreparedStatement remove = session.statement(REMOVE);
          remove.setString(1, user.value());
          remove.setString(2, chat.value());
          remove.executeUpdate();
          return null;
        });
  }

  private static Mute mute(UserId user, ResultSet row) throws SQLException {
    long until = row.getLong(2);
    Optional<Instant> end =
        row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
    return new Mute(user, ChatId.of(row.getString(1)), end);
  }
}
