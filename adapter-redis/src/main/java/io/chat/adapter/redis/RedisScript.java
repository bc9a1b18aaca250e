package io.chat.adapter.redis;

import io.chat.domain.shared.Failures;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script of this adapter (a resource next to this class), run by its SHA1 and sent in full
 * only when Redis does not know it (after a restart or a {@code SCRIPT FLUSH}). Failures come out
 * translated by {@link RedisErrors}.
 */
final class RedisScript {
  private final String name;
  private final String text;
  private final ScriptOutputType output;
  private final String sha;

  private RedisScript(String name, String text, ScriptOutputType output, String sha) {
    this.name = name;
    this.text = text;
    this.output = output;
    this.sha = sha;
  }

  static RedisScript load(String resource, ScriptOutputType output, RedisAsyncCommands<?, ?> any) {
    try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no script " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new RedisScript(resource, text, output, any.digest(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script; answers its reply or the translated failure. */
  <T> CompletionStage<T> run(
      RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      redis
          .<T>evalsha(sha, output, keys, args)
          .whenComplete(
              (value, error) -> {
                if (error == null) {
                  result.complete(value);
                } else if (Failures.unwrapped(error) instanceof RedisNoScriptException) {
                  // EVAL caches the script too: the next EVALSHA finds it.
                  runInFull(redis, keys, args, result);
                } else {
                  result.completeExceptionally(RedisErrors.translate(error));
                }
              });
    } catch (RuntimeException e) {
      result.completeExceptionally(RedisErrors.translate(e));
    }
    return result;
  }

  /**
   * Runs the script sent in full ({@code EVAL}): where a command must run in the order sent, since
   * a run by SHA1 that Redis does not know is sent again in full later, after commands sent since.
   */
  <T> CompletionStage<T> runInFull(
      RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
    CompletableFuture<T> result = new CompletableFuture<>();
    runInFull(redis, keys, args, result);
    return result;
  }

  private <T> void runInFull(
      RedisAsyncCommands<String, String> redis,
      String[] keys,
      String[] args,
      CompletableFuture<T> result) {
    try {
      redis
          .<T>eval(text, output, keys, args)
          .whenComplete(
              (value, error) -> {
                if (error == null) {
                  result.complete(value);
                } else {
                  result.completeExceptionally(RedisErrors.translate(error));
                }
              });
    } catch (RuntimeException e) {
      result.completeExceptionally(RedisErrors.translate(e));
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
