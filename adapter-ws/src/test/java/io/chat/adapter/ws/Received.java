package io.chat.adapter.ws;

import com.fasterxml.jackson.databind.JsonNode;

/** A server event as a test client saw it. */
record Received(String event, JsonNode data) {}
