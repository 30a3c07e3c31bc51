import VectorLang

/// The words after `derive`, read by one parser for `jacobi derive ARGS…`, `:derive ARGS` and a
/// lesson's `jacobi derive` block, so the three accept exactly the same things.
///
/// The grammar:
///
///     SUBJECT… [wrt NAME] [--wrt NAME] [--at NAME=VALUE]… [--assume FACT]…
///              [--format text|ascii|latex|markdown|json] [--order 1|2] [--step] [--ascii] [--list] [--help|-h] [--] [SUBJECT…]
///
/// - SUBJECT is a catalog name or an expression; its words are joined with single spaces.
/// - An option is `--` followed by a letter. Any other word is subject, so an expression may start
///   with `-` (`-sum_k(y_k*log(p_k))`, `-x`) without quoting tricks. An unknown `--word` is a usage
///   error that suggests the closest option.
/// - `--` ends the options, as everywhere: every word after it is subject, `--wrt` included.
/// - `wrt NAME`, as one says it, is `--wrt NAME`; it is read so once the subject has begun.
/// - A valued option takes the next word, or its value after `=` (`--format=latex`); the next word
///   cannot be an option. `--at` and `--assume` run on over the next words while their brackets are
///   open or an `=` joins them, so `--at z = [1, 2, 3]` typed at the prompt is one binding.
/// - `--wrt` and `--format` are given at most once; `--at` and `--assume` are repeatable; `--at`'s
///   value is `NAME=VALUE`.
/// - `--ascii` asks for the ASCII text format when no other format is asked for.
/// - A subject is required, unless `--list` asks for the catalog or `--help` (or `-h`, the one short
///   option, recognised only as a whole word) for the help.
///
/// A caller may claim options of its own: `jacobi derive` takes its common options (`--precision`…)
/// after the subject too. Their words come back untouched in `Parsed.passed`.
public struct DeriveArguments: Sendable {
    /// The text the words came from, which diagnostics point into.
    public let source: String
    public let words: [Word]

    init(source: String, words: [Word]) {
        self.source = source
        self.words = words
    }

    /// A request read from the words, the words of the caller's options, and where the subject is.
    public struct Parsed: Sendable {
        public var request: DeriveCommand.Request
        /// The words of the options claimed by the caller, in the order given.
        public var passed: [String]
        /// `--help` or `-h` was given: show the help rather than derive.
        public var help: Bool
        /// The text the words came from.
        public let source: String
        /// Where the subject is in `source` (a point at the end when there is none).
        public let subjectRange: SourceRange
        /// For each Unicode scalar of `request.subject`, its offset in `source`.
        let subjectOffsets: [Int]
        /// Where each `--at` value is in `source`.
        let bindingRanges: [SourceRange]

        /// What went wrong with the request, pointing into `source`: into the subject, or at the `--at` value.
        public func located(_ problem: DeriveCommand.Problem) -> Diagnostic {
            switch problem {
            case .subject(let diagnostic): return located(diagnostic)
            case .binding(let n, var diagnostic):
                diagnostic.range = n < bindingRanges.count ? bindingRanges[n] : subjectRange
                return diagnostic
            }
        }

        /// A diagnostic about the subject (its range counted in `request.subject`) moved to `source`.
        public func located(_ diagnostic: Diagnostic) -> Diagnostic {
            var moved = diagnostic
            func offset(_ i: Int) -> Int { i < subjectOffsets.count ? subjectOffsets[i] : subjectRange.end }
            let start = offset(diagnostic.range.start)
            let end = diagnostic.range.end > diagnostic.range.start ? offset(diagnostic.range.end - 1) + 1 : start
            moved.range = SourceRange(start, end)
            return moved
        }
    }

    /// The grammar's options, each with whether it takes a value.
    static let options: KeyValuePairs<String, Bool> = [
        "--wrt": true, "--at": true, "--assume": true, "--format": true, "--order": true, "--step": false, "--ascii": false,
        "--list": false, "--help": false,
    ]

