import XCTest
@testable import VectorLang

/// A builtin's written-out definition (which the derivation engine unfolds) computes what its kernel does.
final class DefinitionTests: XCTestCase {
    func testEveryDefinitionAgreesWithItsKernel() throws {
        let defined = Builtins.all.filter { $0.definition != nil }
        XCTAssertGreaterThanOrEqual(defined.count, 6)
        for builtin in defined {
            guard let definition = builtin.definition else { continue }
            let evaluator = Evaluator()
            let parameters = definition.parameters.joined(separator: ", ")
            let arguments = ["[-3, -0.5, 0.25, 2, 7]", "0.1"].prefix(definition.parameters.count).joined(separator: ", ")
            let line = "((\(parameters)) -> \(definition.body))(\(arguments)) - \(builtin.name)(\(arguments))"
            guard case .value(let difference) = try evaluator.execute(try Parser.parse(line)[0], in: line),
                  let numbers = difference.numbers else { return XCTFail(line) }
            XCTAssertLessThan(numbers.scalars.map(abs).max() ?? .infinity, 1e-12, "\(builtin.name): \(line)")
        }
    }

    /// Each builtin's partial derivatives (what the derivation engine's chain rule uses) agree with central
    /// differences of its kernel at random points away from kinks, for every argument.
    func testEveryPartialDerivativeAgreesWithFiniteDifferences() throws {
        let random = RandomSource(seed: 11)
        var checked = 0
        // len counts a vector's elements: not a function of one number, and its derivative is 0.
        for builtin in Builtins.all where builtin.name != "len" {
            for form in builtin.partials {
                for _ in 0..<20 {
                    // Points in [0.3, 2.5] with a random sign on the first argument: away from 0, the kinks, and log's domain edge.
                    var point = form.parameters.map { _ in 0.3 + 2.2 * random.uniform() }
                    if builtin.name != "log" && builtin.name != "sqrt" && random.uniform() < 0.5 { point[0] = -point[0] }
                    if builtin.name == "log", point.count == 2, abs(point[1] - 1) < 0.1 { point[1] += 0.5 }
                    let arguments = point.map { String($0) }.joined(separator: ", ")
                    for (n, derivative) in form.derivatives.enumerated() {
                        let evaluator = Evaluator()
                        let parameters = form.parameters.joined(separator: ", ")
                        let formula = "((\(parameters)) -> \(derivative))(\(arguments))"
                        guard case .value(let value) = try evaluator.execute(try Parser.parse(formula)[0], in: formula),
                              let exact = value.numbers?.scalars.first else { return XCTFail(formula) }
                        let h = 1e-6
                        func f(_ shift: Double) throws -> Double {
                            var moved = point
                            moved[n] += shift
                            let line = "\(builtin.name)(\(moved.map { String($0) }.joined(separator: ", ")))"
                            guard case .value(let v) = try evaluator.execute(try Parser.parse(line)[0], in: line),
                                  let x = v.numbers?.scalars.first else { throw Diagnostic(line, at: SourceRange(0, 0)) }
                            return x
                        }
                        let numeric = (try f(h) - f(-h)) / (2 * h)
                        XCTAssertEqual(exact, numeric, accuracy: 1e-6 * max(1, abs(numeric)), "\(builtin.name) ∂/∂\(form.parameters[n]) at \(point)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }
}
