package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bpftool's positional keywords, read left to right with one-line errors (the error handler names the command). */
class WordsTest {
    @Test
    void readsKeywordsOperandsAndOptionalWords() {
        Words w = new Words(List.of("pinned", "/sys/fs/bpf/x", "data_in", "f", "repeat", "10"));
        w.expect("pinned");
        assertEquals("/sys/fs/bpf/x", w.operand("PIN"));
        w.expect("data_in");
        assertEquals("f", w.operand("FILE"));
        assertFalse(w.accept("data_out"));
        assertTrue(w.accept("repeat"));
        assertEquals(10, w.integer("repeat count"));
        w.end();
    }

    @Test
    void mistakesNameTheKeywordAndTheWord() {
        assertEquals("expected 'pinned', got 'id'",
                assertThrows(UserError.class, () -> new Words(List.of("id")).expect("pinned")).getMessage());
        assertEquals("missing PIN",
                assertThrows(UserError.class, () -> new Words(List.of()).operand("PIN")).getMessage());
        assertEquals("expected what to dump (xlated|jited), got 'x'",
                assertThrows(UserError.class, () -> new Words(List.of("x"))
                        .choice("what to dump", "xlated", "jited")).getMessage());
        assertEquals("repeat count must be a non-negative integer, got 'ten'",
                assertThrows(UserError.class, () -> new Words(List.of("ten")).integer("repeat count")).getMessage());
        assertEquals(ExitCodes.USAGE,
                assertThrows(UserError.class, () -> new Words(List.of("y")).end()).exitCode());
    }
}
