package io.chat.adapter.mongo.archviolation;

import java.util.concurrent.CompletableFuture;

/** An adapter that blocks its thread on a stage. */
public final class StoreWaits {
  String waitFor(CompletableFuture<String> answer) {
    return answer.join();
  }
}
