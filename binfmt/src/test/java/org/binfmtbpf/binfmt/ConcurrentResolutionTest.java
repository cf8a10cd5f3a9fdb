package org.binfmtbpf.binfmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.binfmtbpf.binfmt.convert.HandlerCompiler;
import org.junit.jupiter.api.Test;

/**
 * Eight threads resolve while two others register and remove entries: a resolution sees each
 * entry either whole or not at all, so it never gets another key's interpreter, and entries
 * that are never removed are never missed. With 'B' entries the programs' chosen interpreters
 * live in per-thread invocations, so concurrent runs never see each other's choice.
 */
class ConcurrentResolutionTest {
    private static final int KEYS = 64;
    private static final int STABLE = 8;

    private static byte[] header(int key) {
        return ByteBuffer.allocate(8).putInt(0x4b455921).putInt(key).array(); // "KEY!" + key
    }

    private static String line(String name, int key, String type) {
        String hex = String.format("\\x%02x\\x%02x\\x%02x\\x%02x", key >>> 24, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff);
        return ":" + name + ":" + type + ":4:" + hex + "::/interp/" + name + ":";
    }

    @Test
    void magicEntriesUnderConcurrentRegistration() throws Exception {
        run(BinfmtMisc.stockLinux(path -> null), null, null);
    }

    @Test
    void programEntriesUnderConcurrentRegistration() throws Exception {
        TestPrograms.assumeEngine();
        PinStore pins = new PinStore();
        ProgramLoader loader = ProgramLoader.withPreferredEngine();
        BinfmtMisc misc = new BinfmtMisc(pins, path -> null, FaultListener.LOG);
        // Each key's 'B' program is the conversion of its 'M' entry: it selects that key and names its interpreter.
        BinfmtMisc scratch = BinfmtMisc.stockLinux(path -> null);
        for (int key = 0; key < KEYS; key++) {
            Entry m = scratch.register(line("k" + key, key, "M"));
            pins.pin("/sys/fs/bpf/k" + key, loader.load(HandlerCompiler.compile(m)));
        }
        run(misc, pins, loader);
    }

    private void run(BinfmtMisc misc, PinStore pins, ProgramLoader loader) throws Exception {
        boolean bpf = pins != null;
        for (int key = 0; key < STABLE; key++) {
            register(misc, key, bpf);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicLong resolutions = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch writersDone = new CountDownLatch(2);
        for (int w = 0; w < 2; w++) {
            int writer = w;
            pool.submit(() -> {
                try {
                    // At least 15 rounds, and on until the resolvers have overlapped 2000 times (60 s at most).
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    for (int round = 0; round < 15 || (resolutions.get() < 2000 && System.nanoTime() < deadline); round++) {
                        for (int key = STABLE + writer; key < KEYS; key += 2) {
                            try {
                                register(misc, key, bpf);
                            } catch (RegistrationException e) {
                                wrong.add("register k" + key + ": " + e.getMessage());
                            }
                        }
                        for (int key = STABLE + writer; key < KEYS; key += 2) {
                            misc.writeEntry("k" + key, Latin1.bytes("-1"));
                        }
                    }
                } finally {
                    writersDone.countDown();
                }
            });
        }
        for (int r = 0; r < 8; r++) {
            pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    int key = random.nextInt(KEYS);
                    ExecOutcome outcome = misc.resolve(ExecRequest.of("/bin/k", List.of("k"), header(key)));
                    resolutions.incrementAndGet();
                    if (outcome instanceof ExecOutcome.Resolved res) {
                        if (!res.resolution().interpreter().equals("/interp/k" + key)) {
                            wrong.add("key " + key + " got " + res.resolution().interpreter());
                        }
                    } else if (key < STABLE) {
                        wrong.add("stable key " + key + ": " + outcome);
                    }
                }
            });
        }
        assertTrue(writersDone.await(90, TimeUnit.SECONDS), "writers did not finish");
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(), List.copyOf(wrong));
        assertTrue(resolutions.get() >= 2000, "only " + resolutions.get() + " resolutions ran");
        assertEquals(STABLE, misc.names().size());
    }

    private static void register(BinfmtMisc misc, int key, boolean bpf) {
        misc.register(bpf ? ":k" + key + ":B:/sys/fs/bpf/k" + key + "::::" : line("k" + key, key, "M"));
    }
}
