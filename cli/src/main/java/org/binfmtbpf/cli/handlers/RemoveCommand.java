package org.binfmtbpf.cli.handlers;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove entry NAME (echo -1 > NAME), or with --all every entry (echo -1 > status).")
public final class RemoveCommand extends EntrySwitch implements Callable<Integer> {
    @Override
    String command() {
        return "-1";
    }
}
