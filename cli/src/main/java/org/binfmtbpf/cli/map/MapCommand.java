package org.binfmtbpf.cli.map;

import picocli.CommandLine.Command;

/** bpftool map, for the maps of pinned programs. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Show and change the maps of pinned programs, as bpftool map does.",
            "MAP := { id MAP_ID | pinned PATH | name MAP_NAME }; keys and values are bytes:",
            "'key 0x01 0 0 0' or 'key hex 01 00 00 00'."},
        subcommands = {MapShowCommand.class, MapDumpCommand.class, MapLookupCommand.class, MapUpdateCommand.class,
            MapDeleteCommand.class})
public final class MapCommand {
}
