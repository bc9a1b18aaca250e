package io.chat.application.service.user;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.RegisterUserUseCase;
import io.chat.application.port.out.UserDirectory;
import io.chat.application.service.shared.ServiceSettings;
import io.chat.application.service.shared.Stages;
import io.chat.domain.chat.SupportDesk;
import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.user.UserProfile;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Staff register or update a user's profile ahead of time (the system user's is configured). */
public final class RegisterUserService implements RegisterUserUseCase {
  private final UserDirectory users;
  private final SupportDesk desk;

  @Inject
  public RegisterUserService(UserDirectory users, ServiceSettings settings) {
    this.users = users;
    this.desk = settings.desk();
  }

  @Override
  public CompletionStage<UserProfile> registerUser(Actor staff, UserProfile profile) {
    return Stages.defer(
        () -> {
          staff.requireStaff();
          desk.requireNotImpersonatedBy(profile.id());
          if (desk.isLookAlikeName(profile.fullName())) {
            throw new InvalidArgumentException("fullName is reserved for the support desk");
          }
          return users.save(profile).thenApply(ok -> profile);
        });
  }
}
