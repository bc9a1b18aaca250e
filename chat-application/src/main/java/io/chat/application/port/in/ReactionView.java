package io.chat.application.port.in;

/** How many reacted to a message with one emoji, and whether the viewer is one of them. */
public record ReactionView(String emoji, long count, boolean mine) {}
