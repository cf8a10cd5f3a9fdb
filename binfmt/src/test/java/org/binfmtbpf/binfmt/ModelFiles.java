package org.binfmtbpf.binfmt;

/** The model's files under binfmt_misc, answering in {@link org.binfmtbpf.binfmt.kernel.KernelBinfmt.Answer}'s text form. */
final class ModelFiles {
    private ModelFiles() {}

    static String write(BinfmtMisc model, String file, byte[] data) {
        try {
            switch (file) {
                case "register" -> model.register(data);
                case "status" -> model.writeStatus(data);
                default -> model.writeEntry(file, data);
            }
            return "OK";
        } catch (RegistrationException e) {
            return e.errno().name();
        }
    }

    static String read(BinfmtMisc model, String file) {
        try {
            return "OK " + (file.equals("status") ? model.readStatus() : model.readEntry(file));
        } catch (RegistrationException e) {
            return e.errno().name();
        }
    }
}
