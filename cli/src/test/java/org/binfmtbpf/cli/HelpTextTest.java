package org.binfmtbpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --help: a command list shows each command's summary, and a summary is one whole sentence. */
class HelpTextTest {
    @Test
    void everySummaryIsOneWholeSentence() {
        for (CommandLine c : allCommands(Main.newCommandLine())) {
            String[] description = c.getCommandSpec().usageMessage().description();
            String name = c.getCommandSpec().qualifiedName(" ");
            assertTrue(description.length > 0, name + " has no description");
            String summary = description[0];
            assertTrue(summary.endsWith("."), name + ": the summary stops mid-sentence: " + summary);
            assertEquals(-1, summary.substring(0, summary.length() - 1).indexOf(". "),
                    name + ": the summary is more than one sentence: " + summary);
        }
    }

    @Test
    void theCommandListsShowWholeSummaries() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"prog", "--help"},
                new String[] {"map", "--help"})) {
            for (String entry : commandListEntries(Cli.run(args).out())) {
                assertTrue(entry.endsWith("."), String.join(" ", args) + ": '" + entry + "' is cut short");
            }
        }
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.add(sub);
                all.addAll(allCommands(sub));
            }
        }
        return all;
    }

    /** The entries after "Commands:", each with its continuation lines joined. */
    private static List<String> commandListEntries(String help) {
        List<String> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.startsWith("  ") && !line.startsWith("   ")) {
                entries.add(line.strip());
            } else if (inList) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        return entries;
    }
}
