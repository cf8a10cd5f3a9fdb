package org.binfmtbpf.cli;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.binfmtbpf.cli.prog.ProgRunCommand.Outcome;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.kernel.KernelBpf;
import org.binfmtbpf.kernel.KernelBpfException;
import org.binfmtbpf.kernel.KernelRunner;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.MapDump;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.program.Program;

/**
 * {@code prog run --engine kernel}: the same program in the running kernel through bpf(2)
 * ({@link KernelRunner}: twin maps with the same contents, wide loads relocated to their
 * fds, loaded as a socket filter or a syscall program on the same 256 header bytes). A
 * syscall program's test run reports no duration, so the duration here is the wall time of
 * the bpf(2) call, syscall included. What the program writes into its maps is kept, as with
 * the other engines.
 */
public final class KernelRun {
    private KernelRun() {}

    private static final HexFormat HEX = HexFormat.of();

    /** BPF_FUNC_binprm_set_interp: the RFC's helper, in no stock kernel. */
    private static final int BINPRM_SET_INTERP = 212;

    /**
     * Runs {@code program} in the kernel {@code repeat} times; what it wrote into the kernel
     * twins of its maps becomes the contents of its maps, as a run on our engines leaves them.
     */
    public static Outcome run(Program program, byte[] context, int repeat) {
        if (!KernelBpf.available()) {
            throw UserError.environment("--engine kernel: " + KernelBpf.unavailableReason());
        }
        for (int pc = 0; pc < program.length(); pc++) {
            Instruction i = program.insn(pc);
            if (i.opcode() == (Opcodes.CLASS_JMP | Opcodes.JMP_CALL) && i.src() == Opcodes.CALL_HELPER && i.imm() >= 212) {
                throw UserError.environment("--engine kernel: insn " + pc + " calls helper " + i.imm()
                        + (i.imm() == BINPRM_SET_INTERP ? " (bpf_binprm_set_interp, the RFC's)" : "")
                        + ", which the running kernel does not have; use --engine interp or jit");
            }
        }
        try (KernelRunner runner = KernelRunner.load(program)) {
            long r0 = 0;
            long start = System.nanoTime();
            for (int n = 0; n < repeat; n++) {
                r0 = runner.run(context).r0();
            }
            long mean = (System.nanoTime() - start) / repeat;
            keepMapWrites(program, runner.dumps());
            return new Outcome(r0 & 0xffffffffL, mean, null);
        } catch (KernelBpfException e) {
            String log = e.verifierLog();
            throw UserError.no("--engine kernel: the kernel refused the program: " + e.getMessage()
                    + (log == null || log.isBlank() ? "" : "\n" + log.strip()));
        }
    }

    /** Our maps take the kernel twins' contents (prog arrays hold kernel fds there: they stay ours). */
    private static void keepMapWrites(Program program, Map<String, MapDump> kernel) {
        for (BpfMap m : program.maps()) {
            MapDump after = kernel.get(m.name());
            if (m.type() == MapType.PROG_ARRAY || after == null || after.equals(MapDump.of(m))) {
                continue;
            }
            List<byte[]> gone = new ArrayList<>();
            for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
                if (!after.entries().containsKey(MapDump.hex(key))) {
                    gone.add(key);
                }
            }
            gone.forEach(m::delete);
            after.entries().forEach((k, v) -> m.update(HEX.parseHex(k), HEX.parseHex(v), 0));
        }
    }
}
