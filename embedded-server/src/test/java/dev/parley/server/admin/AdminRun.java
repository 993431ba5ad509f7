package dev.parley.server.admin;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** One run of {@code parley admin --data DIR ...} in this JVM: its exit code and what it printed. */
record AdminRun(int exit, String out, String err) {

    static AdminRun of(Path data, String stdin, String... args) {
        CommandLine commandLine = AdminMain.commandLine();
        AdminMain admin = commandLine.getCommand();
        admin.console = null;
        admin.stdin = new BufferedReader(new StringReader(stdin));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--data";
        all[1] = data.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = commandLine.execute(all);
        return new AdminRun(exit, out.toString(), err.toString());
    }
}
