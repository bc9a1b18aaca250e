package io.chat.application.port.in;

import io.chat.domain.user.UserProfile;
import java.util.concurrent.CompletionStage;

/** Inbound port: staff register or update a user's profile ahead of time. */
public interface RegisterUserUseCase {

  CompletionStage<UserProfile> registerUser(Actor staff, UserProfile profile);
}
