package org.binfmtbpf.verifier;

/** Reading and writing registers with the kernel's checks (check_reg_arg). */
final class Registers {
    private Registers() {}

    static RegisterState read(FrameState f, int r, int pc) {
        if (r >= FrameState.REGS) {
            throw Rejection.at(pc, "R%d is invalid", r);
        }
        RegisterState v = f.reg(r);
        if (!v.isInit()) {
            throw Rejection.at(pc, "R%d !read_ok", r);
        }
        return v;
    }

    static void checkWritable(int r, int pc) {
        if (r >= FrameState.REGS) {
            throw Rejection.at(pc, "R%d is invalid", r);
        }
        if (r == FrameState.FP) {
            throw Rejection.at(pc, "frame pointer is read only");
        }
    }

    static void write(FrameState f, int r, RegisterState v, int pc) {
        checkWritable(r, pc);
        f.set(r, v);
    }

    /** After a call: r1-r5 hold nothing the program may read. */
    static void scratchCallerSaved(FrameState f) {
        for (int r = 1; r <= 5; r++) {
            f.set(r, RegisterState.NOT_INIT);
        }
    }
}
