/// A position in a Rego source file (1-based line and column).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name given with the module, or `query` for queries.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in characters.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
