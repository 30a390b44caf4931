import Foundation
import ParleyModel

/// Per-token hashed atoms that the tagger's and the parser's features are built from.
struct TokenAtoms {
    var lower: UInt64 = 0      // lowercased form
    var exact: UInt64 = 0      // form as written
    var suf1: UInt64 = 0, suf2: UInt64 = 0, suf3: UInt64 = 0, suf4: UInt64 = 0, suf5: UInt64 = 0
    var pre1: UInt64 = 0, pre2: UInt64 = 0, pre3: UInt64 = 0, pre4: UInt64 = 0
    var shape: UInt64 = 0
    var amb: UInt64 = 0        // lexicon ambiguity class (or an unknown-word marker)
    var fixedTag: Int = -1     // tag for frequent unambiguous words
    var caps: UInt64 = 0       // 0 lowercase start, 1 capitalised, 2 all capitals, 3 other

    static let padding: TokenAtoms = {
        var a = TokenAtoms()
        a.lower = 0xDEAD_0001; a.exact = 0xDEAD_0002; a.suf1 = 0xDEAD_0003; a.suf2 = 0xDEAD_0004
        a.suf3 = 0xDEAD_0005; a.suf4 = 0xDEAD_0006; a.pre1 = 0xDEAD_0007; a.pre2 = 0xDEAD_0008
        a.pre3 = 0xDEAD_0009; a.shape = 0xDEAD_000A; a.amb = 0xDEAD_000B; a.caps = 9
        a.suf5 = 0xDEAD_000C; a.pre4 = 0xDEAD_000D
        return a
    }()

    /// Hashes of a form's bytes (no allocation for native strings).
    init(_ form: Substring.UTF8View) {
        if let a = form.withContiguousStorageIfAvailable({ TokenAtoms(bytes: $0) }) { self = a; return }
        self = Array(form).withUnsafeBufferPointer { TokenAtoms(bytes: $0) }
    }

    /// Hashes of a form's bytes, read from contiguous memory (a generic walk over the view costs more than the
    /// hashing).
    init(bytes form: UnsafeBufferPointer<UInt8>) {
        let n = form.count
        lower = FeatureHash.bytes(form, lowercase: true)
        exact = FeatureHash.bytes(form, lowercase: false)
        suf1 = FeatureHash.mix(1, FeatureHash.bytes(form.suffix(1), lowercase: true))
        suf2 = n >= 2 ? FeatureHash.mix(2, FeatureHash.bytes(form.suffix(2), lowercase: true)) : 0xDEAD_1002
        suf3 = n >= 3 ? FeatureHash.mix(3, FeatureHash.bytes(form.suffix(3), lowercase: true)) : 0xDEAD_1003
        suf4 = n >= 4 ? FeatureHash.mix(4, FeatureHash.bytes(form.suffix(4), lowercase: true)) : 0xDEAD_1004
        pre1 = FeatureHash.mix(5, FeatureHash.bytes(form.prefix(1), lowercase: false))
        pre2 = n >= 2 ? FeatureHash.mix(6, FeatureHash.bytes(form.prefix(2), lowercase: true)) : 0xDEAD_1006
        pre3 = n >= 3 ? FeatureHash.mix(7, FeatureHash.bytes(form.prefix(3), lowercase: true)) : 0xDEAD_1007
        suf5 = n >= 5 ? FeatureHash.mix(8, FeatureHash.bytes(form.suffix(5), lowercase: true)) : 0xDEAD_1008
        pre4 = n >= 4 ? FeatureHash.mix(9, FeatureHash.bytes(form.prefix(4), lowercase: true)) : 0xDEAD_1009
        // Word shape: X x d or the byte itself, runs longer than two collapsed; the length bucket mixed in.
        var h: UInt64 = 0x5151
        var last: UInt8 = 0, run = 0
        var upper = 0, lowerCount = 0
        for b in form {
            let c: UInt8
            if b >= 65 && b <= 90 { c = 88 } else if b >= 97 && b <= 122 { c = 120 } else if b >= 48 && b <= 57 { c = 100 }
            else if b >= 0x80 { c = 117 } else { c = b }
            if c == last { run += 1 } else { run = 1; last = c }
            if run <= 2 { h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }
            if c == 88 { upper += 1 } else if c == 120 { lowerCount += 1 }
        }
        let first = form.first ?? 0
        if first >= 97 && first <= 122 { caps = 0 } else if first >= 65 && first <= 90 { caps = (lowerCount == 0 && upper > 1) ? 2 : 1 } else { caps = 3 }
        shape = FeatureHash.mix(h, UInt64(min(n, 6)))
    }

