import XCTest
@testable import Shell

/// The figures `:bench` reports, computed from made-up samples, and how its budget and batches are chosen.
final class BenchStatisticsTests: XCTestCase {
    func testMedianOfAnOddCountIsTheMiddleSample() throws {
        let s = try XCTUnwrap(BenchStatistics(samples: [5, 1, 3]))
        XCTAssertEqual(s.median, 3)
        XCTAssertEqual(s.minimum, 1)
        XCTAssertEqual(s.maximum, 5)
        XCTAssertEqual(s.sampleCount, 3)
    }

    func testMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() throws {
        XCTAssertEqual(try XCTUnwrap(BenchStatistics(samples: [4, 1, 3, 2])).median, 2.5)
    }

    func testQuartilesInterpolateAsNumPysPercentileDoes() throws {
        // numpy.percentile([1, 2, 3, 4], [25, 75]) == [1.75, 3.25]
        let s = try XCTUnwrap(BenchStatistics(samples: [3, 1, 4, 2]))
        XCTAssertEqual(s.lowerQuartile, 1.75, accuracy: 1e-12)
        XCTAssertEqual(s.upperQuartile, 3.25, accuracy: 1e-12)
        XCTAssertEqual(s.interquartileRange, 1.5, accuracy: 1e-12)
        // numpy.percentile(range(1, 12), [25, 75]) == [3.5, 8.5]
        let eleven = try XCTUnwrap(BenchStatistics(samples: (1...11).reversed().map(Double.init)))
        XCTAssertEqual(eleven.lowerQuartile, 3.5, accuracy: 1e-12)
        XCTAssertEqual(eleven.upperQuartile, 8.5, accuracy: 1e-12)
        XCTAssertEqual(eleven.median, 6)
    }

    func testOneSlowOutlierMovesTheMaximumNotTheMedian() throws {
        let s = try XCTUnwrap(BenchStatistics(samples: [1.0, 1.1, 0.9, 1.0, 50]))
        XCTAssertEqual(s.median, 1.0)
        XCTAssertEqual(s.maximum, 50)
        XCTAssertEqual(s.upperQuartile, 1.1, accuracy: 1e-12)
    }

    func testOneSampleIsEveryFigureAndNoSamplesIsNone() throws {
        let s = try XCTUnwrap(BenchStatistics(samples: [0.25]))
        XCTAssertEqual([s.median, s.lowerQuartile, s.upperQuartile, s.minimum, s.maximum], [0.25, 0.25, 0.25, 0.25, 0.25])
        XCTAssertNil(BenchStatistics(samples: []))
    }

    func testBatchesLastAHundredthOfTheBudgetAndAtLeastOneRun() {
        XCTAssertEqual(Bench.runsPerSample(warmUp: .microseconds(10), budget: .seconds(1)), 1000)
        // A millisecond at least, however short the budget.
        XCTAssertEqual(Bench.runsPerSample(warmUp: .microseconds(10), budget: .milliseconds(10)), 100)
        XCTAssertEqual(Bench.runsPerSample(warmUp: .seconds(2), budget: .seconds(1)), 1)
        XCTAssertEqual(Bench.runsPerSample(warmUp: .zero, budget: .seconds(1)), 1_000_000)
    }

    func testBudgetsAreSecondsOrMilliseconds() {
        XCTAssertEqual(BenchBudget.parse("3s"), .seconds(3))
        XCTAssertEqual(BenchBudget.parse("2.5s"), .milliseconds(2500))
        XCTAssertEqual(BenchBudget.parse("500ms"), .milliseconds(500))
        XCTAssertEqual(BenchBudget.parse("2"), .seconds(2))
        for refused in ["0", "0.1ms", "601s", "-1s", "abc", "", "s", "nan", "1h"] {
            XCTAssertNil(BenchBudget.parse(refused), refused)
        }
    }

    func testTheBudgetFlagIsSplitOffTheExpression() throws {
        let spaced = try BenchCommand.splitBudget("--budget 3s softmax(z)").get()
        XCTAssertEqual(spaced.budget, .seconds(3))
        XCTAssertEqual(spaced.expressionStart, 12)
        let joined = try BenchCommand.splitBudget("--budget=200ms x").get()
        XCTAssertEqual(joined.budget, .milliseconds(200))
        XCTAssertEqual(joined.expressionStart, 15)
        let none = try BenchCommand.splitBudget("softmax(z)").get()
        XCTAssertEqual(none.budget, BenchBudget.standard)
        XCTAssertEqual(none.expressionStart, 0)
    }

    func testABadBudgetPointsAtItself() {
        guard case .failure(let bad) = BenchCommand.splitBudget("--budget 3h x") else { return XCTFail("3h was taken") }
        XCTAssertEqual([bad.start, bad.end], [9, 11])
        XCTAssertTrue(bad.message.contains("got '3h'"), bad.message)
        guard case .failure(let missing) = BenchCommand.splitBudget("--budget") else { return XCTFail("no time was taken") }
        XCTAssertEqual(missing.message, "--budget needs a time")
    }

    func testBytesAreShownInBinaryUnits() {
        XCTAssertEqual(BenchCommand.bytes(512), "512 B")
        XCTAssertEqual(BenchCommand.bytes(8_272), "8.08 KiB")
        XCTAssertEqual(BenchCommand.bytes(3 << 20), "3 MiB")
        XCTAssertEqual(BenchCommand.bytes(-2048), "-2 KiB")
    }
}
