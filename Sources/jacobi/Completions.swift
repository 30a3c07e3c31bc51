import ArgumentParser
import Shell

/// What the shell completion scripts offer beyond options: jacobi is asked at completion time.
extension CompletionKind {
    /// The course's lesson names.
    static var lessonNames: CompletionKind {
        .custom { _, _, prefix in CompletionNames.lessons(startingWith: prefix) }
    }

    /// After `jacobi derive`: catalog names for the subject, then the words that may follow it.
    static var deriveWords: CompletionKind {
        .custom { words, index, prefix in
            let before = words.prefix(max(0, min(index, words.count)))
            let afterDerive = before.reversed().prefix { $0 != "derive" }
            if afterDerive.first == "--format" {
                return ["text", "ascii", "latex", "markdown", "json"].filter { $0.hasPrefix(prefix) }
            }
            guard afterDerive.contains(where: { !$0.hasPrefix("-") }) else {
                return CompletionNames.catalog(startingWith: prefix)
            }
            return ["wrt", "--wrt", "--at", "--assume", "--format", "--order", "--step", "--ascii"].filter { $0.hasPrefix(prefix) }
        }
    }
}
