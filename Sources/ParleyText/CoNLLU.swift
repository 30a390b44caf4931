import Foundation

/// One sentence of a CoNLL-U file: the basic (integer-id) token lines only. Multiword-token range lines
/// (`3-4`) and empty nodes (`5.1`) are skipped. Heads are 0-based indices into the sentence, -1 for the root.
public struct CoNLLUSentence: Sendable, Hashable {
    public var id: String = ""
    public var text: String = ""
    public var forms: [String] = []
    public var lemmas: [String] = []
    public var upos: [String] = []
    public var xpos: [String] = []
    public var heads: [Int] = []
    public var deprels: [String] = []

    public init() {}
    public var count: Int { forms.count }
}

/// A minimal CoNLL-U reader.
public enum CoNLLU {
    public struct FormatError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "CoNLL-U line \(line): \(message)" }
    }

    public static func read(contentsOf url: URL) throws -> [CoNLLUSentence] {
        try parse(String(decoding: Data(contentsOf: url), as: UTF8.self))
    }

    public static func parse(_ text: String) throws -> [CoNLLUSentence] {
        var sentences: [CoNLLUSentence] = []
        var current = CoNLLUSentence()
        var lineNo = 0
        func flush() {
            if !current.forms.isEmpty { sentences.append(current) }
            current = CoNLLUSentence()
        }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("# sent_id = ") { current.id = String(line.dropFirst(12)) }
                else if line.hasPrefix("# text = ") { current.text = String(line.dropFirst(9)) }
                continue
            }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 8 else { throw FormatError(line: lineNo, message: "expected 10 columns, got \(cols.count)") }
            if cols[0].contains("-") || cols[0].contains(".") { continue }
            guard let head = Int(cols[6]) else { throw FormatError(line: lineNo, message: "bad head '\(cols[6])'") }
            current.forms.append(String(cols[1]))
            current.lemmas.append(String(cols[2]))
            current.upos.append(String(cols[3]))
            current.xpos.append(String(cols[4]))
            current.heads.append(head - 1)
            current.deprels.append(String(cols[7]))
        }
        flush()
        return sentences
    }
}
