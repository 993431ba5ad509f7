package dev.parley.protocol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.model.ChannelE2e;
import org.junit.jupiter.api.Test;

class SealedVoiceTest {
    private static final ChannelE2e EPOCH_1 = new ChannelE2e(1, "AAAAAAAAAAAAAAAAAAAAAA==");
    private static final ChannelKey KEY = ChannelKey.derive(4, EPOCH_1, "correct horse battery staple".toCharArray());
    private static final ChannelKey OTHER = ChannelKey.derive(4, EPOCH_1, "another passphrase".toCharArray());

    @Test
    void aSealedPacketOpensOnlyWithItsKeyAndItsPlaceInTheStreamAndTheNextOneStillOpens() {
        byte[] opus = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        byte[] sealed = SealedVoice.seal(KEY, 70, 12, 5_760, opus);

        assertThat(sealed).hasSize(opus.length + SealedVoice.OVERHEAD);
        assertThat(SealedVoice.epochOf(sealed)).isEqualTo(1);
        assertThat(SealedVoice.open(OTHER, 70, 12, 5_760, sealed)).as("another passphrase").isEmpty();
        assertThat(SealedVoice.open(KEY, 71, 12, 5_760, sealed)).as("another speaker").isEmpty();
        assertThat(SealedVoice.open(KEY, 70, 13, 5_760, sealed)).as("another sequence").isEmpty();
        assertThat(SealedVoice.open(KEY, 70, 12, 6_240, sealed)).as("another timestamp").isEmpty();
        sealed[sealed.length - 1] ^= 1;
        assertThat(SealedVoice.open(KEY, 70, 12, 5_760, sealed)).as("altered").isEmpty();
        sealed[sealed.length - 1] ^= 1;
        // The same thread's cipher opens again after the refusals above.
        assertThat(SealedVoice.open(KEY, 70, 12, 5_760, sealed)).hasValueSatisfying(plain -> assertThat(plain).isEqualTo(opus));
        assertThat(SealedVoice.seal(KEY, 70, 12, 5_760, opus)).as("a fresh random part per packet").isNotEqualTo(sealed);
        assertThat(SealedVoice.seal(KEY, 70, 13, 6_240, new byte[0])).as("a bare end-of-talk stays empty").isEmpty();
    }
}
