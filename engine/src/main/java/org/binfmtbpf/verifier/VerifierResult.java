package org.binfmtbpf.verifier;

/** A program the verifier accepted: what it proved, its log, and what the proof cost. */
public record VerifierResult(VerifierFacts facts, String log, VerifierStats stats) {
}
