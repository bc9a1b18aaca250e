package io.chat.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.chat.SupportDesk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameSkeletonTest {
  private final SupportDesk desk = SupportDesk.defaults(); // "Official Support"

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Official Support",
        "official support",
        "OFFICIAL SUPPORT",
        "Official  Support",
        "OfficialSupport",
        "Official-Support!",
        "Official Support\u200b",
        "0fficial Support",
        "Offic1al Support",
        "OfficiaI Support", // a capital I for the l
        "\u041efficial Support", // Cyrillic O
        "Offi\u0441ial Supp\u043ert", // Cyrillic c and o
        "Official Supp\u03bfrt", // Greek omicron
        "Offici\u00e1l S\u00fcpport", // accents
        "\uff2f\uff46\uff46\uff49\uff43\uff49\uff41\uff4c \uff33\uff55\uff50\uff50\uff4f\uff52\uff54" // full-width
      })
  void namesThatReadAsTheDesksArePassingForIt(String name) {
    assertThat(desk.isLookAlikeName(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Alice", "Support", "Official", "Official Supporter", "Unofficial Support"})
  void otherNamesAreFree(String name) {
    assertThat(desk.isLookAlikeName(name)).as(name).isFalse();
  }

  @Test
  void theSkeletonKeepsLettersAndDigitsOnlyInLowerCase() {
    assertThat(NameSkeleton.of("Ab C-1!")).isEqualTo("abcl");
  }

  @Test
  void aConfiguredDeskNameIsReservedWhateverItIs() {
    SupportDesk acme = new SupportDesk(new SystemUser(SystemUser.DEFAULT_ID, "ACME Help"));

    assertThat(acme.isLookAlikeName("acme help")).isTrue();
    assertThat(acme.isLookAlikeName("Official Support")).isFalse();
    assertThat(
            acme.shown(
                    new UserProfile(
                        UserId.of("m"), "ACME  HELP", java.util.Optional.empty(), false))
                .fullName())
        .isEqualTo(UserProfile.placeholder(UserId.of("m")).fullName());
    assertThat(acme.shown(acme.profile())).isEqualTo(acme.profile());
  }
}
