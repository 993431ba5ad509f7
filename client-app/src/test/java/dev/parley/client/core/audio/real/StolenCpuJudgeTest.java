package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StolenCpuJudgeTest {

    @Test
    void theStolenShareIsStealOverEveryTickBetweenTwoReadings() {
        StolenCpuJudge.CpuTimes before = StolenCpuJudge.CpuTimes.parse("cpu  100 0 50 800 10 0 5 35 0 0");
        StolenCpuJudge.CpuTimes after = StolenCpuJudge.CpuTimes.parse("cpu  200 0 100 850 10 0 5 135 0 0");

        assertThat(before.total()).isEqualTo(1000);
        assertThat(before.stolen()).isEqualTo(35);
        assertThat(after.stolenShareSince(before)).isCloseTo(100.0 / 300, Offset.offset(1e-9));
        assertThat(before.stolenShareSince(before)).isZero();
    }

    @Test
    void aLineThatIsNotTheCpuTotalIsRefused() {
        assertThatThrownBy(() -> StolenCpuJudge.CpuTimes.parse("cpu0 1 2 3 4 5 6 7 8"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisMachineGivesAReading() {
        assertThat(StolenCpuJudge.CpuTimes.read()).as("/proc/stat on Linux").isNotNull();
    }
}
