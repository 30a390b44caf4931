/// A problem with one input: which file, which line or item, and why. Never holds article text.
public struct IngestError: Error, Hashable, Sendable, CustomStringConvertible, Codable {
    public var file: String
    public var line: Int?
    public var item: Int?
    public var reason: String

    public init(file: String, line: Int? = nil, item: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.item = item
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let item { place += " item \(item)" }
        return "\(place): \(reason)"
    }
}
