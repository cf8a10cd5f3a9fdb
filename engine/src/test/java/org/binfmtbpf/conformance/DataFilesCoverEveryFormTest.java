package org.binfmtbpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.OpcodeSpec;
import org.binfmtbpf.isa.OpcodeTable;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.testkit.DataFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every instruction form of RFC 9669 ({@link OpcodeTable}) appears in a {@code .data} program
 * that runs to an expected result, so {@code DataFileTests} runs each form on every engine and
 * {@code DataFilesAgainstKernelTest} on the kernel where it accepts the program. The forms a
 * {@code .data} file cannot express are listed with the tests that run them instead.
 */
class DataFilesCoverEveryFormTest {
    /** Forms that need a map, BTF or the object loader, which a .data file has none of; and kfuncs, which only fault. */
    private static final Map<String, String> RUN_ELSEWHERE = Map.of(
            "lddw map_fd", "KernelRawProgramAgreementTests (map handles), the ELF corpus",
            "lddw map_value", "KernelRawProgramAgreementTests (the results map), the ELF corpus (global data)",
            "lddw map_idx", "KernelRawProgramAgreementTests.mapsNamedByIndex",
            "lddw map_idx_value", "KernelRawProgramAgreementTests.mapsNamedByIndex",
            "lddw btf_id", "none: a kernel variable's address, refused by the verifier (no kernel BTF here)",
            "lddw func", "none: a callback's address (bpf_loop and the like), refused by the verifier",
            "call kfunc", "calls/kfunc.data: the call faults, there are no kernel functions here");

    @Test
    void everyFormRunsInSomeDataFile() throws IOException {
        Optional<Path> suite = DataFiles.conformanceSuite();
        Assumptions.assumeTrue(suite.isPresent(),
                "the bpf_conformance suite is absent (binfmtbpf.shared or BPF_CONFORMANCE_DIR): the project's files alone do not repeat it");
        List<Path> files = new ArrayList<>(DataFiles.project());
        files.addAll(DataFiles.list(suite.get()));
        Set<String> covered = new LinkedHashSet<>();
        for (Path path : files) {
            DataFile file = DataFileParser.parse(path);
            if (file.expectsError()) {
                continue; // a form only in a refused or faulting program has not shown its result
            }
            Program program = DataFileRunner.load(file);
            for (int pc = 0; pc < program.length(); pc += program.insn(pc).slots()) {
                Instruction insn = program.insn(pc);
                covered.add(OpcodeTable.match(insn).mnemonic() + " " + (OpcodeTable.match(insn).usesSrcRegister() ? "reg" : "imm"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (OpcodeSpec form : OpcodeTable.forms()) {
            String key = form.mnemonic() + " " + (form.usesSrcRegister() ? "reg" : "imm");
            if (!covered.contains(key) && !RUN_ELSEWHERE.containsKey(form.mnemonic())) {
                missing.add(String.format("0x%02x %s", form.opcode(), key));
            }
        }
        assertEquals(List.of(), missing, "forms no .data file runs");
    }
}
