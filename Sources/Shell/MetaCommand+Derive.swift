import VectorLang

extension MetaCommand {
    /// `:derive NAME|EXPR [wrt z_j] [--at NAME=VALUE] [--format F] [--order 2] [--step]`, with the session's numbers.
    ///
    /// The argument is read by `DeriveArguments`, as `jacobi derive` reads its words. A derivation that
    /// stops or fails its check is shown and then reported as an error, so scripts count it.
    static var derive: MetaCommand { MetaCommand(
        "derive", usage: ":derive NAME|EXPR [wrt z_j] [--at z=[…]] [--format text|ascii|latex|markdown|json] [--order 2] [--step]",
        "Derives a catalog entry or an expression step by step, with your numbers beside each step.",
        detail: [
            "NAME is a catalog entry (:derive --list, or Tab, lists them): softmax, cross-entropy-softmax, sigmoid, …",
            "EXPR is index notation (:derive exp(z_i)/sum_k(exp(z_k)) wrt z_j) or as typed here (:derive cross_entropy(softmax(W @ x), y) wrt W).",
            "wrt W takes a whole vector or matrix: the gradient has its shape. :derive f derives a function you defined.",
            "--order 2 derives the result again: :derive x' @ A @ x wrt x --order 2 gives A + A'.",
            "Bound variables (z = [2, 1, 0.1]) supply the numbers; otherwise a small example is used, and said so.",
            "--at z=[1,2,3] binds numbers for this derivation only; --assume FACT (repeatable) states a fact.",
            "--step reveals one step per key (Enter, Space, j or →); q shows the rest at once, Ctrl-C stops.",
            "Quotes keep spaces in one word (--at 'z = [1, 2]'); -- ends the options; an EXPR may start with -.",
        ],
        group: .derivations, argument: .names { $0.derivationNames() }
    ) { shell, invocation in
        let parsed: DeriveArguments.Parsed
        do throws(Diagnostic) {
            parsed = try DeriveArguments(line: invocation.argument).parse()
        } catch {
            return [located(error, in: invocation)]
        }
        var request = parsed.request
        if parsed.help { return [.help(HelpText.describe(.derive, width: shell.width))] }
        if request.list {
            return [.help(DeriveCommand.catalogListing(ascii: shell.options.ascii || request.format == .ascii).joined(separator: "\n"))]
        }
        if shell.options.ascii, request.format == .text { request.format = .ascii }
        let environment = shell.session.environment, precision = shell.session.options.precision
        let shown: [ShellSession.Output]
        let verdict: DeriveCommand.Verdict
        if request.step {
            switch DeriveCommand.pages(request, environment: environment, precision: precision, width: shell.textWidth) {
            case .failure(let problem): return [located(parsed.located(problem), in: invocation)]
            case .success(let derived): (shown, verdict) = ([.pages(derived.styled)], derived.verdict)
            }
        } else {
            switch DeriveCommand.run(request, environment: environment, precision: precision, width: shell.textWidth) {
            case .failure(let problem): return [located(parsed.located(problem), in: invocation)]
            case .success(let derived):
                let text = request.format == .text || request.format == .ascii
                shown = [text ? .styled(derived.styled) : .result(derived.lines.joined(separator: "\n"))]
                verdict = derived.verdict
            }
        }
        guard let failure = verdict.failure else { return shown }
        return shown + [located(Diagnostic(failure, at: parsed.subjectRange), in: invocation)]
    } }

    /// A diagnostic about the argument, moved to where the argument starts in what was typed.
    private static func located(_ d: Diagnostic, in invocation: Invocation) -> ShellSession.Output {
        var moved = d
        moved.range = d.range.shifted(by: invocation.argumentRange.start)
        return .error(moved, source: invocation.source)
    }
}
