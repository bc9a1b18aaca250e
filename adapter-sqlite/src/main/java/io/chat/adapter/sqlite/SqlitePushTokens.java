package io.chat.adapter.sqlite;

import io.chat.application.port.out.PushTokens;
import io.chat.domain.user.PushToken;
import io.chat.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The push_tokens table: the token is the key, so a token belongs to one user at a time. */
final class SqlitePushTokens implements PushTokens {
  static final String REGISTER =
      "INSERT INTO push_tokens (token, user_id, platform) VALUES (?, ?, ?)"
          + " ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id,"
          + " platform = excluded.platform";
  static final String REMOVE = "DELETE FROM push_tokens WHERE user_id = ? AND token = ?";
  static final String REMOVE_ALL = "DELETE FROM push_tokens WHERE user_id = ?";
  static final String FORGET = "DELETE FROM push_tokens WHERE token = ?";
  static final String TOKENS_OF =
      "SELECT token, platform FROM push_tokens WHERE user_id = ? ORDER BY token";

  private final SqliteStore store;

  SqlitePushTokens(SqliteStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Void> register(UserId user, PushToken token) {
    return store.write(
        session -> {
          PreparedStatement register = session.statement(REGISTER);
          register.setString(1, token.token());
          register.setString(2, user.value());
          register.setString(3, token.platform().orElse(null));
          register.executeUpdate();
          return null;
        });
  }

  @Override
  public CompletionStage<Void> remove(UserId user, String token) {
    return store.write(
        session -> {
          PreparedStatement remove = session.statement(REMOVE);
          remove.setString(1, user.value());
          remove.setString(2, token);
          remove.executeUpdate();
          return null;
        });
  }

  @Override
  public CompletionStage<Void> removeAll(UserId user) {
    return store.write(
        session -> {
          PreparedStatement remove = session.statement(REMOVE_ALL);
          remove.setString(1, user.value());
          remove.executeUpdate();
          return null;
        });
  }

  @Override
  public CompletionStage<Void> forget(String token) {
    return store.write(
        session -> {
          PreparedStatement forget = session.statement(FORGET);
          forget.setString(1, token);
          forget.executeUpdate();
          return null;
        });
  }

  @Override
  public CompletionStage<List<PushToken>> tokensOf(UserId user) {
    return store.read(
        session -> {
          PreparedStatement query = session.statement(TOKENS_OF);
          query.setString(1, user.value());
          List<PushToken> tokens = new ArrayList<>();
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              tokens.add(new PushToken(rows.getString(1), Optional.ofNullable(rows.getString(2))));
            }
          }
          return tokens;
        });
  }
}