    /// Reads the words by the grammar above.
    ///
    /// - Parameter claimed: options the caller handles itself, each with whether it takes a value;
    ///   a claimed short option (`-h`) is recognised only when it is the whole word.
    public func parse(claiming claimed: [String: Bool] = [:]) throws(Diagnostic) -> Parsed {
        var reader = Reader(words: words, claimed: claimed)
        try reader.read()
        var request = reader.request
        var offsets: [Int] = []
        for (n, word) in reader.subject.enumerated() {
            if n > 0 { offsets.append(reader.subject[n - 1].range.end) }
            offsets += word.offsets
        }
        request.subject = reader.subject.map(\.text).joined(separator: " ")
        guard !request.subject.trimmingSpaces.isEmpty || request.list || reader.help else {
            throw Diagnostic("say what to derive: a catalog name (see --list) or an expression", at: .point(source.unicodeScalars.count))
        }
        if reader.ascii, request.format == .text { request.format = .ascii }
        let range = reader.subject.first.map { $0.range.union(reader.subject[reader.subject.count - 1].range) }
        return Parsed(request: request, passed: reader.passed, help: reader.help, source: source,
                      subjectRange: range ?? .point(source.unicodeScalars.count), subjectOffsets: offsets,
                      bindingRanges: reader.bindingRanges)
    }
}

extension DeriveArguments {
    /// One pass over the words, collecting the subject, the options and the claimed words.
    struct Reader {
        let words: [Word]
        let claimed: [String: Bool]
        var position = 0
        var subject: [Word] = []
        var passed: [String] = []
        var request = DeriveCommand.Request(subject: "")
        var ascii = false
        var help = false
        var formatGiven = false
        var bindingRanges: [SourceRange] = []

        init(words: [Word], claimed: [String: Bool]) {
            self.words = words
            self.claimed = claimed
        }

        mutating func read() throws(Diagnostic) {
            var optionsEnded = false
            while position < words.count {
                let word = words[position]
                position += 1
                if optionsEnded {
                    subject.append(word)
                } else if word.text == "--" {
                    optionsEnded = true
                } else if Self.isOption(word.text) {
                    try option(word)
                } else if word.text == "wrt", !subject.isEmpty {
                    guard let name = next() else {
                        throw Diagnostic("wrt needs the variable after it", at: word.range, suggestion: "write wrt z_j, or wrt x")
                    }
                    try setWrt(name.text, at: word)
                } else if word.text == "-h" {
                    help = true
                } else if let takesValue = claimed[word.text] {
                    pass(word.text, takesValue: takesValue, inline: false)
                } else {
                    subject.append(word)
                }
            }
        }

        /// `--` and a letter: what the grammar reads as an option rather than as part of an expression.
        static func isOption(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            return scalars.count > 2 && scalars[0] == "-" && scalars[1] == "-" && scalars[2].properties.isAlphabetic
        }

