#if canImport(Glibc)
import Glibc
#endif
import VectorLang

extension Launcher {
    /// `jacobi derive …`: prints the derivation; with `--step` on a terminal, waits for Enter between steps.
    public static func derive(_ request: DeriveCommand.Request, options: ShellOptions) -> Int32 {
        if request.step {
            switch DeriveCommand.pages(request, environment: nil, precision: options.precision) {
            case .failure(let d):
                Terminal.writeError(d.rendered(source: request.subject) + "\n")
                return 1
            case .success(let pages):
                let interactive = Terminal.standardInputIsTerminal
                for (n, page) in pages.enumerated() {
                    Terminal.writeOut(page.joined(separator: "\n") + "\n")
                    if interactive, n < pages.count - 1 {
                        Terminal.writeOut(options.ascii ? "  (Enter for the next step)" : "  ⏎ next step")
                        Terminal.flush()
                        guard Swift.readLine() != nil else { return 0 }
                    }
                }
                return 0
            }
        }
        switch DeriveCommand.run(request, environment: nil, precision: options.precision) {
        case .failure(let d):
            Terminal.writeError(d.rendered(source: request.subject) + "\n")
            return 1
        case .success(let lines):
            Terminal.writeOut(lines.joined(separator: "\n") + "\n")
            return 0
        }
    }

    public static func listDerivations(ascii: Bool) {
        Terminal.writeOut(DeriveCommand.catalogListing(ascii: ascii).joined(separator: "\n") + "\n")
    }
}
