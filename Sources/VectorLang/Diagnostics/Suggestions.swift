/// "Did you mean …?" by edit distance, as compilers and shells suggest.
public enum Suggestions {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    ///
    /// A prefix match wins first (`softm` → `softmax`); otherwise Damerau–Levenshtein distance up to
    /// a third of the name's length (at least 1, at most 3).
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        // Edit distance costs the product of the lengths: a name longer than any builtin's is no typo of one.
        guard name.count <= 64 else { return nil }
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        let limit = min(3, max(1, lowered.count / 3))
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d <= limit, best.map({ d < $0.distance || (d == $0.distance && candidate < $0.name) }) ?? true {
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
