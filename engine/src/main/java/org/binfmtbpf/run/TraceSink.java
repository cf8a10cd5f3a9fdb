package org.binfmtbpf.run;

/** Receives trace_printk output, one formatted line per call. */
@FunctionalInterface
public interface TraceSink {
    TraceSink DISCARD = line -> { };

    void accept(String line);
}
