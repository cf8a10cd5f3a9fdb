package org.binfmtbpf.fuzz;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands case indices 0, 1, 2, ... to worker threads and their results back in index order,
 * so what a campaign reports does not depend on which worker finished first. Issuing stops
 * at {@code limit} cases, at {@code deadline} ({@link System#nanoTime()}), or on
 * {@link #stop()}; workers never run more than {@code window} cases ahead of the reader.
 */
final class CaseQueue<R> {
    private final long limit;
    private final long deadline;
    private final long window;
    private final Map<Long, R> done = new HashMap<>();
    private long issued;
    private long taken;
    private boolean closed;
    private RuntimeException failure;

    CaseQueue(long limit, long deadline, long window) {
        this.limit = limit;
        this.deadline = deadline;
        this.window = window;
    }

    /** The next case index to run, or -1 when no more will be issued. */
    synchronized long next() throws InterruptedException {
        while (!closed && issued - taken >= window) {
            wait();
        }
        if (closed || issued >= limit || System.nanoTime() > deadline) {
            close();
            return -1;
        }
        return issued++;
    }

    synchronized void put(long index, R result) {
        done.put(index, result);
        notifyAll();
    }

    /** A worker died: the reader gets {@code e} instead of the missing result. */
    synchronized void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        close();
    }

    /** The result of case {@code index} (the reader takes them in order), or null when it will never run. */
    synchronized R take(long index) throws InterruptedException {
        while (!done.containsKey(index)) {
            if (failure != null) {
                throw failure;
            }
            if (closed && index >= issued) {
                return null;
            }
            wait();
        }
        taken++;
        notifyAll();
        return done.remove(index);
    }

    /** No more indices are issued; cases already running finish. */
    synchronized void stop() {
        close();
    }

    private void close() {
        closed = true;
        notifyAll();
    }
}
