import VectorLang

/// How the user asked Jacobi to present itself, from the command line and the environment.
public struct ShellOptions: Sendable {
    public var precision: Int
    public var json: Bool
    public var color: Bool
    public var ascii: Bool
    public var stopOnError: Bool
    /// How many bytes of numbers the session may hold.
    public var memory: MemoryBudget

    public init(precision: Int = 4, json: Bool = false, color: Bool = true, ascii: Bool = false, stopOnError: Bool = false,
                memory: MemoryBudget = .machineDefault) {
        self.precision = precision
        self.json = json
        self.color = color
        self.ascii = ascii
        self.stopOnError = stopOnError
        self.memory = memory
    }

    /// The budget from `--memory` (`flag`), else `JACOBI_MEMORY`, else half the machine's memory; a
    /// size that does not read is an error naming where it came from.
    public static func memoryBudget(flag: String?, environment: [String: String]) throws(MemorySizeError) -> MemoryBudget {
        var text = flag, origin = "--memory"
        if text == nil, let value = environment["JACOBI_MEMORY"], !value.isEmpty {
            (text, origin) = (value, "JACOBI_MEMORY")
        }
        guard let text else { return .machineDefault }
        guard let bytes = MemoryBudget.parse(text) else { throw MemorySizeError(origin: origin, text: text) }
        return MemoryBudget(bytes: bytes, origin: "\(MemoryBudget.describe(bytes: bytes)), from \(origin)")
    }

    /// A memory size that does not read, such as `--memory lots`.
    public struct MemorySizeError: Error, CustomStringConvertible {
        public let origin: String
        public let text: String
        public var description: String {
            "\(origin) must be a size such as 2G, 500M or 1.5GB, not '\(TerminalText.shown(text))'"
        }
    }

    var printOptions: PrintOptions {
        PrintOptions(precision: precision, ascii: ascii, width: Terminal.width)
    }
}
