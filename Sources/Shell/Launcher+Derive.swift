#if canImport(Glibc)
import Glibc
#endif
import VectorLang

extension Launcher {
    /// `jacobi derive`'s exit statuses, as its help states them.
    public enum DeriveStatus {
        /// Derived to the end, and the numbers agree.
        public static let derived: Int32 = 0
        /// Shown, but unfinished (no rule applies, or the step limit) or the numeric check failed.
        public static let unfinished: Int32 = 1
        /// The command line or the subject could not be read: nothing was derived.
        public static let usage: Int32 = 2

        /// The status for a derivation that ended with `verdict`.
        public static func status(for verdict: DeriveCommand.Verdict) -> Int32 {
            verdict == .finished ? derived : unfinished
        }
    }

    /// `jacobi derive …` with its words already read: prints the derivation (with `--step` on a
    /// terminal, one key per step: `StepPager`) or the catalog; returns the exit status.
    public static func derive(_ parsed: DeriveArguments.Parsed, options: ShellOptions) -> Int32 {
        var request = parsed.request
        if request.list {
            listDerivations(ascii: options.ascii || request.format == .ascii)
            return DeriveStatus.derived
        }
        if options.ascii, request.format == .text { request.format = .ascii }
        guard request.step else {
            switch DeriveCommand.run(request, environment: nil, precision: options.precision, width: Terminal.textWidth) {
            case .failure(let problem): return usageError(parsed.located(problem), in: parsed.source)
            case .success(let derived):
                Terminal.writeOut(TerminalText.shown(derived.lines.joined(separator: "\n")) + "\n")
                return DeriveStatus.status(for: derived.verdict)
            }
        }
        switch DeriveCommand.pages(request, environment: nil, precision: options.precision, width: Terminal.textWidth) {
        case .failure(let problem): return usageError(parsed.located(problem), in: parsed.source)
        case .success(let derived):
            let hint = Palette(enabled: Terminal.colorAllowed(requested: options.color)).paint(StepPager.hint(ascii: options.ascii), .dim)
            StepPager(hint: hint, write: Terminal.writeOut).show(derived.blocks.reveals.map { TerminalText.shown($0.joined(separator: "\n")) }, keys: TerminalKeys())
            Terminal.flush()
            return DeriveStatus.status(for: derived.verdict)
        }
    }

    /// `jacobi derive`'s words read by `DeriveArguments`, or nil when they cannot be, after writing why.
    public static func deriveArguments(_ words: [String], claiming claimed: [String: Bool]) -> DeriveArguments.Parsed? {
        let arguments = DeriveArguments(arguments: words)
        do throws(Diagnostic) {
            return try arguments.parse(claiming: claimed)
        } catch {
            _ = usageError(error, in: arguments.source)
            return nil
        }
    }

    /// Writes a diagnostic about the command line (with its caret under `source`) to standard error;
    /// returns the usage status.
    static func usageError(_ diagnostic: Diagnostic, in source: String) -> Int32 {
        // With no words at all, a caret under an empty line would point at nothing.
        let text = source.isEmpty
            ? "error: \(TerminalText.shown(diagnostic.message))\n  help: jacobi derive --help shows how" : diagnostic.rendered(source: source)
        Terminal.writeError(text + "\n")
        return DeriveStatus.usage
    }

    /// Writes swift-argument-parser's message for a command line it could not read; returns the usage status.
    public static func usageError(_ message: String) -> Int32 {
        Terminal.writeError(TerminalText.shown(message) + "\n")
        return DeriveStatus.usage
    }

    /// Writes what swift-argument-parser has to say about the command line (help, or why it cannot be
    /// read) through the output gate, as it quotes the words it was given: help on standard output.
    public static func commandLineMessage(_ message: String, isError: Bool) {
        guard !message.isEmpty else { return }
        let shown = TerminalText.shown(message) + "\n"
        if isError {
            Terminal.writeError(shown)
        } else {
            Terminal.writeOut(shown)
            Terminal.flush()
        }
    }

    public static func listDerivations(ascii: Bool) {
        Terminal.writeOut(DeriveCommand.catalogListing(ascii: ascii).joined(separator: "\n") + "\n")
    }
}
