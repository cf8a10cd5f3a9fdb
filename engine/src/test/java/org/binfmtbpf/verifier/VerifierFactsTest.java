package org.binfmtbpf.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the verifier hands the JIT: per memory instruction the region and offsets it proved, constants and clear sign bits at entry, frame sizes. */
class VerifierFactsTest {

    private static VerifierFacts facts(String asm) throws VerificationException {
        return Verifier.verify(AsmProgram.parse("facts", "# why: facts\n" + asm).program()).facts();
    }

    /**
     * The verifier refuses every read of a stack byte not yet written, so an accepted program
     * cannot tell a zeroed stack from the one an earlier run left; except through a tail call
     * (the target is verified on its own frame, which overlaps this one) or a helper that reads
     * through a pointer nobody checked (trace_printk's %s).
     */
    @Test
    void provesWhenARunCannotSeeStackItDidNotWrite() throws Exception {
        assertTrue(facts("""
                stdw [%r10-8], 5
                ldxdw %r0, [%r10-8]
                exit
                """).readsOnlyStackItWrites());
        assertFalse(accepted("tail_call").readsOnlyStackItWrites(), "a tail call");
        assertFalse(accepted("trace_printk_of_unwritten_stack").readsOnlyStackItWrites(),
                "trace_printk may print r10-8, which nothing wrote");
    }

    private static VerifierFacts accepted(String name) throws VerificationException {
        return Verifier.verify(AsmProgram.acceptCorpus(name).program()).facts();
    }

    @Test
    void aConstantHeaderLoadIsAFixedContextAccess() throws Exception {
        VerifierFacts f = facts("""
                ldxh %r0, [%r1+18]
                exit
                """);
        ProvenAccess a = f.access(0);
        assertEquals(RegionKind.CONTEXT, a.region());
        assertTrue(a.fixed());
        assertEquals(18, a.minOffset());
        assertEquals(2, a.size());
        assertFalse(a.write());
        assertNull(f.access(1), "exit touches no memory");
    }

    @Test
    void aHeaderLoadAtABoundedIndexCarriesItsRange() throws Exception {
        VerifierFacts f = facts("""
                ldxb %r2, [%r1+0]
                and %r2, 63
                add %r1, %r2
                ldxb %r0, [%r1+4]
                exit
                """);
        ProvenAccess a = f.access(3);
        assertEquals(RegionKind.CONTEXT, a.region());
        assertFalse(a.fixed());
        assertEquals(4, a.minOffset());
        assertEquals(67, a.maxOffset());
    }

    @Test
    void stackAccessesAreRelativeToTheOwningFramesPointer() throws Exception {
        VerifierFacts f = facts("""
                mov %r1, %r10
                add %r1, -16
                call local fill
                ldxdw %r0, [%r10-16]
                exit
                fill:
                mov %r2, 7
                stxdw [%r1+0], %r2
                mov %r0, 0
                exit
                """);
        ProvenAccess store = f.access(6);
        assertEquals(RegionKind.STACK, store.region());
        assertEquals(1, store.framesUp(), "the callee writes its caller's frame");
        assertEquals(-16, store.minOffset());
        ProvenAccess load = f.access(3);
        assertEquals(0, load.framesUp());
        assertEquals(-16, load.minOffset());
        assertEquals(32, f.frameSize(0));
        assertEquals(0, f.frameSize(1));
    }

    @Test
    void registersKnownOnEveryPathAreConstantsAtEntry() throws Exception {
        VerifierFacts f = facts("""
                mov %r2, 5
                ldxb %r3, [%r1+0]
                jeq %r3, 1, one
                mov %r4, 9
                ja join
                one:
                mov %r4, 10
                join:
                mov %r0, %r2
                exit
                """);
        assertEquals(OptionalLong.of(5), f.constantAtEntry(1, 2));
        assertEquals(OptionalLong.of(5), f.constantAtEntry(7, 2), "r2 is 5 on both paths");
        assertTrue(f.constantAtEntry(7, 4).isEmpty(), "r4 is 9 on one path and 10 on the other");
        assertTrue(f.constantAtEntry(3, 3).isEmpty(), "a header byte is not constant");
        assertTrue(f.reached(7));
    }

    @Test
    void mapValueAccessesNameTheirMap() throws Exception {
        VerifierFacts f = facts("""
                # map: rodata array 4 16 1 rdonly
                ldmapval %r1, rodata, 8
                ldxdw %r0, [%r1+0]
                exit
                """);
        ProvenAccess a = f.access(2);
        assertEquals(RegionKind.MAP_VALUE, a.region());
        assertEquals("rodata", a.map().name());
        assertEquals(8, a.minOffset());
        assertTrue(a.fixed());
    }

    /**
     * A header byte is at most 255 on every path, so its sign bit is clear at the jump and an
     * unsigned comparison of it may be signed; a header word may be anything, and a value is
     * only as non-negative as the least of the paths that reach the instruction.
     */
    @Test
    void provesWhichRegistersHaveTheirSignBitClear() throws Exception {
        VerifierFacts f = facts("""
                ldxb %r2, [%r1+0]
                ldxdw %r5, [%r1+8]
                ldxw %r4, [%r1+16]
                ldxh %r3, [%r1+24]
                jgt %r2, 200, +2
                mov %r4, -1
                mov %r3, 1
                mov %r0, 0
                exit
                """);
        assertTrue(f.nonNegativeAtEntry(4, 2, false), "a byte, as 64 bits");
        assertTrue(f.nonNegativeAtEntry(4, 2, true), "a byte, as 32 bits");
        assertFalse(f.nonNegativeAtEntry(4, 5, false), "a u64 from the header");
        assertFalse(f.nonNegativeAtEntry(4, 4, true), "a u32 from the header, as 32 bits");
        assertTrue(f.nonNegativeAtEntry(4, 4, false), "a u32 from the header is below 2^63");
        assertFalse(f.nonNegativeAtEntry(4, 1, false), "a pointer has no such fact");
        assertTrue(f.nonNegativeAtEntry(7, 3, false), "1 on one path, a u16 on the other");
        assertTrue(f.nonNegativeAtEntry(7, 2, false), "at most 200 on one path, above 200 on the other");
        assertFalse(f.nonNegativeAtEntry(7, 4, false), "-1 on one path");
    }
}
