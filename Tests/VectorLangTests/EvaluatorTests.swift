import XCTest
@testable import VectorLang

final class EvaluatorTests: XCTestCase {
    private var evaluator = Evaluator()

    override func setUp() {
        evaluator = Evaluator()
    }

    /// Runs every statement of `line` and returns the last value.
    @discardableResult
    private func run(_ line: String) throws -> Value {
        var last: Value = .scalar(.nan)
        for statement in try Parser.parse(line) {
            switch try evaluator.execute(statement, in: line) {
            case .value(let v), .assigned(_, let v): last = v
            case .defined(_, let c): last = .function(.closure(c))
            case .definedLazily(_, let current): last = current ?? .scalar(.nan)
            }
        }
        return last
    }

    private func tensor(_ line: String) throws -> Tensor {
        guard case .tensor(let t) = try run(line) else {
            XCTFail("\(line) is not numbers")
            return Tensor(.nan)
        }
        return t
    }

    private func error(_ line: String) -> Diagnostic? {
        do {
            try run(line)
            return nil
        } catch let d as Diagnostic {
            return d
        } catch {
            XCTFail("non-diagnostic error \(error)")
            return nil
        }
    }

    func testArithmeticAndBroadcasting() throws {
        XCTAssertEqual(try tensor("1 + 2 * 3"), Tensor(7))
        XCTAssertEqual(try tensor("-2^2"), Tensor(-4))
        XCTAssertEqual(try tensor("[1, 2, 3] * 2"), Tensor(vector: [2, 4, 6]))
        XCTAssertEqual(try tensor("10 - [1, 2]"), Tensor(vector: [9, 8]))
        XCTAssertEqual(try tensor("[[1, 2], [3, 4]] + [10, 20]"), Tensor(rows: 2, columns: 2, scalars: [11, 12, 23, 24]), "a vector is a column")
        XCTAssertEqual(try tensor("[[1, 2], [3, 4]] + [10, 20]'"), Tensor(rows: 2, columns: 2, scalars: [11, 22, 13, 24]), "a row")
        XCTAssertEqual(try tensor("[1, 2] / [4, 8]"), Tensor(vector: [0.25, 0.25]))
        XCTAssertEqual(try tensor("[-2, 3] ^ 2"), Tensor(vector: [4, 9]))
        XCTAssertEqual(try tensor("2 ^ -1"), Tensor(0.5))
    }

    func testMatrixProductAndTranspose() throws {
        XCTAssertEqual(try tensor("[[1, 2], [3, 4]] @ [1, 1]"), Tensor(vector: [3, 7]))
        XCTAssertEqual(try tensor("[1, 1]' @ [[1, 2], [3, 4]]"), Tensor(rows: 1, columns: 2, scalars: [4, 6]))
        XCTAssertEqual(try tensor("[1, 2, 3]' @ [4, 5, 6]"), Tensor(32))
        XCTAssertEqual(try tensor("[[1, 2], [3, 4]] @ [[0, 1], [1, 0]]"), Tensor(rows: 2, columns: 2, scalars: [2, 1, 4, 3]))
        XCTAssertEqual(try tensor("[[1, 2, 3], [4, 5, 6]]'"), Tensor(rows: 3, columns: 2, scalars: [1, 4, 2, 5, 3, 6]))
        XCTAssertEqual(try tensor("[1, 2]'"), Tensor(rows: 1, columns: 2, scalars: [1, 2]))
        XCTAssertEqual(try tensor("transpose([[1, 2]])"), Tensor(rows: 2, columns: 1, scalars: [1, 2]))
        XCTAssertEqual(try tensor("transpose([1, 2]')"), Tensor(vector: [1, 2]), "a vector's transpose transposes back to the vector")
        XCTAssertEqual(try tensor("[1, 2]'' @ [[1, 2]]"), Tensor(rows: 2, columns: 2, scalars: [1, 2, 2, 4]))
    }

    func testIndexingIsOneBased() throws {
        try run("z = [10, 20, 30, 40]; J = [[1, 2, 3], [4, 5, 6]]")
        XCTAssertEqual(try tensor("z[1]"), Tensor(10))
        XCTAssertEqual(try tensor("z[end]"), Tensor(40))
        XCTAssertEqual(try tensor("z[2:3]"), Tensor(vector: [20, 30]))
        XCTAssertEqual(try tensor("z[3:]"), Tensor(vector: [30, 40]))
        XCTAssertEqual(try tensor("z[:2]"), Tensor(vector: [10, 20]))
        XCTAssertEqual(try tensor("z[[1, 4]]"), Tensor(vector: [10, 40]))
        XCTAssertEqual(try tensor("J[2, 3]"), Tensor(6))
        XCTAssertEqual(try tensor("J[2, :]"), Tensor(vector: [4, 5, 6]))
        XCTAssertEqual(try tensor("J[:, 2]"), Tensor(vector: [2, 5]))
        XCTAssertEqual(try tensor("J[1]"), Tensor(vector: [1, 2, 3]))
        XCTAssertEqual(try tensor("J[:, 2:3]"), Tensor(rows: 2, columns: 2, scalars: [2, 3, 5, 6]))
        XCTAssertEqual(try tensor("J[end, end]"), Tensor(6))
    }

