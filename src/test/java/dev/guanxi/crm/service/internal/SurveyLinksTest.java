package dev.guanxi.crm.service.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyLinksTest {

    final SurveyLinks links = new SurveyLinks(null, "a-configured-secret");
    final Instant expiry = Instant.parse("2030-01-15T00:00:00Z");

    @Test
    void aSignedLinkVerifiesToItsInvitationAndExpiry() {
        String token = links.token(42, expiry);
        assertThat(token).startsWith("42." + expiry.getEpochSecond() + ".");
        assertThat(links.verify(token)).contains(new SurveyLinks.Signed(42, expiry));
        assertThat(links.verify(token).orElseThrow().expired(expiry.minusSeconds(1))).isFalse();
        assertThat(links.verify(token).orElseThrow().expired(expiry)).isTrue();
    }

    @Test
    void changingTheIdTheExpiryOrTheSignatureBreaksTheLink() {
        String token = links.token(42, expiry);
        String[] p = token.split("\\.");
        assertThat(links.verify("43." + p[1] + "." + p[2])).isEmpty();
        assertThat(links.verify(p[0] + "." + (expiry.getEpochSecond() + 86400) + "." + p[2])).isEmpty();
        assertThat(links.verify(p[0] + "." + p[1] + "." + p[2].substring(1) + "A")).isEmpty();
        assertThat(links.verify(token + ".x")).isEmpty();
        assertThat(links.verify("garbage")).isEmpty();
        assertThat(links.verify("")).isEmpty();
        assertThat(links.verify(null)).isEmpty();
    }

    @Test
    void anotherSecretDoesNotAcceptTheLink() {
        assertThat(new SurveyLinks(null, "another-secret").verify(links.token(42, expiry))).isEmpty();
    }
}
