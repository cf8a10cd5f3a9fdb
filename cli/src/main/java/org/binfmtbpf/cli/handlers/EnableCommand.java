package org.binfmtbpf.cli.handlers;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "enable", mixinStandardHelpOptions = true,
        description = "Enable entry NAME (echo 1 > NAME), or with --all the whole binfmt_misc instance (echo 1 > status).")
public final class EnableCommand extends EntrySwitch implements Callable<Integer> {
    @Override
    String command() {
        return "1";
    }
}
