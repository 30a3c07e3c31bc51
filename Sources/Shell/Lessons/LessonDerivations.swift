import LessonKit
import VectorLang

/// The real derivation engine behind a lesson's `jacobi derive` blocks: the same code as `:derive`,
/// with the numbers of the session the lesson runs in.
enum LessonDerivations {
    static func provider(precision: Int, ascii: Bool) -> DerivationProvider {
        { arguments, session in
            var request: DeriveCommand.Request
            switch DeriveCommand.Request.parse(arguments) {
            case .failure(let problem): throw Diagnostic(problem.message, at: SourceRange(0, 0))
            case .success(let parsed): request = parsed
            }
            if ascii, request.format == .text { request.format = .ascii }
            switch DeriveCommand.run(request, environment: session.environment, precision: precision) {
            case .failure(let diagnostic): throw diagnostic
            case .success(let lines): return lines
            }
        }
    }
}
