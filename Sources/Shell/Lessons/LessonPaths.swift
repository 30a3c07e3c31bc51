#if canImport(Glibc)
import Glibc
#endif

/// Where the learner's progress is saved and where the course's lesson files are.
///
/// The decisions are pure functions of the environment and of what exists, so they are tested with
/// made-up paths; `current` asks the real process.
enum LessonPaths {
    /// The progress file: `JACOBI_PROGRESS` if set (empty turns saving off), else
    /// `$XDG_STATE_HOME/jacobi/progress.json`, else `~/.local/state/jacobi/progress.json`; nil for none.
    ///
    /// As for the history, a relative `XDG_STATE_HOME` is ignored, as the XDG specification says.
    static func progress(environment: (String) -> String?) -> String? {
        if let explicit = environment("JACOBI_PROGRESS") { return explicit.isEmpty ? nil : explicit }
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") { return state + "/jacobi/progress.json" }
        guard let home = environment("HOME"), !home.isEmpty else { return nil }
        return home + "/.local/state/jacobi/progress.json"
    }

    /// The folders that may hold the course, in the order they are tried: `JACOBI_LESSONS` alone when
    /// set; else `Lessons` in the current directory, then, going up from the executable's folder,
    /// `Lessons` and `share/jacobi/Lessons` beside each folder on the way (so `.build/debug/jacobi`
    /// finds the package's `Lessons`, and `PREFIX/bin/jacobi` finds `PREFIX/share/jacobi/Lessons`).
    static func lessonCandidates(environment: (String) -> String?, currentDirectory: String?, executable: String?) -> [String] {
        if let explicit = environment("JACOBI_LESSONS"), !explicit.isEmpty { return [explicit] }
        var candidates: [String] = []
        if let currentDirectory { candidates.append(join(currentDirectory, "Lessons")) }
        if let executable, executable.hasPrefix("/") {
            var folder = parent(executable)
            while true {
                candidates += [join(folder, "Lessons"), join(folder, "share/jacobi/Lessons")]
                if folder == "/" { break }
                folder = parent(folder)
            }
        }
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }

    /// The first candidate that holds lessons, or nil with the list of where it looked.
    static func lessons(candidates: [String], holdsLessons: (String) -> Bool) -> Result<String, NotFound> {
        if let found = candidates.first(where: holdsLessons) { return .success(found) }
        return .failure(NotFound(candidates: candidates))
    }

    struct NotFound: Error, CustomStringConvertible {
        let candidates: [String]
        var description: String {
            let shown = candidates.prefix(4).joined(separator: ", ") + (candidates.count > 4 ? ", …" : "")
            return "cannot find the lessons folder (looked in \(shown)); set JACOBI_LESSONS to the folder that holds the lesson files"
        }
    }

    // MARK: - The real process

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// The lessons folder for this process.
    static func locateLessons() -> Result<String, NotFound> {
        let candidates = lessonCandidates(environment: environment, currentDirectory: currentDirectory(), executable: executable())
        // An explicit JACOBI_LESSONS is taken as it is; an empty or missing folder is reported when read.
        if environment("JACOBI_LESSONS").map({ !$0.isEmpty }) == true, let only = candidates.first { return .success(only) }
        return lessons(candidates: candidates, holdsLessons: holdsLessons)
    }

    /// Whether `folder` has at least one lesson file (`*.md` other than `README.md`).
    static func holdsLessons(_ folder: String) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".md"), name.lowercased() != "readme.md" { return true }
        }
        return false
    }

    static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The running executable's absolute path (Linux's `/proc/self/exe`), symbolic links resolved.
    static func executable() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
