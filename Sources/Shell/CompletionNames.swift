import Derivation

/// The names shell completion offers after `jacobi lesson`, `jacobi present` and `jacobi derive`.
///
/// The completion scripts swift-argument-parser writes call jacobi back (`jacobi ---completion …`)
/// for these, so they are the course and the catalog as this jacobi finds them, not a list frozen
/// into the script when it was generated.
public enum CompletionNames {
    /// The course's lesson names that start with `prefix`; none when the course cannot be found.
    public static func lessons(startingWith prefix: String) -> [String] {
        LessonController().names.filter { $0.hasPrefix(prefix) }
    }

    /// The derivation catalog's names that start with `prefix`.
    public static func catalog(startingWith prefix: String) -> [String] {
        Catalog.names.filter { $0.hasPrefix(prefix) }
    }
}
