package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;

/** Where a reader's read mark stands after marking. */
public record SeenMark(ChatId chatId, long seenUpTo) {}
