import CParleyMem
import Foundation
import ParleyModel

/// Greedy arc-eager dependency parser with an averaged-perceptron classifier over labelled transitions
/// and Zhang & Nivre (2011)-style feature templates. Projective output; heads are document token indices.
public struct DependencyParser: TextStage {
    public let name = "parser"
    public let requires: Set<Annotation> = [.pos]
    public let assigns: Set<Annotation> = [.parse]

    let model: SparseLinearModel
    /// Dependency relations (UD labels with subtypes), indexed by label id.
    public let labels: [String]
    let rootLabel: Int
    let fallbackLabel: Int
    /// Per role, the summed weights of its single-token templates when the token is absent.
    let noneVectors: [Int32]

    static let featureCount = 100

    init(model: SparseLinearModel, labels: [String]) {
        self.model = model
        self.labels = labels
        rootLabel = labels.firstIndex(of: "root") ?? 0
        fallbackLabel = labels.firstIndex(of: "parataxis") ?? labels.firstIndex(of: "dep") ?? 0
        // Score vectors of the single-token templates for an absent token, per role (the same for every sentence).
        let C = model.nClasses
        var none = [Int32](repeating: 0, count: Self.roleCount * C)
        let empty = ArcEagerState(n: 0, labelCount: labels.count, rootLabel: rootLabel)
        var f = [UInt64](repeating: 0, count: 32)
        let W = [Self.rootWord], P = [Self.rootTag], S = [Self.rootWord]
        for r in 0..<Self.roleCount {
            W.withUnsafeBufferPointer { W in
                P.withUnsafeBufferPointer { P in
                  S.withUnsafeBufferPointer { S in
                    f.withUnsafeMutableBufferPointer { fb in
                        let k = Self.roleFeatures(r, -1, empty, W, P, S, into: fb)
                        none.withUnsafeMutableBufferPointer { nb in
                            model.accumulate(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(fb)[0..<k]),
                                             into: UnsafeMutableBufferPointer(rebasing: nb[r * C..<(r + 1) * C]))
                        }
                    }
                  }
                }
            }
        }
        noneVectors = none
    }

    // MARK: Atoms

    static let noneAtom: UInt64 = 0xDEAD_BEEF_0001
    static let rootWord: UInt64 = 0xDEAD_BEEF_0002
    static let rootTag: UInt64 = 0xDEAD_BEEF_0003

    /// The tag atom of a token: its UPOS and XPOS together.
    @inline(__always) static func tagAtom(upos: UInt8, xpos: Substring.UTF8View?) -> UInt64 {
        FeatureHash.mix(UInt64(upos) &+ 0x7700, xpos.map { FeatureHash.bytes($0, lowercase: false) } ?? 0)
    }

    /// The suffix atom of a form: its last three bytes, lowercased (the word itself when shorter).
    @inline(__always) static func suffixAtom(_ form: Substring.UTF8View) -> UInt64 {
        FeatureHash.mix(0x5FF1, form.withContiguousStorageIfAvailable { FeatureHash.bytes($0.suffix(3), lowercase: true) }
                            ?? FeatureHash.bytes(form.suffix(3), lowercase: true))
    }

    /// The word atom of a form: its lowercased bytes' hash.
    @inline(__always) static func wordAtom(_ form: Substring.UTF8View) -> UInt64 {
        form.withContiguousStorageIfAvailable { FeatureHash.bytes($0, lowercase: true) } ?? FeatureHash.bytes(form, lowercase: true)
    }

    /// Word, tag and suffix atoms for positions 0 (root) ... n; absent suffixes are `noneAtom`.
    static func atoms(words: [UInt64], tags: [UInt64], suffixes: [UInt64]?) -> (w: [UInt64], p: [UInt64], s: [UInt64]) {
        ([rootWord] + words, [rootTag] + tags,
         [rootWord] + (suffixes ?? [UInt64](repeating: noneAtom, count: words.count)))
    }

    // MARK: Stage

    public func process(_ document: inout Document) throws {
        var words: [UInt64] = [], tags: [UInt64] = [], suffixes: [UInt64] = []
        var scratch = Scratch()
        for sentence in document.sentences where !sentence.tokens.isEmpty {
            words.removeAll(keepingCapacity: true)
            tags.removeAll(keepingCapacity: true)
            suffixes.removeAll(keepingCapacity: true)
            for i in sentence.tokens {
                let t = document.tokens[i]
                words.append(Self.wordAtom(t.form[...].utf8))
                tags.append(Self.tagAtom(upos: t.pos?.rawValue ?? 255, xpos: t.xpos.map { $0[...].utf8 }))
                suffixes.append(Self.suffixAtom(t.form[...].utf8))
            }
            let (heads, labs) = parse(words: words, tags: tags, suffixes: suffixes, scratch: &scratch)
            let base = sentence.tokens.lowerBound
            for (k, i) in sentence.tokens.enumerated() {
                document.tokens[i].head = heads[k] < 0 ? -1 : base + heads[k]
                document.tokens[i].dep = labels[labs[k]]
            }
        }
    }

    /// Reusable buffers of `parse`.
    struct Scratch {
        var cache: [Int32] = []
        var have: [Bool] = []
        var features: [UInt64] = []
        var targets: [UnsafeMutablePointer<Int32>] = []
        var probe: [UInt32] = []
        var scores: [Int32] = []
        init() {}

        /// Room for `count` features in one batch.
        mutating func reserve(features count: Int) {
            if features.count < count {
                features = [UInt64](repeating: 0, count: count)
                targets = [UnsafeMutablePointer<Int32>](repeating: UnsafeMutablePointer(bitPattern: 16)!, count: count)
                probe = [UInt32](repeating: 0, count: 2 * count)
            }
        }
    }

    /// Parses one sentence given word atoms (lowercased-form hashes) and tag atoms.
    /// Returns 0-based heads (-1 for the root) and label ids.
    func parse(words: [UInt64], tags: [UInt64], suffixes: [UInt64]? = nil) -> (heads: [Int], labels: [Int]) {
        var scratch = Scratch()
        return parse(words: words, tags: tags, suffixes: suffixes, scratch: &scratch)
    }

    /// Features of one transition's batch at most: the dynamic templates and every role's single-token ones.
    static let batchCapacity = 128

    /// As `parse(words:tags:)`, but scores a configuration as the sum of cached per-token score vectors (the
    /// templates that depend on one token whose features cannot change while it holds its role; see `roleFeatures`)
    /// plus the lookups of the remaining templates. Transitions that are the only valid one are not scored.
    /// The memory accesses are batched: the b0 vectors of all tokens (their templates read no parser state) are
    /// looked up together before the first transition, and at each transition the dynamic templates and the
    /// templates of the role vectors not cached yet form one batch, so that their cache misses overlap.
    /// The scores equal those of the full feature set (`parseReference`): they are sums of the same weights.
    func parse(words: [UInt64], tags: [UInt64], suffixes: [UInt64]? = nil, scratch: inout Scratch) -> (heads: [Int], labels: [Int]) {
        let n = words.count
        let (w, p, sx) = Self.atoms(words: words, tags: tags, suffixes: suffixes)
        var state = ArcEagerState(n: n, labelCount: labels.count, rootLabel: rootLabel)
        let L = labels.count
        let C = model.nClasses
        let R = Self.roleCount
        let slots = R * (n + 1)
        if scratch.cache.count < slots * C { scratch.cache = [Int32](repeating: 0, count: slots * C) }
        if scratch.have.count < slots { scratch.have = [Bool](repeating: false, count: slots) }
        for i in 0..<slots { scratch.have[i] = false }
        if scratch.scores.count != C { scratch.scores = [Int32](repeating: 0, count: C) }
        scratch.reserve(features: max(Self.batchCapacity, 20 * n))
        w.withUnsafeBufferPointer { W in
        p.withUnsafeBufferPointer { P in
        sx.withUnsafeBufferPointer { S in
        noneVectors.withUnsafeBufferPointer { none in
        scratch.cache.withUnsafeMutableBufferPointer { cache in
        scratch.have.withUnsafeMutableBufferPointer { have in
        scratch.features.withUnsafeMutableBufferPointer { f in
        scratch.targets.withUnsafeMutableBufferPointer { targets in
        scratch.probe.withUnsafeMutableBufferPointer { probe in
        scratch.scores.withUnsafeMutableBufferPointer { s in
            let cacheBase = cache.baseAddress!
            // The b0 role (the buffer front with the next words, and the bias) of every word, in one batch.
            if n > 0 {
                var k = 0
                for x in 1...n {
                    let slot = 1 * (n + 1) + x
                    have[slot] = true
                    let dst = cacheBase + slot * C
                    dst.initialize(repeating: 0, count: C)
                    let m = Self.roleFeatures(1, x, state, W, P, S, into: UnsafeMutableBufferPointer(rebasing: f[k...]))
                    for t in k..<k + m { targets[t] = dst }
                    k += m
                }
                model.accumulate(UnsafePointer(f.baseAddress!), into: UnsafePointer(targets.baseAddress!), count: k,
                                 scratch: probe.baseAddress!)
            }
            var roleToken = (0, 0, 0, 0, 0, 0, 0, 0, 0)
            while !state.isTerminal {
                let v = state.validKinds()
                if v.0 && !v.1 && !v.2 && !v.3 { state.apply(0); continue }
                if v.1 && !v.0 && !v.2 && !v.3 { state.apply(1); continue }
                s.baseAddress!.update(repeating: 0, count: C)
                let s0 = state.s0
                let n0 = state.buffer <= n ? state.buffer : -1
                roleToken = (s0, n0, state.stack.count >= 2 ? state.stack[state.stack.count - 2] : -1,
                             state.lc1[s0], state.rc1[s0], n0 >= 0 ? state.lc1[n0] : -1,
                             state.lc2[s0], state.rc2[s0], n0 >= 0 ? state.lc2[n0] : -1)
                var k = Self.extractDynamic(state, W, P, into: f)
                for t in 0..<k { targets[t] = s.baseAddress! }
                withUnsafeBytes(of: &roleToken) { rt in
                    let tokens = rt.bindMemory(to: Int.self)
                    for role in 0..<R {
                        let x = tokens[role]
                        if x < 0 { continue }
                        let slot = role * (n + 1) + x
                        if have[slot] { continue }
                        have[slot] = true
                        let dst = cacheBase + slot * C
                        dst.update(repeating: 0, count: C)
                        let m = Self.roleFeatures(role, x, state, W, P, S, into: UnsafeMutableBufferPointer(rebasing: f[k...]))
                        for t in k..<k + m { targets[t] = dst }
                        k += m
                    }
                    model.accumulate(UnsafePointer(f.baseAddress!), into: UnsafePointer(targets.baseAddress!), count: k,
                                     scratch: probe.baseAddress!)
                    withUnsafeTemporaryAllocation(of: UnsafePointer<Int32>?.self, capacity: R) { vectors in
                        for role in 0..<R {
                            let x = tokens[role]
                            vectors[role] = x < 0 ? none.baseAddress! + role * C : UnsafePointer(cacheBase + (role * (n + 1) + x) * C)
                        }
                        parley_add_rows_i32(s.baseAddress!, vectors.baseAddress!, R, C)
                    }
                }
                state.apply(Self.bestValid(s, state, L))
            }
        }}}}}}}}}}
        return state.result(fallbackLabel: fallbackLabel)
    }

    /// The parse with every feature looked up at every transition (the definition `parse` must agree with).
    func parseReference(words: [UInt64], tags: [UInt64], suffixes: [UInt64]? = nil) -> (heads: [Int], labels: [Int]) {
        let n = words.count
        let (w, p, sx) = Self.atoms(words: words, tags: tags, suffixes: suffixes)
        var state = ArcEagerState(n: n, labelCount: labels.count, rootLabel: rootLabel)
        var features = [UInt64](repeating: 0, count: Self.featureCount)
        var scores = [Int32](repeating: 0, count: model.nClasses)
        let L = labels.count
        while !state.isTerminal {
            let count = features.withUnsafeMutableBufferPointer { Self.extract(state, w, p, sx, into: $0) }
            for c in 0..<scores.count { scores[c] = 0 }
            features.withUnsafeBufferPointer { f in
                scores.withUnsafeMutableBufferPointer { s in
                    model.accumulate(UnsafeBufferPointer(rebasing: f[0..<count]), into: s)
                }
            }
            state.apply(Self.bestValid(scores, state, L))
        }
        return state.result(fallbackLabel: fallbackLabel)
    }

    @inline(__always)
    static func bestValid<S: RandomAccessCollection>(_ scores: S, _ state: ArcEagerState, _ L: Int) -> Int
    where S.Element: Comparable, S.Index == Int {
        let v = state.validKinds()
        let rootOnly = state.s0 == 0
        var best = -1
        if v.0 { best = 0 }
        if v.1, best < 0 || scores[1] > scores[best] { best = 1 }
        if v.2 {
            for l in 0..<L where l != state.rootLabel {
                let a = 2 + l
                if best < 0 || scores[a] > scores[best] { best = a }
            }
        }
        if v.3 {
            if rootOnly {
                let a = 2 + L + state.rootLabel
                if best < 0 || scores[a] > scores[best] { best = a }
            } else {
                for l in 0..<L where l != state.rootLabel {
                    let a = 2 + L + l
                    if best < 0 || scores[a] > scores[best] { best = a }
                }
            }
        }
        return best
    }

    @inline(__always) static func distanceBucket(_ d: Int) -> UInt64 {
        switch d {
        case ..<5: return UInt64(max(d, 0))
        case 5...6: return 5
        case 7...9: return 6
        default: return 7
        }
    }

    /// Feature keys of a configuration (every role's single-token templates, then the dynamic ones); returns how
    /// many were written.
    static func extract(_ st: ArcEagerState, _ W: [UInt64], _ P: [UInt64], _ S: [UInt64],
                        into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        W.withUnsafeBufferPointer { W in
        P.withUnsafeBufferPointer { P in
        S.withUnsafeBufferPointer { S in
            let n = st.n
            let s0 = st.s0
            let n0 = st.buffer <= n ? st.buffer : -1
            let tokens = [s0, n0, st.stack.count >= 2 ? st.stack[st.stack.count - 2] : -1,
                          st.lc1[s0], st.rc1[s0], n0 >= 0 ? st.lc1[n0] : -1,
                          st.lc2[s0], st.rc2[s0], n0 >= 0 ? st.lc2[n0] : -1]
            var i = 0
            for (role, x) in tokens.enumerated() {
                i += roleFeatures(role, x, st, W, P, S, into: UnsafeMutableBufferPointer(rebasing: f[i...]))
            }
            i += extractDynamic(st, W, P, into: UnsafeMutableBufferPointer(rebasing: f[i...]))
            return i
        }}}
    }

    // MARK: Cached single-token templates

    /// Roles whose templates depend on one token only: 0 s0 (with its head and grand-head, fixed while it is on
    /// the stack), 1 b0 (with b1, b2 and the bias), 2 s1, then the children s0l, s0r, b0l, s0l2, s0r2, b0l2
    /// (a child's word, tag and label never change once attached).
    static let roleCount = 9

    /// Keys of the templates of `role` for token `x` (-1: absent), exactly as `extract` computes them.
    @inline(__always)
    static func roleFeatures(_ role: Int, _ x: Int, _ st: ArcEagerState, _ W: UnsafeBufferPointer<UInt64>,
                             _ P: UnsafeBufferPointer<UInt64>, _ S: UnsafeBufferPointer<UInt64>,
                             into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        typealias H = FeatureHash
        let none = noneAtom
        let n = st.n
        @inline(__always) func w(_ x: Int) -> UInt64 { x >= 0 ? W[x] : none }
        @inline(__always) func p(_ x: Int) -> UInt64 { x >= 0 ? P[x] : none }
        @inline(__always) func l(_ x: Int) -> UInt64 { x >= 0 ? UInt64(bitPattern: Int64(st.labels[x])) : none }
        @inline(__always) func sf(_ x: Int) -> UInt64 { x >= 0 ? S[x] : none }
        var i = 0
        @inline(__always) func put(_ k: UInt64) { f[i] = k; i += 1 }
        switch role {
        case 0:
            let h = x >= 0 ? st.heads[x] : -1
            let h2 = h >= 0 ? st.heads[h] : -1
            let xw = w(x), xp = p(x), hp = p(h)
            put(H.feature(1, H.mix(xw, xp)))
            put(H.feature(2, xw))
            put(H.feature(3, xp))
            put(H.feature(39, w(h)))
            put(H.feature(40, hp))
            put(H.feature(41, l(x)))
            put(H.feature(51, w(h2)))
            put(H.feature(52, p(h2)))
            put(H.feature(53, l(h)))
            put(H.feature(65, xp, hp, p(h2)))
            put(H.feature(81, sf(x)))
            put(H.feature(82, xp, sf(x)))
            put(H.feature(83, xw, l(x)))
            put(H.feature(84, xw, hp))
        case 1:
            let n1 = x >= 0 && x + 1 <= n ? x + 1 : -1
            let n2 = x >= 0 && x + 2 <= n ? x + 2 : -1
            let n0w = w(x), n0p = p(x), n1w = w(n1), n1p = p(n1), n2w = w(n2), n2p = p(n2)
            put(H.feature(4, H.mix(n0w, n0p)))
            put(H.feature(5, n0w))
            put(H.feature(6, n0p))
            put(H.feature(7, H.mix(n1w, n1p)))
            put(H.feature(8, n1w))
            put(H.feature(9, n1p))
            put(H.feature(10, H.mix(n2w, n2p)))
            put(H.feature(11, n2w))
            put(H.feature(12, n2p))
            put(H.feature(20, n0p, n1p))
            put(H.feature(21, n0p, n1p, n2p))
            put(H.feature(77, 0))
            let n3 = x >= 0 && x + 3 <= n ? x + 3 : -1
            put(H.feature(85, sf(x)))
            put(H.feature(86, n0p, sf(x)))
            put(H.feature(87, n0w, n1w))
            put(H.feature(88, n0p, n1w))
            put(H.feature(89, n0w, n1p))
            put(H.feature(90, n1p, n2p))
            put(H.feature(91, p(n3)))
            put(H.feature(92, sf(n1)))
        case 2:
            let h = x >= 0 ? st.heads[x] : -1
            put(H.feature(73, w(x)))
            put(H.feature(74, p(x)))
            put(H.feature(93, l(x)))
            put(H.feature(94, H.mix(w(x), p(x))))
            put(H.feature(95, p(x), p(h)))
        default:
            let t = UInt64(role < 6 ? 42 + 3 * (role - 3) : 54 + 3 * (role - 6))
            put(H.feature(t, w(x)))
            put(H.feature(t + 1, p(x)))
            put(H.feature(t + 2, l(x)))
        }
        return i
    }

    /// The templates of `extract` not covered by the roles (pairs and triples across tokens, distance, valency,
    /// label sets).
    @inline(__always)
    static func extractDynamic(_ st: ArcEagerState, _ W: UnsafeBufferPointer<UInt64>, _ P: UnsafeBufferPointer<UInt64>,
                               into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        typealias H = FeatureHash
        let none = noneAtom
        let n = st.n
        let s0 = st.s0
        let s1 = st.stack.count >= 2 ? st.stack[st.stack.count - 2] : -1
        let n0 = st.buffer <= n ? st.buffer : -1
        let n1 = st.buffer + 1 <= n ? st.buffer + 1 : -1
        let s0h = st.heads[s0]
        let s0l = st.lc1[s0], s0l2 = st.lc2[s0], s0r = st.rc1[s0], s0r2 = st.rc2[s0]
        let n0l = n0 >= 0 ? st.lc1[n0] : -1, n0l2 = n0 >= 0 ? st.lc2[n0] : -1
        @inline(__always) func w(_ x: Int) -> UInt64 { x >= 0 ? W[x] : none }
        @inline(__always) func p(_ x: Int) -> UInt64 { x >= 0 ? P[x] : none }
        @inline(__always) func l(_ x: Int) -> UInt64 { x >= 0 ? UInt64(bitPattern: Int64(st.labels[x])) : none }
        let s0w = w(s0), s0p = p(s0), n0w = w(n0), n0p = p(n0), n1p = p(n1)
        let s0wp = H.mix(s0w, s0p), n0wp = H.mix(n0w, n0p)
        let d = n0 >= 0 ? distanceBucket(n0 - s0) : 99
        let s0vl = UInt64(st.nLeft[s0]), s0vr = UInt64(st.nRight[s0]), n0vl = n0 >= 0 ? UInt64(st.nLeft[n0]) : 99
        let s0sl = st.leftSet[s0], s0sr = st.rightSet[s0], n0sl = n0 >= 0 ? st.leftSet[n0] : 0xFFFF
        let s0lp = p(s0l), s0rp = p(s0r), n0lp = p(n0l), s0hp = p(s0h)
        var i = 0
        @inline(__always) func put(_ k: UInt64) { f[i] = k; i += 1 }
        put(H.feature(13, s0wp, n0wp))
        put(H.feature(14, s0wp, n0w))
        put(H.feature(15, s0w, n0wp))
        put(H.feature(16, s0wp, n0p))
        put(H.feature(17, s0p, n0wp))
        put(H.feature(18, s0w, n0w))
        put(H.feature(19, s0p, n0p))
        put(H.feature(22, s0p, n0p, n1p))
        put(H.feature(23, s0hp, s0p, n0p))
        put(H.feature(24, s0p, s0lp, n0p))
        put(H.feature(25, s0p, s0rp, n0p))
        put(H.feature(26, s0p, n0p, n0lp))
        put(H.feature(27, s0w, d))
        put(H.feature(28, s0p, d))
        put(H.feature(29, n0w, d))
        put(H.feature(30, n0p, d))
        put(H.feature(31, s0w, n0w, d))
        put(H.feature(32, s0p, n0p, d))
        put(H.feature(33, s0w, s0vr))
        put(H.feature(34, s0p, s0vr))
        put(H.feature(35, s0w, s0vl))
        put(H.feature(36, s0p, s0vl))
        put(H.feature(37, n0w, n0vl))
        put(H.feature(38, n0p, n0vl))
        put(H.feature(63, s0p, s0lp, p(s0l2)))
        put(H.feature(64, s0p, s0rp, p(s0r2)))
        put(H.feature(66, n0p, n0lp, p(n0l2)))
        put(H.feature(67, s0w, s0sr))
        put(H.feature(68, s0p, s0sr))
        put(H.feature(69, s0w, s0sl))
        put(H.feature(70, s0p, s0sl))
        put(H.feature(71, n0w, n0sl))
        put(H.feature(72, n0p, n0sl))
        put(H.feature(75, p(s1), s0p, n0p))
        put(H.feature(76, s0h >= 0 ? 1 : 0, s0p, n0p))
        put(H.feature(78, s0p, l(s0), n0p))
        put(H.feature(79, s0wp, n0p, n1p))
        put(H.feature(80, s0p, n0wp, n1p))
        return i
    }

    /// A copy with small weights pruned away.
    public func pruned(threshold: Float) -> DependencyParser {
        DependencyParser(model: model.pruned(threshold: threshold), labels: labels)
    }

    public var modelSize: (features: Int, weights: Int) { (model.featureCount, model.entryCount) }

    // MARK: Loading

    static let magic = "PRLYDEP2"

    public func write(to url: URL) throws {
        var w = BinaryWriter()
        w.magic(Self.magic)
        w.strings(labels)
        model.write(to: &w)
        try w.data.write(to: url)
    }

    public init(data: Data) throws {
        var r = BinaryReader(data)
        try r.magic(Self.magic)
        let labels = try r.strings()
        let model = try SparseLinearModel.read(from: &r)
        guard model.nClasses == 2 + 2 * labels.count else { throw BinaryReader.Corrupt(message: "parser classes") }
        self.init(model: model, labels: labels)
    }

    private static let cached: Result<DependencyParser, any Error> = Result { try DependencyParser(data: BundledResource.data("parser")) }

    /// The committed model, loaded once.
    public static func bundled() throws -> DependencyParser { try cached.get() }
}
