import ArgumentParser
import Shell

extension ParsableCommand {
    /// Parses and runs as `main` does, except that what swift-argument-parser writes (an error, or
    /// help) goes through the shell's output gate: its errors quote the command line, and a word of
    /// it may hold control characters (`--precision $'\e]0;…'` would otherwise retitle the window).
    /// `failing` ends the process for an error, by default as `exitShowingSafely`.
    static func mainShowingSafely(_ arguments: [String], failing: (Error) -> Never = exitShowingSafely) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            self.exit()
        } catch {
            failing(error)
        }
    }

    /// Exits as `exit(withError:)` does, with the same message and status: help on standard output,
    /// anything else on standard error.
    static func exitShowingSafely(_ error: Error) -> Never {
        let status = exitCode(for: error)
        Launcher.commandLineMessage(fullMessage(for: error), isError: status != .success)
        // An ExitCode prints nothing: the message is written already.
        self.exit(withError: status)
    }
}
