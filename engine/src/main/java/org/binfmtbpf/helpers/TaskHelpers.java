package org.binfmtbpf.helpers;

import org.binfmtbpf.linux.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.binfmtbpf.run.Invocation;

/**
 * Helpers about the current task: 8 get_smp_processor_id, 14 get_current_pid_tgid, 15
 * get_current_uid_gid. "Current" is this JVM and the calling thread, as it would be for a
 * program the kernel runs in the context of the exec'ing process.
 */
public final class TaskHelpers {
    private TaskHelpers() {}

    public static final HelperPrototype GET_SMP_PROCESSOR_ID = HelperPrototype.of(ReturnKind.INTEGER);
    public static final HelperPrototype GET_CURRENT_PID_TGID = HelperPrototype.of(ReturnKind.INTEGER);
    public static final HelperPrototype GET_CURRENT_UID_GID = HelperPrototype.of(ReturnKind.INTEGER);

    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    private static final long TGID = ProcessHandle.current().pid();
    /** tgid << 32 | tid of each thread; the tid comes from /proc/thread-self once per thread. */
    private static final ThreadLocal<Long> PID_TGID = ThreadLocal.withInitial(() -> TGID << 32 | threadId());
    private static final long UID_GID = readUidGid();

    /**
     * u32 bpf_get_smp_processor_id(void). A JVM thread may move between CPUs at any moment
     * and Java cannot ask which one it is on; what programs need is what the kernel
     * guarantees, a stable id in [0, nr_cpus) for the duration of a run (runs are
     * migrate-disabled). This returns the thread's id modulo the CPU count: stable per thread,
     * so per-CPU-style indexing by it never collides within one run.
     */
    public static long getSmpProcessorId(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return Thread.currentThread().getId() % CPUS;
    }

    /** u64 bpf_get_current_pid_tgid(void): tgid (the process id) in the upper half, the thread id in the lower. */
    public static long getCurrentPidTgid(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return PID_TGID.get();
    }

    /** u64 bpf_get_current_uid_gid(void): the real gid in the upper half, the real uid in the lower. */
    public static long getCurrentUidGid(Invocation inv, long r1, long r2, long r3, long r4, long r5) {
        return UID_GID;
    }

    /** The kernel's thread id (gettid) of the calling thread: /proc/thread-self links to "tgid/task/tid". */
    private static long threadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | RuntimeException notLinux) {
            return TGID;
        }
    }

    /**
     * Real uid and gid from /proc/self/status ("Uid:\treal\teffective\tsaved\tfs"); without
     * procfs, -EINVAL, which is what the kernel returns when it has no current task.
     */
    private static long readUidGid() {
        long uid = -1;
        long gid = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Gid:")) {
                    gid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return Errno.EINVAL.negated();
        }
        return uid < 0 || gid < 0 ? Errno.EINVAL.negated() : gid << 32 | uid;
    }
}
