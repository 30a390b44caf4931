/// Word lists the tokenizer consults, keyed by lower-cased ASCII bytes packed into 128 bits so a lookup
/// allocates nothing. Hand-written from general knowledge of English orthography and news style; the
/// hyphen prefixes and clitic spellings follow the UD English EWT tokenization conventions.
struct WordKey: Hashable, Sendable {
    var lo: UInt64
    var hi: UInt64

    /// Lower-cased key of bytes[from..<to]; nil when longer than 16 bytes or not ASCII.
    @inline(__always)
    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        let len = to - from
        guard len > 0, len <= 16 else { return nil }
        var lo: UInt64 = 0, hi: UInt64 = 0
        var k = 0
        while k < len {
            var b = bytes[from + k]
            if b >= 0x80 { return nil }
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if k < 8 { lo |= UInt64(b) << (8 * UInt64(k)) } else { hi |= UInt64(b) << (8 * UInt64(k - 8)) }
            k += 1
        }
        self.lo = lo
        self.hi = hi
    }

    init(_ word: String) {
        let bytes = Array(word.utf8)
        let key = bytes.withUnsafeBufferPointer { WordKey($0, 0, $0.count) }
        self = key!
    }
}

/// An open-addressing table from word keys to small values, with a cheap multiplicative hash: the
/// scanner looks words up often, and the standard library's seeded hashing costs more than the scan.
struct WordTable<Value: Sendable>: Sendable {
    private var keys: [WordKey?]
    private var values: [Value?]
    private let mask: Int

    init(_ pairs: [(WordKey, Value)]) {
        var size = 16
        while size < pairs.count * 4 { size *= 2 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        for (k, v) in pairs { self[k] = v }
    }

    @inline(__always) private func slot(_ key: WordKey) -> Int {
        let h = (key.lo &* 0x9E37_79B9_7F4A_7C15) ^ (key.hi &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 40) & mask
    }

    subscript(key: WordKey) -> Value? {
        get {
            var i = slot(key)
            while let k = keys[i] {
                if k == key { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            var i = slot(key)
            while let k = keys[i], k != key { i = (i + 1) & mask }
            keys[i] = key
            values[i] = newValue
        }
    }

    func contains(_ key: WordKey) -> Bool { self[key] != nil }
}

/// How an abbreviation followed by a period behaves.
enum AbbreviationKind: UInt8, Sendable {
    /// Titles, months, units, references: the period belongs to the word and never ends a sentence.
    case title
    /// Abbreviations that often close a sentence (Inc., Corp., etc., Jr.): the period belongs to the word;
    /// the sentence ends when a typical sentence opener follows.
    case terminal
    /// Abbreviations that are also ordinary words (No., Sat., Ill., Wash.): an abbreviation only when a
    /// number, a comma or a lower-case word follows.
    case ambiguous
}

enum TokenizerLexicon {
    static let abbreviations: WordTable<AbbreviationKind> = {
        var d: [WordKey: AbbreviationKind] = [:]
        let titles = """
            mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt cmdr cdr adm sgt cpl pvt gov sen sens rep reps \
            rev hon pres supt insp amb atty brig lieut gens cmdt fr st ste ft mt mts ave blvd rd hwy \
            jan feb apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri \
            ala ariz ark calif colo conn fla kan kans ky md mich minn mont neb nev okla ore penn tenn tex vt wis wyo \
            v vs cf viz ont que alta sask approx dept univ assn bros govt natl intl assoc est incl ext tel attn jct \
            vol vols pp nos figs arts secs chap para eds mins hrs yrs lbs oz lb mos wk wks \
            eg ie gov't e.g i.e
            """
        let terminal = "inc corp co ltd llc plc cos etc jr sr al esq"
        let ambiguous = "no art sat sun wed mar fig sec ill mass miss wash ind del mo pa la ca min max ed pt ch op p pop gen"
        for w in titles.split(whereSeparator: { $0 == " " || $0 == "\n" }) { d[WordKey(String(w))] = .title }
        for w in terminal.split(separator: " ") { d[WordKey(String(w))] = .terminal }
        for w in ambiguous.split(separator: " ") where d[WordKey(String(w))] == nil { d[WordKey(String(w))] = .ambiguous }
        return WordTable(d.map { ($0.key, $0.value) })
    }()

    /// Prefixes after which a hyphen stays inside the word, as UD English EWT writes "e-mail",
    /// "non-violence", "mid-1980s", "co-workers", "re-run" (other hyphenated compounds are split).
    static let hyphenPrefixes: WordTable<Bool> = WordTable("""
        e non mid pre post anti pro re co ex over multi semi neo cross psycho socio arch counter intra \
        micro macro ultra sub super un de bi tri quasi pseudo trans infra extra
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (WordKey(String($0)), true) })

    /// Capitalised words that typically open a sentence: after "U.S." or "Inc." one of these marks a boundary.
    static let sentenceOpeners: WordTable<Bool> = WordTable("""
        the a an this that these those it its he she they we i you his her their our my your there here \
        in on at but and or so if when while after before as however meanwhile what who why how where which \
        since although though still yet also some many most other such both each all not one two for from \
        with by to under during despite according last then now today yesterday earlier later instead even \
        mr mrs ms dr officials analysts critics
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (WordKey(String($0)), true) })

    /// Contractions written without an apostrophe, split where UD English EWT splits them
    /// ("cannot" → "can" "not", "gonna" → "gon" "na", "dont" → "do" "nt"); the value is the split offset.
    static let fusedContractions: WordTable<Int> = {
        let pairs: [(String, Int)] = [
            ("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3), ("outta", 3),
            ("dont", 2), ("didnt", 3), ("doesnt", 4), ("isnt", 2), ("wasnt", 3), ("arent", 3), ("werent", 4),
            ("couldnt", 5), ("wouldnt", 5), ("shouldnt", 6), ("havent", 4), ("hasnt", 3), ("hadnt", 3),
            ("cant", 2), ("wont", 2), ("aint", 2), ("im", 1), ("youre", 3), ("theyre", 4), ("thats", 4),
            ("whats", 4), ("theres", 5),
        ]
        return WordTable(pairs.map { (WordKey($0.0), $0.1) })
    }()
}
