package io.chat.adapter.mongo;

import static io.chat.adapter.mongo.Codec.ID;
import static io.chat.adapter.mongo.Codec.WORDS;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chat.domain.message.Message;
import io.chat.domain.message.SearchTerms;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bson.Document;

/**
 * Gives the messages stored before search (by releases that wrote no search words) their words, at
 * start-up, once: pages of messages in {@code _id} order, each without words given them, then a
 * mark in {@code migrations} that it is done. A crash half-way leaves no mark, so the next start
 * goes over the messages again (giving words twice changes nothing).
 */
final class SearchWordsMigration {
  static final String MIGRATIONS = "migrations";
  static final String NAME = "search-words";
  private static final int PAGE = 1_000;

  private final MongoCollection<Document> messages;
  private final MongoCollection<Document> migrations;

  SearchWordsMigration(MongoDatabase database) {
    this.messages = database.getCollection(MongoStore.MESSAGES);
    this.migrations = database.getCollection(MIGRATIONS);
  }

  CompletionStage<Void> run() {
    return Stages.first(migrations.find(Filters.eq(ID, NAME)).limit(1))
        .thenCompose(
            done ->
                done.isPresent()
                    ? CompletableFuture.<Void>completedStage(null)
                    : pageAfter(null)
                        .thenCompose(
                            ignored -> Stages.done(migrations.insertOne(new Document(ID, NAME)))));
  }

  private CompletionStage<Void> pageAfter(String lastId) {
    var filter = lastId == null ? new Document() : Filters.gt(ID, lastId);
    return Stages.list(messages.find(filter).sort(Sorts.ascending(ID)).limit(PAGE))
        .thenCompose(
            page -> {
              CompletionStage<Void> written = CompletableFuture.completedStage(null);
              for (Document document : page) {
                if (document.containsKey(WORDS)) {
                  continue;
                }
                Message message = Codec.message(document);
                List<String> words =
                    message.isSystem() || message.isDeleted()
                        ? List.of()
                        : SearchTerms.words(message.text().value());
                if (!words.isEmpty()) {
                  written =
                      written.thenCompose(
                          ignored ->
                              Stages.done(
                                  messages.updateOne(
                                      Filters.eq(ID, document.get(ID)),
                                      Updates.set(WORDS, words))));
                }
              }
              return page.size() < PAGE
                  ? written
                  : written.thenCompose(
                      ignored -> pageAfter(page.get(page.size() - 1).getString(ID)));
            });
  }
}
