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
}
