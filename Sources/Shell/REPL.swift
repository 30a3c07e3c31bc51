import CReadline
#if canImport(Glibc)
import Glibc
#endif
import VectorLang

/// The interactive loop on a terminal, over GNU readline.
struct REPL {
    let shell: ShellSession

    /// readline keeps the pointer, so the name lives for the whole process.
    nonisolated(unsafe) static let readlineName: UnsafePointer<CChar> = UnsafePointer(strdup("jacobi")!)

    func run() -> Int32 {
        jacobi_rl_set_name(REPL.readlineName)
        var pending = ""
        while true {
            let prompt = pending.isEmpty ? "jacobi> " : "   ...> "
            guard let raw = readline(prompt) else {
                if pending.isEmpty { Terminal.writeOut("\n"); return 0 }
                pending = ""
                continue
            }
            let line = String(cString: raw)
            free(raw)
            pending += pending.isEmpty ? line : "\n" + line
            if Session.needsContinuation(pending) { continue }
            let input = pending
            pending = ""
            if input.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            add_history(input)
            shell.session.options.width = Terminal.width
            for output in shell.submit(input) {
                switch output {
                case .result(let text): Terminal.writeOut(text + "\n")
                case .error(let text): Terminal.writeError(text + "\n")
                case .quit: return 0
                }
            }
            Terminal.flush()
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
