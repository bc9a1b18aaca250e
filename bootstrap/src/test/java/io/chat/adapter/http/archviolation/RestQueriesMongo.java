package io.chat.adapter.http.archviolation;

import org.bson.Document;

/** The MongoDB driver outside the storage adapter. */
public final class RestQueriesMongo {
  Document filter;
}