    init() {}
}

/// Word → tag statistics learned from training data: an ambiguity class for every seen word and a fixed tag
/// for frequent, unambiguous ones.
struct TagLexicon: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [UInt64] // low 32 bits: ambiguity class; bits 32..47: fixed tag + 1 (0 = none)
    private let mask: Int

    init(entries: [(UInt64, UInt64)]) {
        var cap = 16
        while cap < entries.count * 2 { cap <<= 1 }
        var k = [UInt64](repeating: 0, count: cap), v = [UInt64](repeating: 0, count: cap)
        let m = cap - 1
        for (key, value) in entries {
            let kk = key == 0 ? 1 : key
            var i = Int(truncatingIfNeeded: kk) & m
            while k[i] != 0 && k[i] != kk { i = (i + 1) & m }
            k[i] = kk; v[i] = value
        }
        keys = k; values = v; mask = m
    }

    @inline(__always) func lookup(_ key: UInt64) -> UInt64? {
        let kk = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: kk) & mask
        while true {
            let s = keys[i]
            if s == kk { return values[i] }
            if s == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    func write(to w: inout BinaryWriter) {
        var ek: [UInt64] = [], ev: [UInt64] = []
        for (i, k) in keys.enumerated() where k != 0 { ek.append(k); ev.append(values[i]) }
        w.array(ek); w.array(ev)
    }

    static func read(from r: inout BinaryReader) throws -> TagLexicon {
        let k: [UInt64] = try r.array(), v: [UInt64] = try r.array()
        guard k.count == v.count else { throw BinaryReader.Corrupt(message: "lexicon") }
        return TagLexicon(entries: Array(zip(k, v)))
    }

    /// Fills `amb` and `fixedTag` of an atom set: exact form first, then lowercased.
    @inline(__always) func annotate(_ a: inout TokenAtoms) {
        if let v = lookup(FeatureHash.mix(0xE1, a.exact)) ?? lookup(FeatureHash.mix(0xE2, a.lower)) {
            a.amb = v & 0xFFFF_FFFF
            let fixed = Int((v >> 32) & 0xFFFF)
            a.fixedTag = fixed - 1
        } else {
            a.amb = FeatureHash.mix(0xA11, a.shape)
            a.fixedTag = -1
        }
    }
}

/// Averaged-perceptron part-of-speech tagger predicting UPOS and the Penn Treebank tag jointly
/// (one class per UPOS/XPOS pair seen in training), greedy left to right.
public struct PerceptronTagger: TextStage {
    public let name = "tagger"
    public let requires: Set<Annotation> = [.tokens, .sentences]
    public let assigns: Set<Annotation> = [.pos]

    /// The first pass: left to right, with the previous two tags as context.
    let model: SparseLinearModel
    /// The second pass (optional): left to right again, also seeing the first pass's tags of the next two words.
    let second: SparseLinearModel?
    let lexicon: TagLexicon
    /// Class names "UPOS XPOS".
    let classNames: [String]
    let classUPOS: [UPOS]
    let classXPOS: [String]

    static let featureCount = 46
    static let secondFeatureCount = featureCount + 7

    /// The second pass re-tags a word only when the first pass's margin (best score minus the runner-up, in
    /// quantised weight units) is below this; confident first-pass tags are kept. Chosen on EWT dev
    /// (`Int32.max`: always run the second pass).
    static let defaultSecondPassMargin: Int32 = 16000
    var secondPassMargin: Int32

    init(model: SparseLinearModel, second: SparseLinearModel? = nil, lexicon: TagLexicon, classNames: [String],
         secondPassMargin: Int32 = PerceptronTagger.defaultSecondPassMargin) {
        self.model = model
        self.second = second
        self.secondPassMargin = secondPassMargin
        self.lexicon = lexicon
        self.classNames = classNames
        classUPOS = classNames.map { UPOS(string: String($0.split(separator: " ")[0])) ?? .X }
        classXPOS = classNames.map { String($0.split(separator: " ").last ?? "_") }
    }

