import Foundation
import ParleyModel

/// One CAMEO code's attributes: name, Goldstein score, GDELT QuadClass and the PLOVER mapping.
public struct CameoCode: Hashable, Sendable {
    public var code: String
    public var name: String
    public var goldstein: Double
    public var quad: Int
    public var plover: PloverCode?

    public var root: String { String(code.prefix(2)) }
}

/// The event lexicon: trigger patterns (verbs, nouns, control words) and the CAMEO code table.
///
/// Both are tab-separated text: `cameo.tsv` (built by scripts/build-cameo.py) and `verbs.tsv`
/// (`kind<TAB>pattern<TAB>code`). Users may add pattern files of the same form; a malformed line is
/// reported as `file:line: message` and skipped.
public struct EventLexicon: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case verb, noun, appeal, demand, intent, reject, threaten, deny, say, future, halt, resume

        /// Control words take a complement event and recode it.
        public var isControl: Bool { self != .verb && self != .noun }
    }

    public struct Entry: Hashable, Sendable {
        public var kind: Kind
        /// Lemmas, lower case; the first is the trigger. "*" matches any word.
        public var words: [String]
        public var code: String
        public var file: String
        public var line: Int
    }

    public struct Issue: Error, Hashable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public private(set) var codes: [String: CameoCode] = [:]
    /// Verb and control entries by first word, longest pattern first.
    public private(set) var verbs: [String: [Entry]] = [:]
    /// Noun entries by first word, longest pattern first.
    public private(set) var nouns: [String: [Entry]] = [:]
    public private(set) var issues: [Issue] = []

    public init() {}

    /// The bundled code table and lexicon, plus user pattern files.
    public static func load(userFiles: [URL] = []) throws -> EventLexicon {
        var lex = try bundled()
        for url in userFiles {
            let text = try String(contentsOf: url, encoding: .utf8)
            let issues = lex.add(tsv: text, file: url.path)
            lex.issues += issues
        }
        return lex
    }

    private static let cache: Result<EventLexicon, any Error> = {
        Result {
            guard let codesURL = Bundle.module.url(forResource: "cameo", withExtension: "tsv", subdirectory: "Resources"),
                  let verbsURL = Bundle.module.url(forResource: "verbs", withExtension: "tsv", subdirectory: "Resources")
            else { throw Issue(file: "Resources", line: 0, message: "cameo.tsv or verbs.tsv missing from the bundle") }
            var lex = EventLexicon()
            lex.issues += lex.addCodes(tsv: try String(contentsOf: codesURL, encoding: .utf8), file: "cameo.tsv")
            lex.issues += lex.add(tsv: try String(contentsOf: verbsURL, encoding: .utf8), file: "verbs.tsv")
            return lex
        }
    }()

    /// The bundled resources (loaded once per process).
    public static func bundled() throws -> EventLexicon { try cache.get() }

    /// Adds the CAMEO code table (`code, name, goldstein, quad, plover event, mode, context`).
    public mutating func addCodes(tsv text: String, file: String) -> [Issue] {
        var issues: [Issue] = []
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, Self.isCode(f[0]), let quad = Int(f[3]) else {
                issues.append(Issue(file: file, line: lineNo, message: "expected code, name, goldstein, quad[, plover event, mode, context]"))
                continue
            }
            let g = Double(f[2]) ?? 0
            var plover: PloverCode?
            if f.count >= 5, !f[4].isEmpty {
                plover = PloverCode(event: f[4], mode: f.count > 5 && !f[5].isEmpty ? f[5] : nil,
                                    context: f.count > 6 ? f[6].split(separator: ";").map(String.init) : [])
            }
            codes[f[0]] = CameoCode(code: f[0], name: f[1], goldstein: g, quad: quad, plover: plover)
        }
        return issues
    }

    static func isCode(_ s: String) -> Bool {
        (2...4).contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Adds pattern lines (`kind<TAB>pattern<TAB>code`). Returns the malformed lines; a repeated pattern keeps the first.
    public mutating func add(tsv text: String, file: String) -> [Issue] {
        var issues: [Issue] = []
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 3 else {
                issues.append(Issue(file: file, line: lineNo, message: "expected 3 tab-separated fields (kind, pattern, code), found \(f.count)"))
                continue
            }
            guard let kind = Kind(rawValue: f[0]) else {
                issues.append(Issue(file: file, line: lineNo, message: "unknown kind '\(f[0])' (one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            let words = f[1].lowercased().split(separator: " ").map(String.init)
            guard !words.isEmpty, words[0] != "*" else {
                issues.append(Issue(file: file, line: lineNo, message: "empty pattern or pattern starting with '*'"))
                continue
            }
            guard Self.isCode(f[2]) else {
                issues.append(Issue(file: file, line: lineNo, message: "'\(f[2])' is not a CAMEO code (2-4 digits)"))
                continue
            }
            if !codes.isEmpty, codes[f[2]] == nil {
                issues.append(Issue(file: file, line: lineNo, message: "unknown CAMEO code '\(f[2])'"))
                continue
            }
            let entry = Entry(kind: kind, words: words, code: f[2], file: file, line: lineNo)
            if kind == .noun {
                if nouns[words[0], default: []].contains(where: { $0.words == words }) { continue }
                nouns[words[0], default: []].append(entry)
                nouns[words[0]]!.sort { $0.words.count > $1.words.count }
            } else {
                if verbs[words[0], default: []].contains(where: { $0.words == words }) { continue }
                verbs[words[0], default: []].append(entry)
                verbs[words[0]]!.sort { $0.words.count > $1.words.count }
            }
        }
        return issues
    }

    /// The attributes of a code, falling back to its parents (0211 → 021 → 02).
    public func info(_ code: String) -> CameoCode? {
        var c = code
        while c.count >= 2 {
            if let i = codes[c] { return i.code == code ? i : CameoCode(code: code, name: i.name, goldstein: i.goldstein, quad: i.quad, plover: i.plover) }
            c.removeLast()
        }
        return nil
    }
}
