/// Lines copied from a Jacobi session and pasted back (or saved as a script): prompts are taken
/// off, and the output that was copied with them is skipped, as IPython and Julia do.
///
/// The rule works on blocks: a whole file, a whole bracketed paste, or at the terminal the lines
/// that arrived together without the REPL waiting for a key (`LineReader.hasWaitingInput`).
///
/// - A prompt is `jacobi> ` or a lesson's `lesson 3·2> ` (`lesson 3:2> ` with `--ascii`) at the very
///   start of a line, or a continuation `...> ` after any spaces; the space after `>` may be missing
///   when nothing follows.
/// - A block is *prompted* when its first non-blank line starts with a prompt. In a prompted block
///   every prompt is taken off, and every line without one (results, errors, blank lines) is copied
///   output and is skipped.
/// - In any other block nothing is skipped, and a line that starts with a prompt still loses it, so
///   one copied line pasted alone runs.
///
/// Main prompts count only at the start of a line, so the indented `    jacobi> softmax(…)` example
/// inside copied `:help` output is skipped with the rest of that output, not run.
struct PromptFilter {
    private enum State { case start, prompted, plain }
    private var state = State.start

    /// The input in `line` to run, or nil when it is copied output to skip.
    mutating func take(_ line: String) -> String? {
        let input = PromptFilter.removingPrompt(line)
        switch state {
        case .start:
            if line.trimmingSpaces.isEmpty { return line }
            state = input == nil ? .plain : .prompted
            return input ?? line
        case .prompted: return input
        case .plain: return input ?? line
        }
    }

    /// The block ended: the next line starts a new one.
    mutating func endBlock() { state = .start }

    /// `line` without its prompt, or nil when it does not start with one.
    static func removingPrompt(_ line: String) -> String? {
        if let rest = after(line, "jacobi>") { return rest }
        let indented = line.drop { $0 == " " || $0 == "\t" }
        if let rest = after(Substring(indented), "...>") { return rest }
        return afterLessonPrompt(line)
    }

    /// What follows `prompt` at the start of `line` (and the one space after it), if it is there.
    private static func after(_ line: Substring, _ prompt: String) -> String? {
        guard line.hasPrefix(prompt) else { return nil }
        let rest = line.dropFirst(prompt.count)
        if rest.isEmpty { return "" }
        return rest.first == " " ? String(rest.dropFirst()) : nil
    }

    private static func after(_ line: String, _ prompt: String) -> String? { after(Substring(line), prompt) }

    /// What follows `lesson NAME·STEP> `, where NAME is anything (a lesson's name is its file's) and STEP
    /// is a number, written after `·` (or `:` with `--ascii`).
    private static func afterLessonPrompt(_ line: String) -> String? {
        guard line.hasPrefix("lesson ") else { return nil }
        let characters = Array(line)
        for index in characters.indices where characters[index] == ">" {
            var digit = index
            while digit > 7, characters[digit - 1].isASCII, characters[digit - 1].isNumber { digit -= 1 }
            guard digit < index, digit > 8, characters[digit - 1] == "·" || characters[digit - 1] == ":" else { continue }
            if let rest = after(Substring(String(characters[index...])), ">") { return rest }
        }
        return nil
    }
}