    /// The first pass alone (to compare it with both passes).
    var firstPassOnly: PerceptronTagger { PerceptronTagger(model: model, lexicon: lexicon, classNames: classNames) }

    // MARK: Stage

    public func process(_ document: inout Document) throws {
        var forms: [Substring] = []
        let scratch = Scratch()
        for sentence in document.sentences {
            forms.removeAll(keepingCapacity: true)
            for i in sentence.tokens { forms.append(document.tokens[i].form[...]) }
            let tags = tag(forms, scratch: scratch)
            for (k, i) in sentence.tokens.enumerated() {
                document.tokens[i].pos = classUPOS[tags[k]]
                document.tokens[i].xpos = classXPOS[tags[k]]
            }
        }
    }

    /// UPOS and XPOS of each form of one sentence.
    public func tags(_ forms: [String]) -> [(upos: UPOS, xpos: String)] {
        tag(forms.map { $0[...] }).map { (classUPOS[$0], classXPOS[$0]) }
    }

    /// Reusable buffers of `tag`.
    final class Scratch {
        var atoms: [TokenAtoms] = []
        var vectors: [Int32] = []
        var features: [UInt64] = []
        var targets: [UnsafeMutablePointer<Int32>] = []
        var probe: [UInt32] = []
        var margins: [Int32] = []
        var scores: [Int32] = []

        func reserve(tokens n: Int, classes C: Int) {
            if atoms.count < n { atoms = [TokenAtoms](repeating: TokenAtoms(), count: max(n, 64)) }
            if vectors.count < n * C { vectors = [Int32](repeating: 0, count: max(n, 64) * C) }
            let f = max(n, 64) * PerceptronTagger.secondFeatureCount
            if features.count < f {
                features = [UInt64](repeating: 0, count: f)
                targets = [UnsafeMutablePointer<Int32>](repeating: UnsafeMutablePointer(bitPattern: 16)!, count: f)
                probe = [UInt32](repeating: 0, count: 2 * f)
            }
            if margins.count < n { margins = [Int32](repeating: 0, count: max(n, 64)) }
            if scores.count != C { scores = [Int32](repeating: 0, count: C) }
        }
    }

    /// Class ids of each form of one sentence.
    func tag(_ forms: [Substring]) -> [Int] {
        tag(forms, scratch: Scratch())
    }

