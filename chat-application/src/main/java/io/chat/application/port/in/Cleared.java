package io.chat.application.port.in;

import io.chat.domain.chat.ChatId;

/** Where a user's clear mark stands after clearing. */
public record Cleared(ChatId chatId, long clearedUpTo) {}
