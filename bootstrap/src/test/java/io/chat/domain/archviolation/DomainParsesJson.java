package io.chat.domain.archviolation;

import com.fasterxml.jackson.databind.JsonNode;

/** The domain depending on a library. */
public final class DomainParsesJson {
  JsonNode node;
}
