/// A half-open range `[start, end)` of UTF-8 byte offsets into a document's original text.
///
/// Spans are never copied substrings: every stage points back into the text it read.
public struct Span: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var isEmpty: Bool { end <= start }

    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }
    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }

    /// Bytes shared with `other`.
    public func overlap(with other: Span) -> Int { max(0, min(end, other.end) - max(start, other.start)) }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    public var description: String { "[\(start),\(end))" }
}

extension String {
    /// The text covered by a UTF-8 byte span (lossy at broken boundaries).
    public func slice(_ span: Span) -> String {
        let bytes = utf8
        let lo = bytes.index(bytes.startIndex, offsetBy: max(0, min(span.start, bytes.count)))
        let hi = bytes.index(bytes.startIndex, offsetBy: max(0, min(span.end, bytes.count)))
        return String(decoding: self.utf8[lo..<hi], as: UTF8.self)
    }
}
