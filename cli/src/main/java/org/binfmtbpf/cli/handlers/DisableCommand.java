package org.binfmtbpf.cli.handlers;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Disable entry NAME (echo 0 > NAME), or with --all the whole binfmt_misc instance (echo 0 > status).")
public final class DisableCommand extends EntrySwitch implements Callable<Integer> {
    @Override
    String command() {
        return "0";
    }
}
