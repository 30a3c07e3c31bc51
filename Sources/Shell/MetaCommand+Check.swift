import Derivation
import VectorLang

extension MetaCommand {
    /// `:check FILE`, or `:check` and then the lines of a derivation until a blank line.
    static var check: MetaCommand { MetaCommand(
        "check", usage: ":check [FILE]", "Checks a derivation of your own line by line: the first wrong step, and the slip.",
        detail: [
            "With no FILE, type the lines and end with a blank line: set-up (p := softmax(z), z = [2, 1, 0.1], assume sum(y) = 1), a start such as partial(p_i, z_j), then steps starting with =.",
            "Each step must equal the line before it at random numbers of several sizes (and at yours, if the derivation binds them).",
            "The first wrong step is shown with where it differs and a diagnosis: sign, transpose, lost δ term, dropped or added term or factor, 2×, a fact used but not assumed, another input.",
            "A # comment never states a fact. From the shell: jacobi check FILE [--json] [--explain].",
        ],
        group: .derivations, argument: .fileName
    ) { shell, call in
        guard !call.argument.isEmpty else {
            shell.collectedDerivation = []
            return [.info("type the derivation, one line at a time; a blank line checks it")]
        }
        do {
            let lines = try TextFile.lines(at: ShellSession.expandingTilde(call.argument))
            return shell.checked(lines)
        } catch {
            return [call.error("\(error)")]
        }
    } }
}

extension ShellSession {
    /// Whether `:check` is collecting the lines of a derivation (the REPL then shows the continuation
    /// prompt, and a blank line is an input: it ends the derivation).
    public var isCollectingDerivation: Bool { collectedDerivation != nil }

    /// Takes one line of a derivation being typed after `:check`; a blank line checks them.
    func collect(_ input: String) -> [Output] {
        guard input.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) else {
            collectedDerivation?.append(input)
            return []
        }
        let lines = collectedDerivation ?? []
        collectedDerivation = nil
        return checked(lines)
    }

    /// Stops collecting a derivation (Ctrl-C at the prompt).
    public func cancelCollecting() { collectedDerivation = nil }

    func checked(_ lines: [String]) -> [Output] {
        let report = DerivationChecker.check(lines.joined(separator: "\n"))
        return [.result(options.json ? report.json : report.text(ascii: options.ascii))]
    }
}
