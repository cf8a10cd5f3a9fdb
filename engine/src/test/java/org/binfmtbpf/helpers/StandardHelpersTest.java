package org.binfmtbpf.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The registry: ids, names and prototypes as the kernel's enum bpf_func_id and bpf_func_proto declare them. */
class StandardHelpersTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "1   | map_lookup_elem      | MAP_VALUE_OR_NULL | CONST_MAP_PTR PTR_TO_MAP_KEY",
        "2   | map_update_elem      | INTEGER           | CONST_MAP_PTR PTR_TO_MAP_KEY PTR_TO_MAP_VALUE ANYTHING",
        "3   | map_delete_elem      | INTEGER           | CONST_MAP_PTR PTR_TO_MAP_KEY",
        "5   | ktime_get_ns         | INTEGER           | ''",
        "6   | trace_printk         | INTEGER           | PTR_TO_MEM_READONLY CONST_SIZE",
        "7   | get_prandom_u32      | INTEGER           | ''",
        "8   | get_smp_processor_id | INTEGER           | ''",
        "12  | tail_call            | VOID              | PTR_TO_CTX CONST_MAP_PTR ANYTHING",
        "14  | get_current_pid_tgid | INTEGER           | ''",
        "15  | get_current_uid_gid  | INTEGER           | ''",
        "26  | skb_load_bytes       | INTEGER           | PTR_TO_CTX ANYTHING PTR_TO_UNINIT_MEM CONST_SIZE",
        "212 | binprm_set_interp    | INTEGER           | PTR_TO_MEM_READONLY CONST_SIZE",
    })
    void eachHelperHasTheKernelsIdNameAndPrototype(int id, String name, ReturnKind returns, String args) {
        Helper h = StandardHelpers.registry().get(id);
        assertEquals(name, h.name());
        assertEquals(returns, h.prototype().returns());
        List<ArgKind> expected = args.isBlank() ? List.of()
                : java.util.Arrays.stream(args.split(" ")).map(ArgKind::valueOf).toList();
        assertEquals(expected, h.prototype().args());
    }

    @Test
    void onlyTheseTwelveAreRegistered() {
        assertEquals(12, StandardHelpers.registry().all().size());
        assertNull(StandardHelpers.registry().get(4), "probe_read is not offered");
    }
}
