import XCTest
@testable import Shell

/// Where history lives and what goes into it.
final class HistoryTests: XCTestCase {
    private func path(_ environment: [String: String]) -> String? {
        HistoryPolicy.path { environment[$0] }
    }

    func testPath() {
        XCTAssertEqual(path(["HOME": "/home/a"]), "/home/a/.local/state/jacobi/history")
        XCTAssertEqual(path(["HOME": "/home/a", "XDG_STATE_HOME": "/state"]), "/state/jacobi/history")
        // A relative XDG_STATE_HOME is invalid by the specification and ignored.
        XCTAssertEqual(path(["HOME": "/home/a", "XDG_STATE_HOME": "state"]), "/home/a/.local/state/jacobi/history")
        XCTAssertEqual(path(["HOME": "/home/a", "XDG_STATE_HOME": "/state", "JACOBI_HISTORY": "/tmp/h"]), "/tmp/h")
        XCTAssertNil(path(["HOME": "/home/a", "JACOBI_HISTORY": ""]), "an empty JACOBI_HISTORY turns history off")
        XCTAssertNil(path([:]))
    }

    func testEntries() {
        XCTAssertEqual(HistoryPolicy.entry(for: "z = [2, 1, 0.1]"), "z = [2, 1, 0.1]")
        XCTAssertEqual(HistoryPolicy.entry(for: "  :help  "), ":help")
        XCTAssertNil(HistoryPolicy.entry(for: ""))
        XCTAssertNil(HistoryPolicy.entry(for: "   \t"))
        XCTAssertEqual(HistoryPolicy.entry(for: "M = [[1, 2],\n     [3, 4]]"), "M = [[1, 2], [3, 4]]")
        // A comment on an inner line would swallow the rest once joined, so it is dropped.
        XCTAssertEqual(HistoryPolicy.entry(for: "v = [1,  # first\n 2]  # last"), "v = [1, 2]  # last")
    }

    func testNoConsecutiveDuplicates() {
        XCTAssertFalse(HistoryPolicy.shouldAdd("a", after: "a"))
        XCTAssertTrue(HistoryPolicy.shouldAdd("a", after: "b"))
        XCTAssertTrue(HistoryPolicy.shouldAdd("a", after: nil))
    }
}
