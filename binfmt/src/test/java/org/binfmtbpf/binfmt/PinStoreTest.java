package org.binfmtbpf.binfmt;

import org.binfmtbpf.linux.Errno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.binfmtbpf.program.ProgramType;
import org.junit.jupiter.api.Test;

/** The bpf filesystem model: pin paths stay inside /sys/fs/bpf; lookups answer as bpf_prog_get_type_path. */
class PinStoreTest {
    private final PinStore pins = new PinStore();
    private final ProgramLoader loader = new ProgramLoader(() -> {
        throw new AssertionError("nothing runs here");
    });

    private PinnedProgram program(ProgramType type) {
        return loader.wrap(TestPrograms.socket("p", "mov %r0, 0\nexit").type() == type
                ? TestPrograms.socket("p", "mov %r0, 0\nexit")
                : new RawProgramSource("p", type, TestPrograms.socket("p", "mov %r0, 0\nexit").bytes()));
    }

    private Errno refusal(Runnable r) {
        return assertThrows(RegistrationException.class, r::run).errno();
    }

    @Test
    void pathsAreNormalisedLexically() {
        PinnedProgram p = program(ProgramType.SOCKET_FILTER);
        assertEquals("/sys/fs/bpf/qemu", pins.pin("/sys/fs/bpf/./x/../qemu", p));
        assertSame(p, pins.programAt("/sys//fs/bpf/qemu"));
        assertEquals(List.of("/sys/fs/bpf/qemu"), List.copyOf(pins.pins().keySet()));
    }

    @Test
    void aPinCannotLeaveTheMount() {
        PinnedProgram p = program(ProgramType.SOCKET_FILTER);
        assertEquals(Errno.EPERM, refusal(() -> pins.pin("/sys/fs/bpf/../../../etc/passwd", p)));
        assertEquals(Errno.EPERM, refusal(() -> pins.pin("/sys/fs/bpfx", p)));
        assertEquals(Errno.EINVAL, refusal(() -> pins.pin("relative", p)));
    }

    @Test
    void aTakenPathIsEexistAndAMissingOneEnoent() {
        pins.pin("/sys/fs/bpf/a", program(ProgramType.SOCKET_FILTER));
        assertEquals(Errno.EEXIST, refusal(() -> pins.pin("/sys/fs/bpf/a", program(ProgramType.SOCKET_FILTER))));
        assertEquals(Errno.ENOENT, refusal(() -> pins.unpin("/sys/fs/bpf/b")));
        assertEquals(Errno.ENOENT, refusal(() -> pins.programAt("/sys/fs/bpf/b")));
        assertEquals(Errno.ENOENT, refusal(() -> pins.programAt("")));
    }

    @Test
    void onlySocketFilterAndBinfmtProgramsServeBEntries() {
        pins.pin("/sys/fs/bpf/sys", program(ProgramType.SYSCALL));
        pins.pin("/sys/fs/bpf/bin", program(ProgramType.BINFMT));
        assertEquals(Errno.EINVAL, refusal(() -> pins.programAt("/sys/fs/bpf/sys")));
        assertEquals(ProgramType.BINFMT, pins.programAt("/sys/fs/bpf/bin").source().type());
    }

    @Test
    void anExistingFileOutsideTheMountIsEacces() {
        assertEquals(Errno.EACCES, refusal(() -> pins.programAt("/etc/hostname")));
        assertEquals(Errno.ENOENT, refusal(() -> pins.programAt("/nonexistent/prog")));
    }
}
