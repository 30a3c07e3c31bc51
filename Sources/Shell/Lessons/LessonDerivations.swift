import LessonKit
import VectorLang

/// The real derivation engine behind a lesson's `jacobi derive` blocks: the same parser and code as
/// `:derive`, with the numbers of the session the lesson runs in, in blocks to reveal a step at a time.
enum LessonDerivations {
    /// - Parameter width: the columns derivations are fitted to when they run (nil: lines are left whole).
    static func provider(precision: Int, ascii: Bool, width: @escaping () -> Int? = { nil }) -> DerivationProvider {
        { arguments, session in
            let parsed = try DeriveArguments(line: arguments).parse()
            var request = parsed.request
            if request.list { return DerivationBlocks(header: DeriveCommand.catalogListing(ascii: ascii)) }
            if ascii, request.format == .text { request.format = .ascii }
            // LaTeX, Markdown and JSON are one piece of text each, with no steps to reveal.
            guard request.format == .text || request.format == .ascii else {
                switch DeriveCommand.run(request, environment: session.environment, precision: precision) {
                case .failure(let problem): throw parsed.located(problem)
                case .success(let derived): return DerivationBlocks(header: derived.lines)
                }
            }
            switch DeriveCommand.pages(request, environment: session.environment, precision: precision, width: width()) {
            case .failure(let problem): throw parsed.located(problem)
            case .success(let derived): return derived.blocks
            }
        }
    }
}
