package org.binfmtbpf.cli.demo;

import static org.binfmtbpf.cli.demo.SampleHeader.ELFCLASS32;
import static org.binfmtbpf.cli.demo.SampleHeader.ELFCLASS64;
import static org.binfmtbpf.cli.demo.SampleHeader.ET_DYN;
import static org.binfmtbpf.cli.demo.SampleHeader.ET_EXEC;

import java.util.List;

/** The headers the demo resolves: several qemu architectures, and three files no qemu handler takes. */
public final class SampleHeaders {
    private SampleHeaders() {}

    private static final int EM_MIPS = 8;
    private static final int EF_MIPS_ABI2 = 0x20;

    public static List<SampleHeader> all() {
        return List.of(
                SampleHeader.elf("hello-aarch64", "ELF64 LE AArch64", "aarch64", ELFCLASS64, false, ET_EXEC, 183, 0),
                SampleHeader.elf("hello-armhf", "ELF32 LE ARM (EABI5)", "arm", ELFCLASS32, false, ET_EXEC, 40, 0x05000400),
                SampleHeader.elf("hello-riscv64", "ELF64 LE RISC-V (PIE)", "riscv64", ELFCLASS64, false, ET_DYN, 243, 0x5),
                SampleHeader.elf("hello-ppc64le", "ELF64 LE PowerPC64 (PIE)", "ppc64le", ELFCLASS64, false, ET_DYN, 21, 0x2),
                SampleHeader.elf("hello-s390x", "ELF64 BE S/390", "s390x", ELFCLASS64, true, ET_EXEC, 22, 0),
                SampleHeader.elf("hello-mips", "ELF32 BE MIPS o32", "mips", ELFCLASS32, true, ET_EXEC, EM_MIPS, 0x70001007),
                SampleHeader.elf("hello-mipsn32", "ELF32 BE MIPS n32", "mipsn32", ELFCLASS32, true, ET_EXEC, EM_MIPS,
                        0x80000007 | EF_MIPS_ABI2),
                SampleHeader.elf("hello-loongarch64", "ELF64 LE LoongArch", "loongarch64", ELFCLASS64, false, ET_EXEC, 258, 0x43),
                SampleHeader.elf("hello-x86_64", "ELF64 LE x86-64 (native)", null, ELFCLASS64, false, ET_DYN, 62, 0),
                SampleHeader.elf("core-aarch64", "ELF64 LE AArch64 core dump", null, ELFCLASS64, false, 4, 183, 0),
                SampleHeader.text("hello.sh", "shell script", "#!/bin/sh\necho hello\n"));
    }
}
