package org.binfmtbpf.btf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .BTF.ext} section: per ELF section, its func_info and line_info records
 * (CO-RE relocation records are validated for shape and otherwise ignored: this engine
 * has no kernel types to relocate against). Strings resolve through the {@code .BTF}
 * section's string table.
 */
public final class BtfExt {
    private static final int HEADER_MIN = 24;
    private static final int FUNC_INFO_MIN = 8;
    private static final int LINE_INFO_MIN = 16;
    private static final int CORE_RELO_MIN = 16;

    private final Map<String, List<FuncInfo>> funcInfos;
    private final Map<String, List<LineInfo>> lineInfos;

    private BtfExt(Map<String, List<FuncInfo>> funcInfos, Map<String, List<LineInfo>> lineInfos) {
        this.funcInfos = funcInfos;
        this.lineInfos = lineInfos;
    }

    /** The func_info records of ELF section {@code section}, in file order (possibly empty). */
    public List<FuncInfo> funcInfos(String section) {
        return funcInfos.getOrDefault(section, List.of());
    }

    /** The line_info records of ELF section {@code section}, in file order (possibly empty). */
    public List<LineInfo> lineInfos(String section) {
        return lineInfos.getOrDefault(section, List.of());
    }

    /** Parses {@code section} (the bytes of {@code .BTF.ext}); strings come from {@code btf}. */
    public static BtfExt parse(byte[] section, Btf btf) {
        BtfBytes in = new BtfBytes(section);
        if (in.u16(0, "BTF.ext magic") != BtfParser.MAGIC) {
            throw new BtfFormatException(0, "bad BTF.ext magic 0x" + Integer.toHexString(in.u16(0, "magic")));
        }
        if (in.u8(2, "BTF.ext version") != 1) {
            throw new BtfFormatException(2, "unsupported BTF.ext version " + in.u8(2, "version"));
        }
        long hdrLen = in.u32(4, "BTF.ext hdr_len");
        if (hdrLen < HEADER_MIN || hdrLen > in.length()) {
            throw new BtfFormatException(4, "bad BTF.ext header length " + hdrLen);
        }
        Map<String, List<FuncInfo>> funcs = new LinkedHashMap<>();
        Map<String, List<LineInfo>> lines = new LinkedHashMap<>();
        readSubsection(in, btf, hdrLen, 8, "func_info", FUNC_INFO_MIN, (sec, rec) -> funcs
                .computeIfAbsent(sec, k -> new ArrayList<>())
                .add(new FuncInfo(in.u32(rec, "func_info insn_off"), typeId(in.u32(rec + 4, "func_info type_id"), btf, rec))));
        readSubsection(in, btf, hdrLen, 16, "line_info", LINE_INFO_MIN, (sec, rec) -> {
            long lineCol = in.u32(rec + 12, "line_col");
            lines.computeIfAbsent(sec, k -> new ArrayList<>()).add(new LineInfo(in.u32(rec, "line_info insn_off"),
                    string(btf, in.u32(rec + 4, "file_name_off"), rec + 4), string(btf, in.u32(rec + 8, "line_off"), rec + 8),
                    (int) (lineCol >>> 10), (int) (lineCol & 0x3ff)));
        });
        if (hdrLen >= 32) {
            readSubsection(in, btf, hdrLen, 24, "core_relo", CORE_RELO_MIN, (sec, rec) -> in.u32(rec + 12, "core_relo kind"));
        }
        return new BtfExt(funcs, lines);
    }

    private interface RecordReader {
        void read(String section, long recordOffset);
    }

    /**
     * Reads one info subsection: u32 record size, then blocks of
     * {@code {u32 sec_name_off; u32 num_info; record[num_info]}}.
     */
    private static void readSubsection(BtfBytes in, Btf btf, long hdrLen, int headerField, String what, int minRecord,
                                       RecordReader reader) {
        long off = in.u32(headerField, what + "_off");
        long len = in.u32(headerField + 4, what + "_len");
        if (len == 0) {
            return;
        }
        long start = hdrLen + off;
        long end = start + len;
        if (end > in.length()) {
            throw new BtfFormatException(headerField, what + " [" + start + ", +" + len + ") runs past the section");
        }
        long recordSize = in.u32(start, what + " record size");
        if (recordSize < minRecord || recordSize > 1024 || recordSize % 4 != 0) {
            throw new BtfFormatException(start, what + " record size " + recordSize + " unsupported");
        }
        long pos = start + 4;
        while (pos < end) {
            if (end - pos < 8) {
                throw new BtfFormatException(pos, what + " block header truncated");
            }
            String section = string(btf, in.u32(pos, what + " sec_name_off"), pos);
            long count = in.u32(pos + 4, what + " num_info");
            pos += 8;
            if (count == 0 || count > (end - pos) / recordSize) {
                throw new BtfFormatException(pos - 4, what + " for '" + section + "': " + count
                        + " records do not fit in the subsection");
            }
            for (long i = 0; i < count; i++) {
                reader.read(section, pos);
                pos += recordSize;
            }
        }
    }

    private static String string(Btf btf, long offset, long where) {
        try {
            return btf.string(offset);
        } catch (BtfFormatException e) {
            throw new BtfFormatException(where, "string offset " + offset + " is not in the .BTF string section");
        }
    }

    private static int typeId(long id, Btf btf, long where) {
        if (id >= btf.typeCount()) {
            throw new BtfFormatException(where, "func_info type id " + id + " beyond the " + btf.typeCount() + " types");
        }
        return (int) id;
    }
}
