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
        // An irregular past form: the tagger may call it any verb tag ("struck" VBP, "shot" VB), and a form the
        // treebank never showed ("fled") would meet the regular rules ("fl").
        if x.hasPrefix("VB"), let l = Self.irregular[lowered], x == "VBD" || x == "VBN" || !Self.irregularAlsoPresent.contains(lowered) {
            return l
        }
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

    /// Past tenses and participles of English irregular verbs (hand-written from the standard list).
    static let irregular: [String: String] = [
        "arisen": "arise", "arose": "arise", "ate": "eat", "awoke": "awake", "awoken": "awake", "beaten": "beat",
        "became": "become", "been": "be", "began": "begin", "begun": "begin", "bent": "bend", "bit": "bite",
        "bitten": "bite", "bled": "bleed", "blew": "blow", "blown": "blow", "bore": "bear", "born": "bear",
        "borne": "bear", "bought": "buy", "bound": "bind", "bred": "breed", "broke": "break", "broken": "break",
        "brought": "bring", "built": "build", "burnt": "burn", "came": "come", "caught": "catch", "chose": "choose",
        "chosen": "choose", "clung": "cling", "crept": "creep", "dealt": "deal", "did": "do", "done": "do",
        "drank": "drink", "drawn": "draw", "dreamt": "dream", "drew": "draw", "driven": "drive", "drove": "drive",
        "drunk": "drink", "dug": "dig", "eaten": "eat", "fallen": "fall", "fed": "feed", "fell": "fall",
        "felt": "feel", "fled": "flee", "flew": "fly", "flown": "fly", "forbade": "forbid", "forbidden": "forbid",
        "foresaw": "foresee", "foreseen": "foresee", "foretold": "foretell", "forgave": "forgive",
        "forgiven": "forgive", "forgot": "forget", "forgotten": "forget", "fought": "fight", "found": "find",
        "froze": "freeze", "frozen": "freeze", "gave": "give", "given": "give", "gone": "go", "got": "get",
        "gotten": "get", "grew": "grow", "ground": "grind", "grown": "grow", "had": "have", "heard": "hear",
        "held": "hold", "hid": "hide", "hidden": "hide", "hung": "hang", "kept": "keep", "knelt": "kneel",
        "knew": "know", "known": "know", "laid": "lay", "lain": "lie", "lay": "lie", "leant": "lean",
        "leapt": "leap", "learnt": "learn", "led": "lead", "left": "leave", "lent": "lend", "lit": "light",
        "lost": "lose", "made": "make", "meant": "mean", "met": "meet", "misled": "mislead", "mistaken": "mistake",
        "mistook": "mistake", "overcame": "overcome", "overran": "overrun", "oversaw": "oversee",
        "overseen": "oversee", "overtaken": "overtake", "overthrew": "overthrow", "overthrown": "overthrow",
        "overtook": "overtake", "paid": "pay", "proved": "prove", "proven": "prove", "ran": "run", "rang": "ring",
        "ridden": "ride", "risen": "rise", "rode": "ride", "rose": "rise", "rung": "ring", "said": "say",
        "sang": "sing", "sank": "sink", "sat": "sit", "saw": "see", "seen": "see", "sent": "send", "shaken": "shake",
        "shone": "shine", "shook": "shake", "shot": "shoot", "showed": "show", "shown": "show", "shrank": "shrink",
        "shrunk": "shrink", "slain": "slay", "slept": "sleep", "slew": "slay", "slid": "slide", "sold": "sell",
        "sought": "seek", "spat": "spit", "sped": "speed", "spent": "spend", "spoke": "speak", "spoken": "speak",
        "sprang": "spring", "sprung": "spring", "spun": "spin", "stole": "steal", "stolen": "steal",
        "stood": "stand", "stricken": "strike", "stridden": "stride", "striven": "strive", "strode": "stride",
        "strove": "strive", "struck": "strike", "strung": "string", "stuck": "stick", "stung": "sting",
        "sung": "sing", "sunk": "sink", "swam": "swim", "swept": "sweep", "swore": "swear", "sworn": "swear",
        "swum": "swim", "swung": "swing", "taken": "take", "taught": "teach", "thought": "think", "threw": "throw",
        "thrown": "throw", "told": "tell", "took": "take", "tore": "tear", "torn": "tear", "trod": "tread",
        "trodden": "tread", "undergone": "undergo", "understood": "understand", "undertaken": "undertake",
        "undertook": "undertake", "underwent": "undergo", "upheld": "uphold", "was": "be", "went": "go",
        "wept": "weep", "were": "be", "withdrawn": "withdraw", "withdrew": "withdraw", "withheld": "withhold",
        "withstood": "withstand", "woke": "wake", "woken": "wake", "won": "win", "wore": "wear", "worn": "wear",
        "wound": "wind", "wove": "weave", "woven": "weave", "written": "write", "wrote": "write",
    ]
    /// Irregular past forms that are also another word's form — a verb's base or present ("lay", "found", "wound"),
    /// or a form the tagger's VB/VBP often marks as not past ("lit", "burnt"): read as past only when tagged VBD or VBN.
    static let irregularAlsoPresent: Set<String> = ["bore", "burnt", "dreamt", "fell", "found", "ground", "lay", "leant", "learnt", "lit", "proved", "saw", "wound"]

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
