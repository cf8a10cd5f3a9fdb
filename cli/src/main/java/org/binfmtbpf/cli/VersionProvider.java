package org.binfmtbpf.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"binfmt-bpf " + (v == null ? "(development build)" : v),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")};
    }
}
