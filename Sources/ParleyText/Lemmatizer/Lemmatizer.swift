import Foundation
import ParleyModel

/// Lemmatizer learned from a treebank: an exceptions table of (form, XPOS) → lemma for every pair seen in
/// training, then suffix-rewrite rules per XPOS (strip k bytes, append a string), longest matching suffix first.
/// Proper nouns keep their case; other words are lemmatized lowercase.
public struct Lemmatizer: TextStage {
    public let name = "lemmatizer"
    public let requires: Set<Annotation> = [.pos]
    public let assigns: Set<Annotation> = [.lemmas]

    /// "form\tXPOS" (form as written) → lemma, and "lowercased form\tXPOS" → lemma.
    let exact: [String: String]
    let lower: [String: String]
    /// "XPOS\tsuffix" → (strip, append).
    let rules: [String: (strip: Int, append: String)]
    static let maxSuffix = 5

    init(exact: [String: String], lower: [String: String], rules: [String: (strip: Int, append: String)]) {
        self.exact = exact
        self.lower = lower
        self.rules = rules
    }

    public func process(_ document: inout Document) throws {
        for i in document.tokens.indices {
            let t = document.tokens[i]
            document.tokens[i].lemma = lemma(t.form, upos: t.pos, xpos: t.xpos)
        }
    }

    /// The lemma of one word given its tags.
    public func lemma(_ form: String, upos: UPOS?, xpos: String?) -> String {
        let x = xpos ?? upos.map { "\($0)" } ?? "_"
        if let l = exact[form + "\t" + x] { return l }
        let lowered = form.lowercased()
        if let l = lower[lowered + "\t" + x] { return l }
        let keepCase = upos == .PROPN || x == "NNP" || x == "NNPS"
        let base = keepCase ? form : lowered
        let bytes = Array(base.utf8)
        var k = min(Self.maxSuffix, bytes.count - 1)
        while k >= 1 {
            let suffix = String(decoding: bytes[(bytes.count - k)...], as: UTF8.self).lowercased()
            if let r = rules[x + "\t" + suffix], r.strip < bytes.count {
                return String(decoding: bytes[..<(bytes.count - r.strip)], as: UTF8.self) + r.append
            }
            k -= 1
        }
        return base
    }

    // MARK: Training

    /// Learns the tables from gold (form, XPOS, lemma) triples.
    public static func train(_ sentences: [CoNLLUSentence], minRuleCount: Int = 2) -> Lemmatizer {
        var exactCounts: [String: [String: Int]] = [:], lowerCounts: [String: [String: Int]] = [:]
        var ruleCounts: [String: [String: Int]] = [:]
        for s in sentences {
            for i in 0..<s.count {
                let form = s.forms[i], x = s.xpos[i], lemma = s.lemmas[i]
                guard lemma != "_" else { continue }
                exactCounts[form + "\t" + x, default: [:]][lemma, default: 0] += 1
                let lowered = form.lowercased()
                lowerCounts[lowered + "\t" + x, default: [:]][lemma, default: 0] += 1
                let keepCase = s.upos[i] == "PROPN" || x == "NNP" || x == "NNPS"
                let base = Array((keepCase ? form : lowered).utf8)
                let target = Array(lemma.utf8)
                var common = 0
                while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
                let strip = base.count - common
                let append = String(decoding: target[common...], as: UTF8.self)
                let rule = "\(strip)\t\(append)"
                let maxK = min(maxSuffix, base.count - 1)
                if maxK >= 1 {
                    for k in 1...maxK where k >= strip {
                        let suffix = String(decoding: base[(base.count - k)...], as: UTF8.self).lowercased()
                        ruleCounts[x + "\t" + suffix, default: [:]][rule, default: 0] += 1
                    }
                }
            }
        }
        func majority(_ c: [String: Int]) -> (String, Int, Int) {
            let total = c.values.reduce(0, +)
            let best = c.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!
            return (best.key, best.value, total)
        }
        var exact: [String: String] = [:], lower: [String: String] = [:]
        for (k, c) in exactCounts { exact[k] = majority(c).0 }
        for (k, c) in lowerCounts {
            let m = majority(c).0
            // Only keep the lowercased entry where it is needed (a different spelling, not just case).
            lower[k] = m
        }
        var rules: [String: (strip: Int, append: String)] = [:]
        for (k, c) in ruleCounts {
            let (rule, count, total) = majority(c)
            guard count >= minRuleCount, Double(count) >= 0.6 * Double(total) else { continue }
            let parts = rule.split(separator: "\t", omittingEmptySubsequences: false)
            rules[k] = (Int(parts[0])!, String(parts[1]))
        }
        return Lemmatizer(exact: exact, lower: lower, rules: rules)
    }

    /// Lemma accuracy on gold-tagged sentences (gold tags) or with the tags given.
    public func accuracy(_ sentences: [CoNLLUSentence], tags: [[(UPOS, String)]]? = nil) -> Double {
        var ok = 0, n = 0
        for (si, s) in sentences.enumerated() {
            for i in 0..<s.count {
                let (u, x) = tags?[si][i] ?? (UPOS(string: s.upos[i]) ?? .X, s.xpos[i])
                if lemma(s.forms[i], upos: u, xpos: x) == s.lemmas[i] { ok += 1 }
                n += 1
            }
        }
        return Double(ok) / Double(max(n, 1))
    }

    // MARK: Loading

    static let magic = "PRLYLEM1"

    public func write(to url: URL) throws {
        var w = BinaryWriter()
        w.magic(Self.magic)
        let e = exact.sorted { $0.key < $1.key }
        w.strings(e.map(\.key)); w.strings(e.map(\.value))
        // Lowercased entries that the exact table does not already answer the same way.
        let lo = lower.filter { exact[$0.key] != $0.value }.sorted { $0.key < $1.key }
        w.strings(lo.map(\.key)); w.strings(lo.map(\.value))
        let r = rules.sorted { $0.key < $1.key }
        w.strings(r.map(\.key)); w.array(r.map { UInt16($0.value.strip) }); w.strings(r.map(\.value.append))
        try w.data.write(to: url)
    }

    public init(data: Data) throws {
        var r = BinaryReader(data)
        try r.magic(Self.magic)
        let ek = try r.strings(), ev = try r.strings()
        let lk = try r.strings(), lv = try r.strings()
        let rk = try r.strings()
        let rs: [UInt16] = try r.array()
        let ra = try r.strings()
        guard ek.count == ev.count, lk.count == lv.count, rk.count == rs.count, rk.count == ra.count else {
            throw BinaryReader.Corrupt(message: "lemmatizer tables")
        }
        let exact = Dictionary(uniqueKeysWithValues: zip(ek, ev))
        var lower = Dictionary(uniqueKeysWithValues: zip(lk, lv))
        // Entries dropped at write time were those equal to the exact entry of the same key.
        for (k, v) in exact where lower[k] == nil && k == k.lowercased() { lower[k] = v }
        var rules: [String: (strip: Int, append: String)] = [:]
        for i in rk.indices { rules[rk[i]] = (Int(rs[i]), ra[i]) }
        self.init(exact: exact, lower: lower, rules: rules)
    }

    private static let cached: Result<Lemmatizer, any Error> = Result { try Lemmatizer(data: BundledResource.data("lemmatizer")) }

    /// The committed tables, loaded once.
    public static func bundled() throws -> Lemmatizer { try cached.get() }
}
