import VectorLang

extension DeriveArguments {
    /// One word as the parser sees it, and where it was written, so errors can point at it.
    public struct Word: Sendable, Equatable {
        /// The word without its quotes.
        public let text: String
        /// Where the word is in `source`, quotes included.
        public let range: SourceRange
        /// For each Unicode scalar of `text`, its offset in `source` (quotes shift them).
        let offsets: [Int]
    }

    /// Words already split, as a shell hands them to `jacobi derive`.
    ///
    /// `source`, which errors point into, is the words joined with spaces, and a word holding a space
    /// written in quotes, so the caret line reads like the command that was typed.
    public init(arguments: [String]) {
        var source = String.UnicodeScalarView()
        var count = 0
        var words: [Word] = []
        for argument in arguments {
            if !words.isEmpty {
                source.append(" ")
                count += 1
            }
            let scalars = Array(argument.unicodeScalars)
            let quote: Unicode.Scalar? = scalars.isEmpty || scalars.contains(where: Self.isSpace)
                ? (scalars.contains("'") ? "\"" : "'") : nil
            let start = count
            if let quote { source.append(quote); count += 1 }
            let first = count
            source.append(contentsOf: scalars)
            count += scalars.count
            if let quote { source.append(quote); count += 1 }
            words.append(Word(text: argument, range: SourceRange(start, count), offsets: Array(first..<first + scalars.count)))
        }
        self.init(source: String(source), words: words)
    }

    /// One line, as typed after `:derive` or in a lesson's derive block, split into words as a shell would.
    ///
    /// Spaces separate words; single or double quotes keep spaces inside one word (`--at 'z = [1, 2]'`)
    /// and are removed. A quote opens only at the start of a word or right after `=` (`--at z='[1, 2]'`),
    /// so the transpose in `W'_ij` needs no escaping. An unclosed quote is an error at the quote.
    public init(line: String) throws(Diagnostic) {
        let scalars = Array(line.unicodeScalars)
        var words: [Word] = []
        var text = String.UnicodeScalarView()
        var offsets: [Int] = []
        var start: Int?
        var i = 0
        func finish(at end: Int) {
            guard let first = start else { return }
            words.append(Word(text: String(text), range: SourceRange(first, end), offsets: offsets))
            text = String.UnicodeScalarView()
            offsets = []
            start = nil
        }
        while i < scalars.count {
            let c = scalars[i]
            if Self.isSpace(c) {
                finish(at: i)
                i += 1
                continue
            }
            let opensQuote = (c == "'" || c == "\"") && (start == nil || text.last == "=")
            if start == nil { start = i }
            guard opensQuote else {
                text.append(c)
                offsets.append(i)
                i += 1
                continue
            }
            guard let close = scalars[(i + 1)...].firstIndex(of: c) else {
                throw Diagnostic("this quote is not closed", at: .point(i), suggestion: "close it with \(c), or leave the quotes out")
            }
            for j in (i + 1)..<close {
                text.append(scalars[j])
                offsets.append(j)
            }
            i = close + 1
        }
        finish(at: scalars.count)
        self.init(source: line, words: words)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" }
}