    func testIndexErrorsNameTheValidRange() {
        _ = try? run("z = [1, 2, 3]")
        let d = error("z[4]")
        XCTAssertEqual(d?.message, "element index 4 is out of range")
        XCTAssertEqual(d?.note, "valid element indices are 1…3")
        XCTAssertEqual(d?.range, SourceRange(2, 3))
        XCTAssertEqual(error("z[0]")?.suggestion, "indices start at 1, as in z_1")
        XCTAssertNotNil(error("z[-1]")?.suggestion)
        XCTAssertEqual(error("z[1.5]")?.message, "an index must be a whole number, got 1.5")
        XCTAssertEqual(error("z[3:2]")?.message, "empty range 3:2")
        XCTAssertEqual(error("z[1, 1]")?.message, "too many indices: a vector of 3 takes at most 1")
        XCTAssertEqual(error("z[1e300]")?.message, "element index 1e+300 is out of range")
        XCTAssertEqual(error("[[1, 2]][1, 5]")?.message, "column index 5 is out of range")
        XCTAssertEqual(error("(2)[1]")?.message, "cannot index a scalar")
    }

    func testVariablesAnsAndFunctions() throws {
        try run("z = [2, 1, 0.1]")
        try run("z[1] + 1")
        XCTAssertEqual(try tensor("ans"), Tensor(3))
        try run("y = [0, 1, 0]; f(z) = sum(y * z); g = x -> x^2")
        XCTAssertEqual(try tensor("f(z)"), Tensor(1))
        XCTAssertEqual(try tensor("g(3)"), Tensor(9))
        XCTAssertEqual(try tensor("(x -> 2 * x)(4)"), Tensor(8))
        XCTAssertEqual(try tensor("((a, b) -> a - b)(5, 2)"), Tensor(3))
        // Session variables are looked up when the function runs, as Julia looks up globals.
        try run("y = [1, 0, 0]")
        XCTAssertEqual(try tensor("f(z)"), Tensor(2))
        // A lambda captures the parameters around it.
        try run("adder(a) = x -> x + a; add2 = adder(2)")
        XCTAssertEqual(try tensor("add2(5)"), Tensor(7))
        // Functions are values: passed and returned.
        try run("twice(h, x) = h(h(x))")
        XCTAssertEqual(try tensor("twice(g, 3)"), Tensor(81))
        XCTAssertEqual(try tensor("twice(exp, 0)"), Tensor(_exp(1)))
    }

    func testMatricesFromRows() throws {
        XCTAssertEqual(try tensor("[[1, 2], [3, 4]]"), Tensor(rows: 2, columns: 2, scalars: [1, 2, 3, 4]))
        XCTAssertEqual(try tensor("[[1, 2]]"), Tensor(rows: 1, columns: 2, scalars: [1, 2]))
        XCTAssertEqual(try tensor("[]"), Tensor(shape: [0], scalars: []))
        XCTAssertEqual(error("[[1, 2], [3]]")?.message, "row 2 has 1 elements, but row 1 has 2")
        XCTAssertEqual(error("[1, [2]]")?.message, "array elements must all be numbers or all be rows")
        XCTAssertEqual(error("[[[1]]]")?.message, "rows of a matrix must be vectors")
        XCTAssertEqual(error("[1, exp]")?.message, "cannot mix numbers and a function in one array")
    }

    func testErrorsNameTheProblemAndPlace() {
        let unknown = error("softmx([1, 2])")
        XCTAssertEqual(unknown?.message, "unknown name 'softmx'")
        XCTAssertEqual(unknown?.range, SourceRange(0, 6))
        XCTAssertEqual(unknown?.suggestion, "did you mean softmax?")
        let arity = error("exp(1, 2)")
        XCTAssertEqual(arity?.message, "exp takes 1 argument, but 2 were given")
        XCTAssertEqual(arity?.note, "usage: exp(x)")
        let shapes = error("[1, 2] + [1, 2, 3]")
        XCTAssertEqual(shapes?.message, "shape mismatch in +: vector of 2 and vector of 3")
        XCTAssertEqual(shapes?.range, SourceRange(0, 18))
        let call = error("z = [1, 2]; z(1)")
        XCTAssertEqual(call?.message, "cannot call a vector of 2; it is not a function")
        XCTAssertEqual(call?.suggestion, "to index, use brackets: z[…]; to multiply, use *")
        XCTAssertEqual(error("[[1, 2]] @ [[1, 2]]")?.message, "shape mismatch in @: 1×2 matrix and 1×2 matrix")
        XCTAssertEqual(error("[[1, 2]] @ [[1, 2]]")?.note, "both are rows (1×2 and 1×2), and a row times a row is undefined")
        XCTAssertEqual(error("exp = 2")?.message, "'exp' is a builtin and cannot be redefined")
        XCTAssertEqual(error("pi = 3")?.message, "'pi' is a builtin and cannot be redefined")
        XCTAssertEqual(error("f(x) = f(x); f(1)")?.message, "too many nested calls (more than 64)")
        XCTAssertEqual(error("(x -> x)(1, 2)")?.message, "this function takes 1 argument, but 2 were given")
    }

    func testAnErrorLeavesTheSessionIntact() throws {
        try run("z = [1, 2, 3]")
        XCTAssertNotNil(error("z = nope + 1"))
        XCTAssertEqual(try tensor("z"), Tensor(vector: [1, 2, 3]))
    }

    func testInterruptStopsEvaluation() {
        Interrupt.raise()
        defer { Interrupt.clear() }
        XCTAssertEqual(error("1 + 1")?.message, "interrupted")
    }
}
