import Foundation

/// Writes the JSON objects Parley builds (`[String: Any]` of strings, integers, doubles, booleans, NSNull, arrays and
/// nested objects) byte for byte as Foundation does with sorted keys and unescaped slashes, without its cost:
/// `JSONSerialization` sorts keys with a locale-aware comparison (ICU collation) and boxes every value (about 200 µs
/// a line, most of the time of a large `events --format jsonl`), and `JSONEncoder` is not much cheaper.
///
/// Key order is Foundation's: `JSONSerialization` compares keys case-insensitively (`.foundationCaseInsensitive`; only
/// keys of ASCII letters that differ other than by case are written here), `JSONEncoder` compares them as strings
/// (`.bytes`; ASCII keys). An object with any other key, or a value of another type, makes `line` return nil and the
/// caller falls back to Foundation for that line. Numbers print as Foundation prints them: integers in decimal,
/// doubles by their shortest description without a trailing ".0"; nil values must be left out or given as NSNull.
public enum JSONLineWriter {
    public enum KeyOrder: Sendable {
        /// `JSONSerialization` with `.sortedKeys`.
        case foundationCaseInsensitive
        /// `JSONEncoder` with `.sortedKeys`.
        case bytes
    }

    public static func line(_ object: [String: Any], keys order: KeyOrder = .foundationCaseInsensitive) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        guard write(object, order, into: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: Any, _ order: KeyOrder, into out: inout [UInt8]) -> Bool {
        // Exact type checks first: a failed dynamic cast from `Any` costs far more than comparing metatypes (and a cast
        // of a Swift collection to a class such as NSNull bridges it to an NS collection first).
        let t = type(of: value)
        if t == String.self {
            writeString(value as! String, into: &out)
        } else if t == Int.self {
            out.append(contentsOf: String(value as! Int).utf8)
        } else if t == Double.self {
            let d = value as! Double
            guard d.isFinite else { return false }
            var s = d.description
            if s.hasSuffix(".0") { s.removeLast(2) }
            out.append(contentsOf: s.utf8)
        } else if t == Bool.self {
            out.append(contentsOf: (value as! Bool) ? Array("true".utf8) : Array("false".utf8))
        } else if t == NSNull.self {
            out.append(contentsOf: "null".utf8)
        } else if t == [String: Any].self {
            return writeObject(value as! [String: Any], order, into: &out)
        } else if t == [String].self {
            out.append(UInt8(ascii: "["))
            for (k, v) in (value as! [String]).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(v, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        } else if let a = value as? [Any] {
            out.append(UInt8(ascii: "["))
            for (k, v) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                guard write(v, order, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        } else if let o = value as? [String: Any] {
            return writeObject(o, order, into: &out)
        } else {
            return false
        }
        return true
    }

    static func writeObject(_ o: [String: Any], _ order: KeyOrder, into out: inout [UInt8]) -> Bool {
        let keys: [String]
        switch order {
        case .foundationCaseInsensitive:
            guard o.keys.allSatisfy(isPlainKey) else { return false }
            keys = o.keys.sorted(by: keyPrecedes)
            // Keys equal but for case: Foundation's tie-break is left to Foundation.
            for k in keys.indices.dropFirst() where !keyPrecedes(keys[k - 1], keys[k]) { return false }
        case .bytes:
            guard o.keys.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) else { return false }
            keys = o.keys.sorted()   // for ASCII keys String order is byte order
        }
        out.append(UInt8(ascii: "{"))
        for (k, key) in keys.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            guard write(o[key]!, order, into: &out) else { return false }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// A non-empty key of ASCII letters.
    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
    }

    /// Foundation's key order for plain keys: case-insensitive (keys equal but for case compare equal here).
    static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        var i = a.utf8.makeIterator(), j = b.utf8.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?):
                if x | 0x20 != y | 0x20 { return x | 0x20 < y | 0x20 }
            }
        }
    }

    static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(b)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
