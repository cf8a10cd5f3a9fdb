package org.binfmtbpf.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.binfmtbpf.helpers.StandardHelpers;
import org.binfmtbpf.isa.Instruction;
import org.binfmtbpf.isa.Opcodes;
import org.binfmtbpf.maps.ArrayMap;
import org.binfmtbpf.maps.BpfMap;
import org.binfmtbpf.maps.BpfMaps;
import org.binfmtbpf.maps.MapSpec;
import org.binfmtbpf.maps.MapType;
import org.binfmtbpf.program.Program;
import org.binfmtbpf.program.ProgramBuilder;
import org.binfmtbpf.program.ProgramType;
import org.binfmtbpf.run.Invocation;

/**
 * One generated test case: the program's slots, the context it runs on and its instruction
 * budget. {@link #build()} makes a fresh {@link Program} each time (with its own zeroed array
 * map for KERNEL programs), so every oracle starts from the same state.
 */
public record FuzzCase(long seed, RandomProgram.Profile profile, Instruction[] slots, byte[] context, long budget) {
    /** Name of the array map KERNEL programs address through r7. */
    public static final String MAP_NAME = "fuzz_map";

    /** The case of {@code seed}: KERNEL programs run on a 256-byte header, ENGINE ones on random memory. */
    public static FuzzCase generate(long seed, RandomProgram.Profile profile) {
        Instruction[] slots = RandomProgram.generate(seed, profile);
        Random inputs = new Random(seed * 31);
        boolean kernel = profile == RandomProgram.Profile.KERNEL;
        byte[] context = new byte[kernel ? ProgramType.HEADER_SIZE : new int[] {0, 16, 33, 64, 64, 128}[inputs.nextInt(6)]];
        inputs.nextBytes(context);
        long budget = !kernel && inputs.nextInt(4) == 0 ? inputs.nextInt(120) : Invocation.UNLIMITED;
        return new FuzzCase(seed, profile, slots, context, budget);
    }

    /** The same case with other slots (the minimiser's step). */
    public FuzzCase withSlots(Instruction[] newSlots) {
        return new FuzzCase(seed, profile, newSlots, context, budget);
    }

    public boolean kernelProfile() {
        return profile == RandomProgram.Profile.KERNEL;
    }

    public ProgramType type() {
        return kernelProfile() ? ProgramType.SYSCALL : ProgramType.RAW;
    }

    /** True when some LD_IMM64 refers to the array map (such programs cannot be written as a .data file). */
    public boolean usesMap() {
        for (int pc = 0; pc < slots.length; pc += slots[pc].slots()) {
            if (slots[pc].isLdImm64() && slots[pc].src() == Opcodes.PSEUDO_MAP_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** A program and the maps it owns; close it to release the maps' memory regions. */
    public record Built(Program program, List<BpfMap> maps) implements AutoCloseable {
        /** Zeroes every value of the (array) maps, so each oracle starts where the first did. */
        public void zeroMaps() {
            for (BpfMap m : maps) {
                byte[] zero = new byte[m.valueSize()];
                for (byte[] key = m.nextKey(null); key != null; key = m.nextKey(key)) {
                    m.update(key, 0, zero, 0, 0);
                }
            }
        }

        @Override
        public void close() {
            maps.forEach(BpfMap::close);
        }
    }

    /** Builds the program; throws {@code InvalidProgramException} when the validator refuses the slots. */
    public Built build() {
        List<BpfMap> maps = new ArrayList<>();
        long[] imm64 = new long[slots.length];
        if (usesMap()) {
            ArrayMap map = (ArrayMap) BpfMaps.create(new MapSpec(MAP_NAME, MapType.ARRAY, 4, RandomProgram.MAP_VALUE_SIZE, 1, 0, null, false));
            maps.add(map);
            for (int pc = 0; pc < slots.length; pc += slots[pc].slots()) {
                if (slots[pc].isLdImm64() && slots[pc].src() == Opcodes.PSEUDO_MAP_VALUE) {
                    imm64[pc] = map.valueAddress(0) + slots[pc].imm2();
                }
            }
        }
        try {
            Program program = ProgramBuilder.of("fuzz" + seed, type(), slots,
                    kernelProfile() ? StandardHelpers.registry() : FuzzHelpers.REGISTRY).imm64(imm64).maps(maps).build();
            return new Built(program, maps);
        } catch (RuntimeException e) {
            maps.forEach(BpfMap::close);
            throw e;
        }
    }
}
