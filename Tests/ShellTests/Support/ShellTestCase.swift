import XCTest
@testable import Shell

/// A test with a fresh temporary folder for files, and a colourless 80-column shell.
class ShellTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func shell() -> ShellSession {
        let shell = ShellSession(options: ShellOptions(color: false))
        shell.width = 80
        return shell
    }
}