    /// Class ids of each form of one sentence. The templates that do not read the tags being predicted
    /// (`extractStatic`) are looked up for all words of a pass in one batch, so that their cache misses overlap,
    /// into one score vector per word; the word-by-word loop then adds the lookups of the tag templates
    /// (`extractDynamic`). The scores are the sums of the same weights as in `tagReference`.
    func tag(_ forms: [Substring], scratch: Scratch) -> [Int] {
        let n = forms.count
        let C = model.nClasses
        scratch.reserve(tokens: n, classes: C)
        var tags = [Int](repeating: 0, count: n)
        let threshold = secondPassMargin
        scratch.atoms.withUnsafeMutableBufferPointer { atomBuffer in
        scratch.vectors.withUnsafeMutableBufferPointer { vectors in
        scratch.features.withUnsafeMutableBufferPointer { f in
        scratch.targets.withUnsafeMutableBufferPointer { targets in
        scratch.probe.withUnsafeMutableBufferPointer { probe in
        scratch.margins.withUnsafeMutableBufferPointer { margins in
        scratch.scores.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                atomBuffer[i] = TokenAtoms(forms[i].utf8)
                lexicon.annotate(&atomBuffer[i])
            }
            let atoms = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(atomBuffer)[0..<n])
            let V = vectors.baseAddress!
            @inline(__always) func best() -> Int {
                var b = 0
                for c in 1..<C where s[c] > s[b] { b = c }
                return b
            }
            // The static lookups of one pass, for the words `needs` selects, into their vectors.
            @inline(__always) func batch(_ m: SparseLinearModel, second: Bool, _ needs: (Int) -> Bool) {
                var k = 0
                for i in 0..<n where needs(i) {
                    let dst = V + i * C
                    dst.update(repeating: 0, count: C)
                    var m = Self.extractStatic(atoms, i, into: UnsafeMutableBufferPointer(rebasing: f[k...]))
                    if second {
                        let r1 = i + 1 < n ? tags[i + 1] : -3, r2 = i + 2 < n ? tags[i + 2] : -4
                        m += Self.extractSecondStatic(atoms, i, r1, r2, into: UnsafeMutableBufferPointer(rebasing: f[(k + m)...]))
                    }
                    for t in k..<k + m { targets[t] = dst }
                    k += m
                }
                m.accumulate(UnsafePointer(f.baseAddress!), into: UnsafePointer(targets.baseAddress!), count: k,
                             scratch: probe.baseAddress!)
            }
            // The dynamic lookups of word i on top of its vector; returns the best class.
            @inline(__always) func finish(_ m: SparseLinearModel, _ i: Int, _ k: Int) -> Int {
                s.baseAddress!.update(from: V + i * C, count: C)
                for t in 0..<k { targets[t] = s.baseAddress! }
                m.accumulate(UnsafePointer(f.baseAddress!), into: UnsafePointer(targets.baseAddress!), count: k,
                             scratch: probe.baseAddress!)
                return best()
            }
            batch(model, second: false) { atoms[$0].fixedTag < 0 }
            for i in 0..<n {
                if atoms[i].fixedTag >= 0 { tags[i] = atoms[i].fixedTag; continue }
                let p1 = i > 0 ? tags[i - 1] : -1, p2 = i > 1 ? tags[i - 2] : -2
                let b = finish(model, i, Self.extractDynamic(atoms, i, p1, p2, into: f))
                tags[i] = b
                if second != nil {
                    var runnerUp = Int32.min
                    for c in 0..<C where c != b && s[c] > runnerUp { runnerUp = s[c] }
                    margins[i] = s[b] &- runnerUp
                }
            }
            guard let second else { return }
            // Words the second pass re-tags: not fixed, first-pass margin below the threshold. Their right
            // context is the first pass's tags, all known now.
            batch(second, second: true) { atoms[$0].fixedTag < 0 && margins[$0] < threshold }
            var prev1 = -1, prev2 = -2
            for i in 0..<n {
                var t = atoms[i].fixedTag
                if t < 0 && margins[i] >= threshold { t = tags[i] }
                if t < 0 {
                    let r1 = i + 1 < n ? tags[i + 1] : -3
                    var k = Self.extractDynamic(atoms, i, prev1, prev2, into: f)
                    f[k] = FeatureHash.feature(105, UInt64(bitPattern: Int64(prev1)), UInt64(bitPattern: Int64(r1)))
                    k += 1
                    t = finish(second, i, k)
                }
                // tags[i] is no longer needed as right context (only i+1, i+2 are read ahead).
                tags[i] = t
                prev2 = prev1; prev1 = t
            }
        }}}}}}}
        return tags
    }

    /// The templates of `extract` that do not read the previous tags (36 of 46), in any order.
    @inline(__always)
    static func extractStatic(_ atoms: UnsafeBufferPointer<TokenAtoms>, _ i: Int, into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        let n = atoms.count
        let pad = TokenAtoms.padding
        let a0 = atoms[i]
        let am1 = i > 0 ? atoms[i - 1] : pad
        let am2 = i > 1 ? atoms[i - 2] : pad
        let ap1 = i + 1 < n ? atoms[i + 1] : pad
        let ap2 = i + 2 < n ? atoms[i + 2] : pad
        typealias H = FeatureHash
        f[0] = H.feature(1, 0)
        f[1] = H.feature(2, a0.lower)
        f[2] = H.feature(3, a0.exact)
        f[3] = H.feature(4, a0.suf1)
        f[4] = H.feature(5, a0.suf2)
        f[5] = H.feature(6, a0.suf3)
        f[6] = H.feature(7, a0.suf4)
        f[7] = H.feature(8, a0.pre1)
        f[8] = H.feature(9, a0.pre2)
        f[9] = H.feature(10, a0.pre3)
        f[10] = H.feature(11, a0.shape)
        f[11] = H.feature(16, am1.lower)
        f[12] = H.feature(17, am1.suf3)
        f[13] = H.feature(18, am2.lower)
        f[14] = H.feature(19, ap1.lower)
        f[15] = H.feature(20, ap1.suf3)
        f[16] = H.feature(21, ap2.lower)
        f[17] = H.feature(22, a0.amb)
        f[18] = H.feature(23, ap1.amb)
        f[19] = H.feature(24, ap2.amb)
        f[20] = H.feature(26, a0.lower, ap1.lower)
        f[21] = H.feature(27, am1.lower, a0.lower)
        f[22] = H.feature(28, ap1.shape, a0.shape)
        f[23] = H.feature(30, i == 0 ? 1 : 0, a0.shape)
        f[24] = H.feature(31, am1.shape)
        f[25] = H.feature(32, am1.shape, a0.shape)
        f[26] = H.feature(33, ap1.shape)
        f[27] = H.feature(35, a0.amb, a0.caps, i == 0 ? 1 : 0)
        f[28] = H.feature(36, a0.caps, am1.caps, ap1.caps)
        f[29] = H.feature(37, am1.amb)
        f[30] = H.feature(39, a0.lower, ap1.amb)
        f[31] = H.feature(41, a0.suf5)
        f[32] = H.feature(42, a0.pre4)
        f[33] = H.feature(43, am1.lower, ap1.lower)
        f[34] = H.feature(44, ap1.lower, ap2.lower)
        f[35] = H.feature(45, ap2.suf3)
        return 36
    }

    /// The templates of `extract` that read the previous tags `p1`, `p2` (10 of 46).
    @inline(__always)
    static func extractDynamic(_ atoms: UnsafeBufferPointer<TokenAtoms>, _ i: Int, _ p1: Int, _ p2: Int,
                               into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        let n = atoms.count
        let pad = TokenAtoms.padding
        let a0 = atoms[i]
        let am1 = i > 0 ? atoms[i - 1] : pad
        let ap1 = i + 1 < n ? atoms[i + 1] : pad
        let t1 = UInt64(bitPattern: Int64(p1)), t2 = UInt64(bitPattern: Int64(p2))
        typealias H = FeatureHash
        f[0] = H.feature(12, t1)
        f[1] = H.feature(13, t2)
        f[2] = H.feature(14, t1, t2)
        f[3] = H.feature(15, t1, a0.lower)
        f[4] = H.feature(25, t1, ap1.amb)
        f[5] = H.feature(29, a0.amb, ap1.amb, t1)
        f[6] = H.feature(34, t1, a0.suf3)
        f[7] = H.feature(38, t1, ap1.lower)
        f[8] = H.feature(40, t1, am1.lower)
        f[9] = H.feature(46, t1, a0.suf2)
        return 10
    }

    /// The second pass's templates of the right context that do not read the second pass's own previous tag
    /// (6 of the 7 of `extractSecond`; the seventh, 105, pairs the previous tag with `r1`).
    @inline(__always)
    static func extractSecondStatic(_ atoms: UnsafeBufferPointer<TokenAtoms>, _ i: Int, _ r1: Int, _ r2: Int,
                                    into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        typealias H = FeatureHash
        let n = atoms.count
        let a0 = atoms[i]
        let ap1 = i + 1 < n ? atoms[i + 1] : TokenAtoms.padding
        let u1 = UInt64(bitPattern: Int64(r1)), u2 = UInt64(bitPattern: Int64(r2))
        f[0] = H.feature(101, u1)
        f[1] = H.feature(102, u2)
        f[2] = H.feature(103, u1, u2)
        f[3] = H.feature(104, u1, a0.lower)
        f[4] = H.feature(106, u1, ap1.lower)
        f[5] = H.feature(107, u1, a0.suf3)
        return 6
    }

    /// Class ids of each form of one sentence, every feature looked up token by token (the definition `tag`
    /// must agree with).
    func tagReference(_ forms: [Substring]) -> [Int] {
        let n = forms.count
        var atoms = [TokenAtoms](repeating: TokenAtoms(), count: n)
        for i in 0..<n {
            atoms[i] = TokenAtoms(forms[i].utf8)
            lexicon.annotate(&atoms[i])
        }
        var tags = [Int](repeating: 0, count: n)
        var features = [UInt64](repeating: 0, count: Self.secondFeatureCount)
        var scores = [Int32](repeating: 0, count: model.nClasses)
        var margins = [Int32](repeating: 0, count: second == nil ? 0 : n)
        let threshold = secondPassMargin
        atoms.withUnsafeBufferPointer { atoms in
        features.withUnsafeMutableBufferPointer { f in
        scores.withUnsafeMutableBufferPointer { s in
            @inline(__always) func best(_ m: SparseLinearModel, _ count: Int) -> Int {
                for c in 0..<s.count { s[c] = 0 }
                m.accumulate(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(f)[0..<count]), into: s)
                var b = 0
                for c in 1..<s.count where s[c] > s[b] { b = c }
                return b
            }
            for i in 0..<n {
                if atoms[i].fixedTag >= 0 { tags[i] = atoms[i].fixedTag; continue }
                let p1 = i > 0 ? tags[i - 1] : -1, p2 = i > 1 ? tags[i - 2] : -2
                let b = best(model, Self.extract(atoms, i, p1, p2, into: f))
                tags[i] = b
                if second != nil {
                    var runnerUp = Int32.min
                    for c in 0..<s.count where c != b && s[c] > runnerUp { runnerUp = s[c] }
                    margins[i] = s[b] &- runnerUp
                }
            }
            guard let second else { return }
            var prev1 = -1, prev2 = -2
            for i in 0..<n {
                var t = atoms[i].fixedTag
                if t < 0 && margins[i] >= threshold { t = tags[i] }
                if t < 0 {
                    let r1 = i + 1 < n ? tags[i + 1] : -3, r2 = i + 2 < n ? tags[i + 2] : -4
                    t = best(second, Self.extractSecond(atoms, i, prev1, prev2, r1, r2, into: f))
                }
                // tags[i] is no longer needed as right context (only i+1, i+2 are read ahead).
                tags[i] = t
                prev2 = prev1; prev1 = t
            }
        }}}
        return tags
    }

    /// The second pass's features: the first pass's, then the right context's first-pass tags `r1`, `r2`.
    @inline(__always)
    static func extractSecond(_ atoms: UnsafeBufferPointer<TokenAtoms>, _ i: Int, _ p1: Int, _ p2: Int, _ r1: Int, _ r2: Int,
                              into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        var k = extract(atoms, i, p1, p2, into: f)
        typealias H = FeatureHash
        let n = atoms.count
        let a0 = atoms[i]
        let ap1 = i + 1 < n ? atoms[i + 1] : TokenAtoms.padding
        let u1 = UInt64(bitPattern: Int64(r1)), u2 = UInt64(bitPattern: Int64(r2)), t1 = UInt64(bitPattern: Int64(p1))
        @inline(__always) func put(_ x: UInt64) { f[k] = x; k += 1 }
        put(H.feature(101, u1))
        put(H.feature(102, u2))
        put(H.feature(103, u1, u2))
        put(H.feature(104, u1, a0.lower))
        put(H.feature(105, t1, u1))
        put(H.feature(106, u1, ap1.lower))
        put(H.feature(107, u1, a0.suf3))
        return k
    }

    /// Feature keys for position i given the two previous tags; returns how many were written: the templates that do
    /// not read the previous tags (`extractStatic`), then those that do (`extractDynamic`). Sums and training updates do
    /// not depend on the order of the keys.
    @inline(__always)
    static func extract(_ atoms: UnsafeBufferPointer<TokenAtoms>, _ i: Int, _ p1: Int, _ p2: Int,
                        into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        let k = extractStatic(atoms, i, into: f)
        return k + extractDynamic(atoms, i, p1, p2, into: UnsafeMutableBufferPointer(rebasing: f[k...]))
    }

    // MARK: Loading

    static let magic = "PRLYTAG2"

    public func write(to url: URL) throws {
        var w = BinaryWriter()
        w.magic(Self.magic)
        w.strings(classNames)
        lexicon.write(to: &w)
        model.write(to: &w)
        w.int(second == nil ? 0 : 1)
        second?.write(to: &w)
        try w.data.write(to: url)
    }

    public init(data: Data) throws {
        var r = BinaryReader(data)
        try r.magic(Self.magic)
        let names = try r.strings()
        let lex = try TagLexicon.read(from: &r)
        let model = try SparseLinearModel.read(from: &r)
        let second = try r.int() == 0 ? nil : try SparseLinearModel.read(from: &r)
        guard model.nClasses == names.count, second.map({ $0.nClasses == names.count }) ?? true else {
            throw BinaryReader.Corrupt(message: "tagger classes")
        }
        self.init(model: model, second: second, lexicon: lex, classNames: names)
    }

    private static let cached: Result<PerceptronTagger, any Error> = Result { try PerceptronTagger(data: BundledResource.data("tagger")) }

    /// The committed model, loaded once.
    public static func bundled() throws -> PerceptronTagger { try cached.get() }
}
