/// Converts UTF-8 byte offsets of a text into Unicode scalar (code point) offsets, as the annotate schema uses.
public struct ScalarOffsets: Sendable {
    /// For each byte offset 0...count, the number of scalars before it (continuation bytes map to their scalar's start).
    private let table: [Int32]

    public init(_ text: String) {
        var t = [Int32]()
        let n = text.utf8.count
        t.reserveCapacity(n + 1)
        var scalars: Int32 = 0
        for b in text.utf8 {
            if b & 0xC0 != 0x80 {
                t.append(scalars)
                scalars += 1
            } else {
                t.append(scalars - 1)
            }
        }
        t.append(scalars)
        table = t
    }

    public func scalar(_ byteOffset: Int) -> Int {
        Int(table[max(0, min(byteOffset, table.count - 1))])
    }

    /// [start, end) in scalars. An end inside a scalar rounds up to the next scalar.
    public func span(_ s: Span) -> [Int] {
        let start = scalar(s.start)
        var end = scalar(s.end)
        if s.end < table.count - 1, s.end > 0, table[s.end] == table[s.end - 1] { end += 1 }
        return [start, max(start, end)]
    }
}
