import VectorLang

/// How the user asked Jacobi to present itself, from the command line and the environment.
public struct ShellOptions: Sendable {
    public var precision: Int
    public var json: Bool
    public var color: Bool
    public var ascii: Bool
    public var stopOnError: Bool

    public init(precision: Int = 4, json: Bool = false, color: Bool = true, ascii: Bool = false, stopOnError: Bool = false) {
        self.precision = precision
        self.json = json
        self.color = color
        self.ascii = ascii
        self.stopOnError = stopOnError
    }

    var printOptions: PrintOptions {
        PrintOptions(precision: precision, ascii: ascii, width: Terminal.width)
    }
}
