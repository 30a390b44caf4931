/// Errors of the store. `description` is safe to log: it never carries article text or SQL arguments.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case cannotOpen, unsupportedLocation, migration, query }
        private let value: Value
        public static let cannotOpen = Code(value: .cannotOpen)
        public static let unsupportedLocation = Code(value: .unsupportedLocation)
        public static let migration = Code(value: .migration)
        public static let query = Code(value: .query)
        public var description: String { "\(value)" }
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
