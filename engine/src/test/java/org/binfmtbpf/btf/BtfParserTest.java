package org.binfmtbpf.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The BTF type records of include/uapi/linux/btf.h, one kind at a time, and what the parser refuses. */
class BtfParserTest {

    @Test
    void everyKindIsReadWithItsExtraData() {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.type("u32", BtfKind.INT, 0, false, 4, 32);                      // 1: INT, 32 bits unsigned
        int s8 = b.type("s8", BtfKind.INT, 0, false, 1, 1 << 24 | 8);               // 2: INT signed
        int ptr = b.type("", BtfKind.PTR, 0, false, u32);                           // 3
        int arr = b.type("", BtfKind.ARRAY, 0, false, 0, u32, u32, 6);              // 4: u32[6]
        int st = b.type("pair", BtfKind.STRUCT, 2, true, 8,                         // 5: bitfield struct
                b.string("lo"), u32, 3 << 24 | 0, b.string("hi"), u32, 32);
        int un = b.type("either", BtfKind.UNION, 2, false, 4, b.string("a"), u32, 0, b.string("b"), s8, 0); // 6
        int en = b.type("colour", BtfKind.ENUM, 2, true, 4, b.string("RED"), -1, b.string("BLUE"), 2);     // 7: signed
        int e64 = b.type("wide", BtfKind.ENUM64, 1, false, 8, b.string("BIG"), 1, 2);                       // 8: 0x2_00000001
        int fwd = b.type("later", BtfKind.FWD, 0, true, 0);                         // 9: union forward
        int td = b.type("u32_t", BtfKind.TYPEDEF, 0, false, u32);                   // 10
        int vol = b.type("", BtfKind.VOLATILE, 0, false, td);                       // 11
        int cst = b.type("", BtfKind.CONST, 0, false, vol);                         // 12
        int rst = b.type("", BtfKind.RESTRICT, 0, false, ptr);                      // 13
        int proto = b.type("", BtfKind.FUNC_PROTO, 1, false, u32, b.string("x"), cst); // 14
        int fn = b.type("f", BtfKind.FUNC, 1, false, proto);                        // 15: global
        int var = b.type("v", BtfKind.VAR, 0, false, arr, 1);                       // 16: global allocated
        int sec = b.type(".data", BtfKind.DATASEC, 1, false, 24, var, 8, 24);       // 17
        int flt = b.type("float", BtfKind.FLOAT, 0, false, 4);                      // 18
        int tag = b.type("hot", BtfKind.DECL_TAG, 0, false, st, 1);                 // 19: on member 1
        int ttag = b.type("user", BtfKind.TYPE_TAG, 0, false, u32);                 // 20
        Btf btf = Btf.parse(b.build());

        assertEquals(21, btf.typeCount());
        assertEquals(new BtfType.Int("u32", 4, 0, 0, 32), btf.type(u32));
        assertTrue(((BtfType.Int) btf.type(s8)).signed());
        assertEquals(new BtfType.Ptr("", u32), btf.type(ptr));
        assertEquals(new BtfType.Array("", u32, u32, 6), btf.type(arr));
        assertEquals(new BtfType.Composite("pair", BtfKind.STRUCT, 8,
                List.of(new BtfType.Member("lo", u32, 0, 3), new BtfType.Member("hi", u32, 32, 0))), btf.type(st));
        assertEquals(BtfKind.UNION, btf.type(un).kind());
        assertEquals(List.of(new BtfType.EnumValue("RED", -1), new BtfType.EnumValue("BLUE", 2)),
                ((BtfType.Enum) btf.type(en)).values());
        assertEquals(0x2_00000001L, ((BtfType.Enum) btf.type(e64)).values().get(0).value());
        assertEquals(new BtfType.Fwd("later", true), btf.type(fwd));
        assertEquals(new BtfType.Modifier("", BtfKind.RESTRICT, ptr), btf.type(rst));
        assertEquals(new BtfType.FuncProto("", u32, List.of(new BtfType.Param("x", cst))), btf.type(proto));
        assertEquals(new BtfType.Func("f", proto, 1), btf.type(fn));
        assertEquals(new BtfType.Var("v", arr, 1), btf.type(var));
        assertEquals(new BtfType.DataSec(".data", 24, List.of(new BtfType.VarSecInfo(var, 8, 24))), btf.type(sec));
        assertEquals(new BtfType.Float("float", 4), btf.type(flt));
        assertEquals(new BtfType.DeclTag("hot", st, 1), btf.type(tag));
        assertEquals(new BtfType.Modifier("user", BtfKind.TYPE_TAG, u32), btf.type(ttag));

        assertEquals(u32, btf.skipModifiers(cst), "const volatile typedef u32 is u32");
        assertEquals(24, btf.sizeOf(arr));
        assertEquals(4, btf.sizeOf(cst));
        assertEquals(8, btf.sizeOf(rst));
        assertEquals(24, btf.sizeOf(var));
        assertThrows(BtfFormatException.class, () -> btf.sizeOf(fn), "a function has no size");
        assertEquals(sec, btf.idsOf(BtfKind.DATASEC).get(0));
        assertEquals(".data", btf.dataSection(".data").name());
    }

    @Test
    void aReferenceToAMissingTypeIsRefused() {
        BtfBuilder b = new BtfBuilder();
        b.type("", BtfKind.PTR, 0, false, 7);
        BtfFormatException e = assertThrows(BtfFormatException.class, () -> Btf.parse(b.build()));
        assertTrue(e.getMessage().contains("refers to type id 7"), e.getMessage());
    }

    @Test
    void aTypedefCycleIsBoundedNotInfinite() {
        BtfBuilder b = new BtfBuilder();
        b.type("a", BtfKind.TYPEDEF, 0, false, 2);
        b.type("b", BtfKind.TYPEDEF, 0, false, 1);
        Btf btf = Btf.parse(b.build());
        assertThrows(BtfFormatException.class, () -> btf.sizeOf(1));
        assertThrows(BtfFormatException.class, () -> btf.skipModifiers(1));
    }

    @Test
    void unknownKindsHugeCountsAndBadStringsAreRefused() {
        BtfBuilder unknown = new BtfBuilder();
        unknown.type("", BtfKind.UNKN, 0, false, 0);
        assertTrue(assertThrows(BtfFormatException.class, () -> Btf.parse(unknown.build())).getMessage().contains("unknown BTF kind 0"));

        BtfBuilder huge = new BtfBuilder();
        huge.type("s", BtfKind.STRUCT, 0xffff, false, 4); // 65535 members promised, none present
        assertTrue(assertThrows(BtfFormatException.class, () -> Btf.parse(huge.build())).getMessage().contains("run past"));

        BtfBuilder badName = new BtfBuilder();
        badName.type("", BtfKind.INT, 0, false, 4, 32);
        byte[] bytes = badName.build();
        bytes[24] = 0x7f; // name_off of type 1 far beyond the strings
        assertTrue(assertThrows(BtfFormatException.class, () -> Btf.parse(bytes)).getMessage().contains("string offset"));
    }

    @Test
    void headerFieldsMustDescribeTheSection() {
        byte[] ok = new BtfBuilder().build();
        byte[] magic = ok.clone();
        magic[0] = 0;
        assertThrows(BtfFormatException.class, () -> Btf.parse(magic));
        byte[] strLen = ok.clone();
        strLen[20] = (byte) 0xff;
        assertThrows(BtfFormatException.class, () -> Btf.parse(strLen));
        assertThrows(BtfFormatException.class, () -> Btf.parse(new byte[3]));
    }
}
