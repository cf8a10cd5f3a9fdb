package org.binfmtbpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.InstructionCodec;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.SourceLine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loader links programs exactly as libbpf does, and its line info is what bpftool shows,
 * checked by the kernel: bpftool (libbpf)
 * loads the kernel variant of a corpus program and the kernel reports its tag, a digest of
 * the instructions it was given with map fds zeroed (bpf_prog_calc_tag: the first 8 bytes of
 * SHA-256 since Linux 6.18, of SHA-1 before). Our linked program,
 * hashed the same way, must have the same tag: same subprogram order, same call offsets,
 * same relocated instructions, bit for bit.
 *
 * <p>libbpf cannot load the {@code binfmt} sections, so they are made non-executable first
 * (llvm-objcopy), which makes libbpf skip them; the syscall and socket programs are untouched.
 */
class LibbpfAgreementTest {
    private static final Pattern TAG = Pattern.compile("\"tag\":\"([0-9a-f]{16})\"");
    private static final Pattern LINUM = Pattern.compile("\"file\":\"([^\"]*)\",\"line_num\":(\\d+)(?:,\"line_col\":(\\d+))?");

    @ParameterizedTest
    @CsvSource({
        "bpf_calls.bpf.o, hash_calls_syscall",
        "phdr_loop.bpf.o, count_phdrs_syscall",
        "cpu_v4.bpf.o, v4_arith_syscall",
        "global_data.bpf.o, weigh_header_syscall",
        "machine_counter.bpf.o, count_machines_syscall",
        "trace_printk.bpf.o, trace_header_syscall",
        "socket_idioms.bpf.o, elf_filter",
        "loader-only/loop_callback.bpf.o, sum_bytes_syscall",
        "btf_kinds.bpf.o, view_header_syscall",
    })
    void linkedProgramHasTheKernelsTag(String object, String program, @TempDir Path tmp) throws Exception {
        String show = inKernel(object, program, tmp, "-j", "prog", "show", "pinned", PIN);
        assertTrue(show.contains("\"name\":\"" + program + "\""), show);
        Matcher m = TAG.matcher(show);
        assertTrue(m.find(), show);
        Program ours = Corpus.load(object).program(program).program();
        String kernel = m.group(1);
        String sha256 = tag(ours, "SHA-256");
        String expected = kernel.equals(tag(ours, "SHA-1")) ? kernel : sha256;
        assertEquals(kernel, expected, program + ": the kernel's tag of libbpf's program vs ours (SHA-256 " + sha256 + ")");
    }

    /**
     * Line info as {@code bpftool prog dump xlated linum} shows it: for programs whose instructions
     * the verifier does not patch (no inlined helpers, no signed division guards), every
     * instruction carries the same file, line and column.
     */
    @ParameterizedTest
    @CsvSource({
        "bpf_calls.bpf.o, hash_calls_syscall",
        "phdr_loop.bpf.o, count_phdrs_syscall",
        "global_data.bpf.o, weigh_header_syscall",
        "btf_kinds.bpf.o, view_header_syscall",
        "trace_printk.bpf.o, trace_header_syscall",
    })
    void lineInfoMatchesBpftoolLinum(String object, String program, @TempDir Path tmp) throws Exception {
        String dump = inKernel(object, program, tmp, "-j", "prog", "dump", "xlated", "pinned", PIN, "linum");
        String[] entries = dump.trim().replaceFirst("^\\[\\{", "").replaceFirst("\\}\\]$", "").split("\\},\\{");
        Program ours = Corpus.load(object).program(program).program();
        int pc = 0;
        for (String entry : entries) {
            Matcher line = LINUM.matcher(entry);
            SourceLine mine = ours.line(pc);
            if (line.find()) {
                assertTrue(mine != null, program + " pc " + pc + ": bpftool shows a line, we have none: " + entry);
                assertEquals(line.group(1), mine.file(), program + " pc " + pc);
                assertEquals(Integer.parseInt(line.group(2)), mine.line(), program + " pc " + pc);
                assertEquals(line.group(3) == null ? 0 : Integer.parseInt(line.group(3)), mine.column(), program + " pc " + pc);
            } else {
                assertEquals(null, mine, program + " pc " + pc + ": we have a line bpftool does not show");
            }
            pc += ours.insn(pc).slots();
        }
        assertEquals(ours.length(), pc, "bpftool shows every instruction");
    }

    /** Where {@link #inKernel} puts the pin path in the bpftool command. */
    private static final String PIN = "{pin}";

    /** Loads {@code program}'s object with bpftool, pins it, runs {@code bpftool <args>} ({@link #PIN} replaced), unpins. */
    private static String inKernel(String object, String program, Path tmp, String... args) throws Exception {
        String bpftool = executable("/usr/sbin/bpftool", "/usr/bin/bpftool", "/sbin/bpftool");
        assumeTrue(bpftool != null, "bpftool is not installed: cannot ask the kernel");
        assumeTrue(run("llvm-objcopy-19", "--version").status == 0, "llvm-objcopy-19 is not installed");
        assumeTrue(bpffsMounted(), "no bpf filesystem at /sys/fs/bpf: cannot pin a program to ask the kernel");
        Path kernelObject = tmp.resolve(Path.of(object).getFileName());
        Result copy = run("llvm-objcopy-19", "--set-section-flags", "binfmt=alloc,readonly",
                Corpus.directory().resolve(object).toString(), kernelObject.toString());
        assertEquals(0, copy.status, copy.output);
        String pin = "/sys/fs/bpf/binfmtbpf_tag_" + ProcessHandle.current().pid() + "_" + program;
        try {
            Result load = run(bpftool, "prog", "load", kernelObject.toString(), pin);
            assumeTrue(load.status == 0 || !load.output.contains("Operation not permitted"),
                    "the kernel refused bpf(2) here (no privileges): " + load.output);
            assertEquals(0, load.status, "bpftool could not load " + object + ": " + load.output);
            String[] command = new String[args.length + 1];
            command[0] = bpftool;
            for (int i = 0; i < args.length; i++) {
                command[i + 1] = args[i].equals(PIN) ? pin : args[i];
            }
            Result r = run(command);
            assertEquals(0, r.status, r.output);
            return r.output;
        } finally {
            Files.deleteIfExists(Path.of(pin));
        }
    }

    /** bpf_prog_calc_tag: a digest of the instructions, imm of map (src 1) and map value (src 2) LD_IMM64 zeroed in both slots. */
    static String tag(Program p, String algorithm) throws Exception {
        Instruction[] insns = p.instructions();
        for (int i = 0; i < insns.length; i++) {
            Instruction insn = insns[i];
            if (insn.isLdImm64() && (insn.src() == 1 || insn.src() == 2) && i + 1 < insns.length) {
                insns[i] = new Instruction(insn.opcode(), insn.dst(), insn.src(), insn.off(), 0, 0);
                insns[i + 1] = Instruction.of(0, 0, 0, 0, 0);
                i++;
            }
        }
        byte[] digest = MessageDigest.getInstance(algorithm).digest(InstructionCodec.encode(insns));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static boolean bpffsMounted() throws IOException {
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(" /sys/fs/bpf bpf "));
    }

    private static String executable(String... candidates) {
        for (String c : candidates) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    private record Result(int status, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), output);
    }
}
