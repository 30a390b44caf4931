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

    static let featureCount = 80

    init(model: SparseLinearModel, labels: [String]) {
        self.model = model
        self.labels = labels
        rootLabel = labels.firstIndex(of: "root") ?? 0
        fallbackLabel = labels.firstIndex(of: "parataxis") ?? labels.firstIndex(of: "dep") ?? 0
    }

    // MARK: Atoms

    static let noneAtom: UInt64 = 0xDEAD_BEEF_0001
    static let rootWord: UInt64 = 0xDEAD_BEEF_0002
    static let rootTag: UInt64 = 0xDEAD_BEEF_0003

    /// The tag atom of a token: its UPOS and XPOS together.
    @inline(__always) static func tagAtom(upos: UInt8, xpos: Substring.UTF8View?) -> UInt64 {
        FeatureHash.mix(UInt64(upos) &+ 0x7700, xpos.map { FeatureHash.bytes($0, lowercase: false) } ?? 0)
    }

    /// Word and tag atoms for positions 0 (root) ... n.
    static func atoms(words: [UInt64], tags: [UInt64]) -> (w: [UInt64], p: [UInt64]) {
        ([rootWord] + words, [rootTag] + tags)
    }

    // MARK: Stage

    public func process(_ document: inout Document) throws {
        var words: [UInt64] = [], tags: [UInt64] = []
        for sentence in document.sentences where !sentence.tokens.isEmpty {
            words.removeAll(keepingCapacity: true)
            tags.removeAll(keepingCapacity: true)
            for i in sentence.tokens {
                let t = document.tokens[i]
                words.append(FeatureHash.bytes(t.form.utf8, lowercase: true))
                tags.append(Self.tagAtom(upos: t.pos?.rawValue ?? 255, xpos: t.xpos.map { $0[...].utf8 }))
            }
            let (heads, labs) = parse(words: words, tags: tags)
            let base = sentence.tokens.lowerBound
            for (k, i) in sentence.tokens.enumerated() {
                document.tokens[i].head = heads[k] < 0 ? -1 : base + heads[k]
                document.tokens[i].dep = labels[labs[k]]
            }
        }
    }

    /// Parses one sentence given word atoms (lowercased-form hashes) and tag atoms.
    /// Returns 0-based heads (-1 for the root) and label ids.
    func parse(words: [UInt64], tags: [UInt64]) -> (heads: [Int], labels: [Int]) {
        let n = words.count
        let (w, p) = Self.atoms(words: words, tags: tags)
        var state = ArcEagerState(n: n, labelCount: labels.count, rootLabel: rootLabel)
        var features = [UInt64](repeating: 0, count: Self.featureCount)
        var scores = [Int32](repeating: 0, count: model.nClasses)
        let L = labels.count
        while !state.isTerminal {
            let count = features.withUnsafeMutableBufferPointer { Self.extract(state, w, p, into: $0) }
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

    /// Feature keys of a configuration; returns how many were written.
    @inline(__always)
    static func extract(_ st: ArcEagerState, _ W: [UInt64], _ P: [UInt64], into f: UnsafeMutableBufferPointer<UInt64>) -> Int {
        typealias H = FeatureHash
        let none = noneAtom
        let n = st.n
        let s0 = st.s0
        let s1 = st.stack.count >= 2 ? st.stack[st.stack.count - 2] : -1
        let n0 = st.buffer <= n ? st.buffer : -1
        let n1 = st.buffer + 1 <= n ? st.buffer + 1 : -1
        let n2 = st.buffer + 2 <= n ? st.buffer + 2 : -1
        let s0h = st.heads[s0]
        let s0h2 = s0h >= 0 ? st.heads[s0h] : -1
        let s0l = st.lc1[s0], s0l2 = st.lc2[s0], s0r = st.rc1[s0], s0r2 = st.rc2[s0]
        let n0l = n0 >= 0 ? st.lc1[n0] : -1, n0l2 = n0 >= 0 ? st.lc2[n0] : -1
        @inline(__always) func w(_ x: Int) -> UInt64 { x >= 0 ? W[x] : none }
        @inline(__always) func p(_ x: Int) -> UInt64 { x >= 0 ? P[x] : none }
        @inline(__always) func l(_ x: Int) -> UInt64 { x >= 0 ? UInt64(bitPattern: Int64(st.labels[x])) : none }
        let s0w = w(s0), s0p = p(s0), n0w = w(n0), n0p = p(n0), n1w = w(n1), n1p = p(n1), n2w = w(n2), n2p = p(n2)
        let s0wp = H.mix(s0w, s0p), n0wp = H.mix(n0w, n0p)
        let d = n0 >= 0 ? distanceBucket(n0 - s0) : 99
        let s0vl = UInt64(st.nLeft[s0]), s0vr = UInt64(st.nRight[s0]), n0vl = n0 >= 0 ? UInt64(st.nLeft[n0]) : 99
        let s0sl = st.leftSet[s0], s0sr = st.rightSet[s0], n0sl = n0 >= 0 ? st.leftSet[n0] : 0xFFFF
        let s0lp = p(s0l), s0rp = p(s0r), n0lp = p(n0l), s0hp = p(s0h)
        var i = 0
        @inline(__always) func put(_ k: UInt64) { f[i] = k; i += 1 }
        put(H.feature(1, s0wp))
        put(H.feature(2, s0w))
        put(H.feature(3, s0p))
        put(H.feature(4, n0wp))
        put(H.feature(5, n0w))
        put(H.feature(6, n0p))
        put(H.feature(7, H.mix(n1w, n1p)))
        put(H.feature(8, n1w))
        put(H.feature(9, n1p))
        put(H.feature(10, H.mix(n2w, n2p)))
        put(H.feature(11, n2w))
        put(H.feature(12, n2p))
        put(H.feature(13, s0wp, n0wp))
        put(H.feature(14, s0wp, n0w))
        put(H.feature(15, s0w, n0wp))
        put(H.feature(16, s0wp, n0p))
        put(H.feature(17, s0p, n0wp))
        put(H.feature(18, s0w, n0w))
        put(H.feature(19, s0p, n0p))
        put(H.feature(20, n0p, n1p))
        put(H.feature(21, n0p, n1p, n2p))
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
        put(H.feature(39, w(s0h)))
        put(H.feature(40, s0hp))
        put(H.feature(41, l(s0)))
        put(H.feature(42, w(s0l)))
        put(H.feature(43, s0lp))
        put(H.feature(44, l(s0l)))
        put(H.feature(45, w(s0r)))
        put(H.feature(46, s0rp))
        put(H.feature(47, l(s0r)))
        put(H.feature(48, w(n0l)))
        put(H.feature(49, n0lp))
        put(H.feature(50, l(n0l)))
        put(H.feature(51, w(s0h2)))
        put(H.feature(52, p(s0h2)))
        put(H.feature(53, l(s0h)))
        put(H.feature(54, w(s0l2)))
        put(H.feature(55, p(s0l2)))
        put(H.feature(56, l(s0l2)))
        put(H.feature(57, w(s0r2)))
        put(H.feature(58, p(s0r2)))
        put(H.feature(59, l(s0r2)))
        put(H.feature(60, w(n0l2)))
        put(H.feature(61, p(n0l2)))
        put(H.feature(62, l(n0l2)))
        put(H.feature(63, s0p, s0lp, p(s0l2)))
        put(H.feature(64, s0p, s0rp, p(s0r2)))
        put(H.feature(65, s0p, s0hp, p(s0h2)))
        put(H.feature(66, n0p, n0lp, p(n0l2)))
        put(H.feature(67, s0w, s0sr))
        put(H.feature(68, s0p, s0sr))
        put(H.feature(69, s0w, s0sl))
        put(H.feature(70, s0p, s0sl))
        put(H.feature(71, n0w, n0sl))
        put(H.feature(72, n0p, n0sl))
        put(H.feature(73, w(s1)))
        put(H.feature(74, p(s1)))
        put(H.feature(75, p(s1), s0p, n0p))
        put(H.feature(76, s0h >= 0 ? 1 : 0, s0p, n0p))
        put(H.feature(77, 0))
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

    static let magic = "PRLYDEP1"

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
