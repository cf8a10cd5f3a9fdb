package org.binfmtbpf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON output through Jackson. Kept in its own class so that a one-shot text command never
 * loads Jackson (about a hundred milliseconds of class loading).
 */
final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static String write(Object value, boolean pretty) {
        try {
            return (pretty ? Holder.PRETTY : Holder.MAPPER).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getName(), e);
        }
    }
}
