/// Tiny combinators that apply rules to terms, and the trace hook that turns each firing into a step.
///
/// The steps come from the same code that computes the result, so they cannot disagree with it.
struct Strategy {
    /// Hard stop for a rule set that would cycle; a derivation that hits it says so.
    static let maximumSteps = 200

    let context: RuleContext
    /// Called once per rule firing, with the whole term after it.
    var trace: (Step) -> Void

    /// The first rule (in order) that fits at some position (outermost first, left to right), applied there.
    func rewriteOnce(_ term: Term, rules: [Rule]) -> Term? {
        for rule in rules {
            if let (result, step) = apply(rule, within: term) {
                trace(step)
                return result
            }
        }
        return nil
    }

    /// Applies rules until none fits (or the step limit is reached); returns the final term and whether it settled.
    func fixpoint(_ term: Term, rules: [Rule], budget: inout Int) -> Term {
        var current = term
        while budget > 0, let next = rewriteOnce(current, rules: rules) {
            current = next
            budget -= 1
        }
        return current
    }

    /// Finds the first position where `rule` fits and rebuilds the root around the rewrite.
    private func apply(_ rule: Rule, within root: Term) -> (Term, Step)? {
        guard let (result, matched, rewrite) = firstMatch(rule, in: root) else { return nil }
        var part: Step.Part?
        if matched != root || matched.containsPartial {
            if case .partial(let body, let v) = matched {
                part = Step.Part(of: body, wrt: v, result: rewrite.result)
            } else {
                part = Step.Part(of: matched, wrt: nil, result: rewrite.result)
            }
        }
        let step = Step(rule: rule.name, statement: rule.statement, explanation: rewrite.explanation, expression: result, part: part)
        return (result, step)
    }

    /// Pre-order search: the node itself, then its children left to right.
    private func firstMatch(_ rule: Rule, in term: Term) -> (Term, Term, Rewrite)? {
        if let rewrite = rule.rewrite(term, context) { return (rewrite.result, term, rewrite) }
        let kids = term.children
        for (n, child) in kids.enumerated() {
            if let (newChild, matched, rewrite) = firstMatch(rule, in: child) {
                var newKids = kids
                newKids[n] = newChild
                return (term.with(children: newKids), matched, rewrite)
            }
        }
        return nil
    }
}
