package dev.parley.protocol.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.message.E2e;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeySharesTest {
    // RFC 7748 section 6.1: Alice's and Bob's X25519 keys.
    private static final String PKCS8_PREFIX = "302e020100300506032b656e04220420";
    private static final String ALICE_PUBLIC = b64("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final String BOB_PUBLIC = b64("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final IdentityKeyPair ALICE = restore("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", ALICE_PUBLIC);
    private static final IdentityKeyPair BOB = restore("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", BOB_PUBLIC);
    private static final long ALICE_ID = 7;
    private static final long BOB_ID = 9;

    @Test
    void agreementMatchesTheRfc7748SharedSecret() throws Exception {
        assertThat(HexFormat.of().formatHex(ALICE.agree(BOB_PUBLIC)))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertThat(BOB.agree(ALICE_PUBLIC)).isEqualTo(ALICE.agree(BOB_PUBLIC));
    }

    @Test
    void aCopySealedForBobOpensOnlyForBobInThatChannelAndEpoch() throws Exception {
        byte[] channelKey = KeyShares.newChannelKey();
        String wrapped = KeyShares.seal(ALICE, ALICE_ID, BOB_ID, BOB_PUBLIC, 5, 2, channelKey);

        assertThat(KeyShares.open(BOB, BOB_ID, 5, share(2, wrapped))).isEqualTo(channelKey);
        assertThatThrownBy(() -> KeyShares.open(BOB, BOB_ID, 6, share(2, wrapped)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> KeyShares.open(BOB, BOB_ID, 5, share(3, wrapped)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> KeyShares.open(BOB, 10, 5, share(2, wrapped)))
                .isInstanceOf(GeneralSecurityException.class);
        IdentityKeyPair mallory = IdentityKeyPair.generate();
        assertThatThrownBy(() -> KeyShares.open(mallory, BOB_ID, 5,
                new E2e.StoredShare(2, ALICE_ID, ALICE_PUBLIC, mallory.publicKey(), wrapped)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theCopiesInProtocolMdOpenToTheTestKey() throws Exception {
        byte[] testKey = new byte[32];
        for (int i = 0; i < testKey.length; i++) {
            testKey[i] = (byte) i;
        }
        String forBob = "rDa+WyI79Z2T8hxtdMg318MpataUVZkq5p9cSuj7bnRjWwwthrCduNROb3vt0IlNmq/NM4mEW4LZeib0";
        String forAlice = "EmBXrBhlAUOY7C2SCPva8N/2hV1PchM0nED9SV026Vmb54/7qU4OXYA4JPbLY8yY8BZEhgSEIIqoHr6h";

        assertThat(KeyShares.open(BOB, BOB_ID, 5, share(1, forBob))).isEqualTo(testKey);
        assertThat(KeyShares.open(ALICE, ALICE_ID, 5, new E2e.StoredShare(1, ALICE_ID, ALICE_PUBLIC, ALICE_PUBLIC, forAlice)))
                .isEqualTo(testKey);
    }

    @Test
    void anAlteredCopyOrAForgedSenderDoesNotOpen() throws Exception {
        String wrapped = KeyShares.seal(ALICE, ALICE_ID, BOB_ID, BOB_PUBLIC, 5, 1, KeyShares.newChannelKey());
        byte[] bytes = Base64.getDecoder().decode(wrapped);
        bytes[20] ^= 1;
        String altered = Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> KeyShares.open(BOB, BOB_ID, 5, share(1, altered)))
                .isInstanceOf(GeneralSecurityException.class);
        String someoneElse = IdentityKeyPair.generate().publicKey();
        assertThatThrownBy(() -> KeyShares.open(BOB, BOB_ID, 5,
                new E2e.StoredShare(1, ALICE_ID, someoneElse, BOB_PUBLIC, wrapped)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aMemberCanSealACopyForItself() throws Exception {
        byte[] channelKey = KeyShares.newChannelKey();
        String wrapped = KeyShares.seal(ALICE, ALICE_ID, ALICE_ID, ALICE_PUBLIC, 5, 1, channelKey);

        assertThat(KeyShares.open(ALICE, ALICE_ID, 5, new E2e.StoredShare(1, ALICE_ID, ALICE_PUBLIC, ALICE_PUBLIC, wrapped)))
                .isEqualTo(channelKey);
    }

    @Test
    void everyHolderOfTheSameKeyGetsTheSameChannelKeyAndCode() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        // The test vector in PROTOCOL.md, "Shared keys".
        assertThat(ChannelKey.fromShared(5, 1, bytes).verificationCode()).isEqualTo("48351 07280 10504 91412");
        ChannelKey key = ChannelKey.fromShared(5, 1, bytes);
        String sealed = SealedText.seal(key, ALICE_ID, "hello");
        assertThat(SealedText.open(ChannelKey.fromShared(5, 1, bytes.clone()), ALICE_ID, sealed)).contains("hello");
    }

    @Test
    void safetyNumberIsTheSameOnBothSidesAndChangesWithEitherKey() {
        String seen = SafetyNumber.between(ALICE_ID, ALICE_PUBLIC, BOB_ID, BOB_PUBLIC);

        // The test vector in PROTOCOL.md, "Shared keys".
        assertThat(seen).isEqualTo("01584 30571 34150 68299 17065 28514");
        assertThat(SafetyNumber.between(BOB_ID, BOB_PUBLIC, ALICE_ID, ALICE_PUBLIC)).isEqualTo(seen);
        String swapped = IdentityKeyPair.generate().publicKey();
        assertThat(SafetyNumber.between(ALICE_ID, ALICE_PUBLIC, BOB_ID, swapped)).isNotEqualTo(seen);
        assertThat(SafetyNumber.between(ALICE_ID, swapped, BOB_ID, BOB_PUBLIC)).isNotEqualTo(seen);
    }

    @Test
    void restoringHalvesThatDoNotBelongTogetherIsRefused() {
        IdentityKeyPair other = IdentityKeyPair.generate();

        assertThatThrownBy(() -> IdentityKeyPair.restore(other.privateKeyPkcs8(), ALICE_PUBLIC))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aGeneratedIdentityRestoresFromWhatIsSaved() throws Exception {
        IdentityKeyPair generated = IdentityKeyPair.generate();
        IdentityKeyPair restored = IdentityKeyPair.restore(generated.privateKeyPkcs8(), generated.publicKey());

        assertThat(restored.agree(BOB_PUBLIC)).isEqualTo(generated.agree(BOB_PUBLIC));
        assertThat(restored.toString()).doesNotContain(Base64.getEncoder().encodeToString(generated.privateKeyPkcs8()));
    }

    private static E2e.StoredShare share(int epoch, String wrapped) {
        return new E2e.StoredShare(epoch, ALICE_ID, ALICE_PUBLIC, BOB_PUBLIC, wrapped);
    }

    private static String b64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static IdentityKeyPair restore(String privateHex, String publicKey) {
        try {
            return IdentityKeyPair.restore(HexFormat.of().parseHex(PKCS8_PREFIX + privateHex), publicKey);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
