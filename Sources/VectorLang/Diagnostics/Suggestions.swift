/// "Did you mean …?" by edit distance, as compilers and shells suggest.
public enum Suggestions {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    ///
    /// The nearest candidate by Damerau–Levenshtein distance, up to a third of the name's length (at
    /// least 1, at most 3) and only when the two are similar enough (`similarityCutoff`); failing that,
    /// a candidate that completes the name (`softm` → `softmax`) or that the name starts with.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        // Edit distance costs the product of the lengths: a name longer than any builtin's is no typo of one.
        guard name.count <= 64 else { return nil }
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        let limit = min(3, max(1, lowered.count / 3))
        for candidate in candidates {
            let other = candidate.lowercased()
            let d = distance(lowered, other)
            if d <= limit, similarity(lowered, other) >= similarityCutoff, best.map({ d < $0.distance || (d == $0.distance && candidate < $0.name) }) ?? true {
                best = (candidate, d)
            }
        }
        if let best { return best.name }
        guard lowered.count >= 3 else { return nil }
        // softm → softmax; softmax-jacobian → softmax (a candidate that starts the name, the longest).
        if let completion = candidates.filter({ $0.lowercased().hasPrefix(lowered) }).min(by: { $0.count < $1.count }) {
            return completion
        }
        return candidates.filter { $0.count >= 3 && lowered.hasPrefix($0.lowercased()) }.max { $0.count < $1.count }
    }

    /// How alike a typo and a candidate must be: `similarity` at least this.
    ///
    /// 0.6 is Python's `difflib.get_close_matches` cutoff. It keeps one slip in a name (`softmx` → `softmax`
    /// 0.92, `exo` → `exp` 0.67, `zz` → `z` 0.67) and refuses one letter for another (`z` → `π` is 0), which
    /// was a guess, not a typo; a case slip (`Z` → `z`) is compared in lower case, so it is 1.
    static let similarityCutoff = 0.6

    /// difflib's ratio 2·M / (|a| + |b|), with M the length of the longest common subsequence.
    static func similarity(_ a: String, _ b: String) -> Double {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [0]
            current.reserveCapacity(b.count + 1)
            for (j, y) in b.enumerated() {
                current.append(x == y ? previous[j] + 1 : max(previous[j + 1], current[j]))
            }
            previous = current
        }
        return 2 * Double(previous[b.count]) / Double(a.count + b.count)
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
