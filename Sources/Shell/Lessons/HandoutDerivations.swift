import LessonKit
import VectorLang

/// A lesson's derivations for the handout: the steps as LaTeX (`--format latex`), which pandoc sets as
/// maths, and the check against automatic differentiation and finite differences in ASCII text, which
/// pdflatex sets in its typewriter font.
enum HandoutDerivations {
    static func provider(precision: Int) -> DerivationProvider {
        { arguments, session in
            let parsed = try DeriveArguments(line: arguments).parse()
            var request = parsed.request
            if request.list { return DerivationBlocks(header: ["\\begin{align*}\\text{(the catalog of derivations)}\\end{align*}"]) }
            request.format = .latex
            let latex: [String]
            switch DeriveCommand.run(request, environment: session.environment, precision: precision) {
            case .failure(let problem): throw parsed.located(problem)
            case .success(let derived): latex = derived.lines
            }
            request.format = .ascii
            switch DeriveCommand.pages(request, environment: session.environment, precision: precision) {
            case .failure(let problem): throw parsed.located(problem)
            case .success(let derived): return DerivationBlocks(header: latex, footer: derived.blocks.footer)
            }
        }
    }
}
