package dev.tollgate.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffTest {
    private final List<String> discarded = new ArrayList<>();
    private final Handoff<String> slot = new Handoff<>(discarded::add);

    @Test
    void whatIsPut_isTakenOnce() {
        slot.put("a");
        assertEquals("a", slot.take());
        assertNull(slot.take());
        slot.discard();
        assertEquals(List.of(), discarded, "nothing was left to discard");
    }

    @Test
    void aValueNeverTaken_isDiscarded_whenTheNextIsPut_orOnDiscard() {
        slot.put("never taken");
        slot.put("b");
        assertEquals(List.of("never taken"), discarded);
        slot.discard();
        assertEquals(List.of("never taken", "b"), discarded);
        assertNull(slot.take());
    }
}
