import Foundation

/// A program the rendering tests run (pdflatex, pandoc), which CI installs in `.ci/run`.
///
/// A missing program fails the test that needs it, with the package to install: a test that skipped
/// instead would pass in CI without having checked anything.
struct ExternalTool {
    let path: String

    /// The program on PATH (or where TeX Live puts it), or an error that says which package provides it.
    init(_ name: String, package: String) throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/Library/TeX/texbin"]
        let candidates = folders.map { URL(fileURLWithPath: $0).appendingPathComponent(name).path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(message: "\(name) is not installed: install \(package) (apt-get install --no-install-recommends \(package)), as .ci/run does")
        }
        self.path = found
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Runs the program in `directory` with no input; its standard output and error go to a file there
    /// (a pipe could fill and block it) and are returned with the exit status.
    func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let log = directory.appendingPathComponent("\(URL(fileURLWithPath: path).lastPathComponent)-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw Failure(message: "cannot write \(log.path)") }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        // TeX writes its log in the input's bytes, not always UTF-8: decoded with repairs rather than dropped.
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, output)
    }

    /// A new empty directory for one test's files; the caller removes it.
    static func temporaryDirectory(_ purpose: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