        private mutating func option(_ word: Word) throws(Diagnostic) {
            let name = String(word.text.prefix { $0 != "=" })
            let inline = name.count < word.text.count ? String(word.text.dropFirst(name.count + 1)) : nil
            guard let takesValue = DeriveArguments.options.first(where: { $0.key == name })?.value else {
                if let takesValue = claimed[name] { return pass(word.text, takesValue: takesValue, inline: inline != nil) }
                let known = DeriveArguments.options.map(\.key) + claimed.keys.filter { $0.hasPrefix("--") }.sorted()
                let guess = Suggestions.closest(to: name, among: known)
                throw Diagnostic("unknown option \(name)", at: word.range,
                                 note: "the options are " + DeriveArguments.options.map(\.key).joined(separator: ", ")
                                     + ", and -- to end them",
                                 suggestion: guess.map { "did you mean \($0)?" })
            }
            guard takesValue else {
                if inline != nil { throw Diagnostic("\(name) takes no value", at: word.range, suggestion: "write \(name) alone") }
                if name == "--step" { request.step = true }
                if name == "--ascii" { ascii = true }
                if name == "--list" { request.list = true }
                if name == "--help" { help = true }
                return
            }
            let value: String
            let valueStart = position
            if let inline {
                value = inline
            } else if let following = next() {
                value = name == "--at" || name == "--assume" ? continued(following.text) : following.text
            } else {
                throw Diagnostic("\(name) needs a value", at: word.range, suggestion: Self.example[name])
            }
            switch name {
            case "--wrt": try setWrt(value, at: word)
            case "--at":
                guard value.contains("=") else {
                    throw Diagnostic("--at takes NAME=VALUE, not '\(value)'", at: word.range.union(words[position - 1].range),
                                     suggestion: Self.example[name])
                }
                request.at.append(value)
                bindingRanges.append(inline == nil ? words[valueStart].range.union(words[position - 1].range) : word.range)
            case "--assume": request.assume.append(value)
            case "--order":
                guard let order = Int(value), (1...2).contains(order) else {
                    throw Diagnostic("--order takes 1 (the gradient or Jacobian) or 2 (the Hessian), not '\(value)'", at: word.range,
                                     suggestion: Self.example[name])
                }
                request.order = order
            default: try setFormat(value, at: word)
            }
        }

        static let example = [
            "--wrt": "write --wrt z_j (an element) or --wrt x (a number)",
            "--at": "write --at z=[2,1,0.1]",
            "--assume": "write --assume 'sum_k(y_k) = 1'",
            "--order": "write --order 2 for the Hessian",
            "--format": "write --format " + DeriveCommand.Format.allCases.map(\.rawValue).joined(separator: "|"),
        ]

        /// The next word, if there is one and it is a value rather than an option or `--`.
        private mutating func next() -> Word? {
            guard position < words.count, words[position].text != "--", !Self.isOption(words[position].text) else { return nil }
            position += 1
            return words[position - 1]
        }

        /// A binding or fact typed with spaces (`z = [1, 2]`): the words that continue it, joined.
        private mutating func continued(_ first: String) -> String {
            var value = first
            while position < words.count, !Self.isOption(words[position].text), words[position].text != "--" {
                let following = words[position].text
                let open = value.filter { "([{".contains($0) }.count > value.filter { ")]}".contains($0) }.count
                guard open || value.hasSuffix("=") || (!value.contains("=") && following.hasPrefix("=")) else { break }
                value += " " + following
                position += 1
            }
            return value
        }

        private mutating func setWrt(_ value: String, at word: Word) throws(Diagnostic) {
            guard request.wrt == nil else {
                throw Diagnostic("the variable is given twice (wrt \(request.wrt ?? ""), then \(value))", at: word.range,
                                 suggestion: "keep one wrt")
            }
            request.wrt = value
        }

        private mutating func setFormat(_ value: String, at word: Word) throws(Diagnostic) {
            let names = DeriveCommand.Format.allCases.map(\.rawValue)
            guard let format = DeriveCommand.Format(rawValue: value) else {
                let guess = Suggestions.closest(to: value, among: names)
                throw Diagnostic("unknown format '\(value)'", at: word.range.union(words[position - 1].range),
                                 note: "the formats are " + names.joined(separator: ", "), suggestion: guess.map { "did you mean \($0)?" })
            }
            guard !formatGiven else { throw Diagnostic("--format is given twice", at: word.range, suggestion: "keep one --format") }
            formatGiven = true
            request.format = format
        }

        /// A claimed option's words, handed back as given: with its value when it takes one.
        private mutating func pass(_ text: String, takesValue: Bool, inline: Bool) {
            passed.append(text)
            if takesValue, !inline, position < words.count {
                passed.append(words[position].text)
                position += 1
            }
        }
    }
}
