package dev.zerodown.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockModesTest {

    @Test
    void should_know_which_modes_block_writes_and_reads() {
        assertThat(LockModes.blocksWrites("ShareUpdateExclusiveLock")).isFalse();
        assertThat(LockModes.blocksWrites("ShareLock")).isTrue();
        assertThat(LockModes.blocksReads("ExclusiveLock")).isFalse();
        assertThat(LockModes.blocksReads("AccessExclusiveLock")).isTrue();
        assertThat(LockModes.strongest(List.of("ShareLock", "AccessShareLock", "ShareRowExclusiveLock")))
                .isEqualTo("ShareRowExclusiveLock");
    }

    @Test
    void should_know_a_request_cannot_wait_when_the_transaction_already_holds_a_covering_lock() {
        assertThat(LockModes.alreadyCovered("ShareLock", List.of("AccessExclusiveLock"))).isTrue();
        assertThat(LockModes.alreadyCovered("ShareLock", List.of("ShareRowExclusiveLock"))).isTrue();
        assertThat(LockModes.alreadyCovered("ShareRowExclusiveLock", List.of("ShareLock"))).isFalse();
        assertThat(LockModes.alreadyCovered("AccessExclusiveLock", List.of("ExclusiveLock"))).isFalse();
        assertThat(LockModes.alreadyCovered("ShareLock", List.of())).isFalse();
    }
}
