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

    /// Parses and runs like `mainShowingSafely`, except that a command line swift-argument-parser cannot
    /// read exits with 2, the status `derive` and `check` give every usage error (its own default is 64),
    /// as their documented statuses say: 0 and 1 are answers, 2 is "could not be run".
    static func mainWithUsageStatus(_ arguments: [String]) -> Never {
        mainShowingSafely(arguments) { error in
            guard exitCode(for: error) == .validationFailure else { exitShowingSafely(error) }
            self.exit(withError: ExitCode(Launcher.usageError(fullMessage(for: error))))
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
