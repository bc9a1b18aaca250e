package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;

/** Where a user's clear mark stands after clearing. */
public record Cleared(ChatId chatId, long clearedUpTo) {}
