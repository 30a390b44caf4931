import CParleyMem
import Foundation
import ParleyModel
#if canImport(Glibc)
import Glibc
#endif

// Shared machinery of the tagger and the parser: feature hashing, the averaged perceptron used in
// training, the compact sparse model used at run time, and a little binary format for both.

/// Feature hashing: 64-bit mixing of integer atoms (SplitMix64 finaliser).
@usableFromInline enum FeatureHash {
    @inline(__always) @usableFromInline
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ 0x243F_6A88_85A3_08D3) &+ v &* 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    @inline(__always) @usableFromInline
    static func feature(_ template: UInt64, _ a: UInt64) -> UInt64 { mix(template &* 0x1000_0001, a) }
    @inline(__always) @usableFromInline
    static func feature(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { mix(mix(template &* 0x1000_0001, a), b) }
    @inline(__always) @usableFromInline
    static func feature(_ template: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        mix(mix(mix(template &* 0x1000_0001, a), b), c)
    }

    /// FNV-1a over bytes, optionally ASCII-lowercased.
    @inline(__always) @usableFromInline
    static func bytes<C: Collection>(_ bytes: C, lowercase: Bool) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for var b in bytes {
            if lowercase, b >= 65, b <= 90 { b += 32 }
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// Open-addressing map from 64-bit feature keys to dense row numbers (training only).
struct FeatureIndex {
    private(set) var keys: [UInt64]
    private(set) var rows: [Int32]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        keys = Array(repeating: 0, count: cap)
        rows = Array(repeating: -1, count: cap)
        mask = cap - 1
    }

    @inline(__always) func find(_ key: UInt64) -> Int32 {
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let s = keys[i]
            if s == k { return rows[i] }
            if s == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UInt64) -> (row: Int32, isNew: Bool) {
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let s = keys[i]
            if s == k { return (rows[i], false) }
            if s == 0 { break }
            i = (i + 1) & mask
        }
        keys[i] = k
        rows[i] = Int32(count)
        count += 1
        if count * 2 > keys.count { grow() }
        return (Int32(count - 1), true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldRows = rows
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        rows = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (j, k) in oldKeys.enumerated() where k != 0 {
            var i = Int(truncatingIfNeeded: k) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
            rows[i] = oldRows[j]
        }
    }

    /// All (key, row) pairs.
    var entries: [(UInt64, Int32)] {
        var out: [(UInt64, Int32)] = []
        out.reserveCapacity(count)
        for (j, k) in keys.enumerated() where k != 0 { out.append((k, rows[j])) }
        return out
    }
}

/// Multi-class averaged perceptron over hashed features, with dense rows (training only).
/// Averaging uses the "w − u/c" trick: u accumulates c·Δ for every update made at step c.
final class AveragedPerceptron {
    let nClasses: Int
    var index = FeatureIndex()
    var w: [Float] = []
    var u: [Float] = []
    var step: Float = 1

    init(nClasses: Int) { self.nClasses = nClasses }

    func score(_ features: [UInt64], into scores: inout [Float]) {
        for c in 0..<nClasses { scores[c] = 0 }
        w.withUnsafeBufferPointer { w in
            scores.withUnsafeMutableBufferPointer { s in
                for f in features {
                    let r = index.find(f)
                    if r < 0 { continue }
                    let base = Int(r) * nClasses
                    for c in 0..<nClasses { s[c] += w[base + c] }
                }
            }
        }
    }

    func update(_ features: [UInt64], truth: Int, guess: Int) {
        guard truth != guess else { return }
        for f in features {
            let (r, isNew) = index.insert(f)
            if isNew {
                w.append(contentsOf: repeatElement(0, count: nClasses))
                u.append(contentsOf: repeatElement(0, count: nClasses))
            }
            let base = Int(r) * nClasses
            w[base + truth] += 1; u[base + truth] += step
            w[base + guess] -= 1; u[base + guess] -= step
        }
    }

    func tick() { step += 1 }

    /// Averaged weights, row-major.
    func averaged() -> [Float] {
        var out = w
        for i in 0..<out.count { out[i] = w[i] - u[i] / step }
        return out
    }

    /// Compacts the averaged weights into a sparse model, dropping |w| < `threshold` and rows left empty.
    func compact(threshold: Float) -> SparseLinearModel {
        let avg = averaged()
        // Quantisation scale: the 99.99th percentile of the kept weights maps to 16,000; larger ones clamp.
        var mags: [Float] = avg.map { abs($0) }.filter { $0 >= threshold && $0 > 0 }
        mags.sort()
        let ref = mags.isEmpty ? 1 : mags[min(mags.count - 1, Int(Double(mags.count) * 0.9999))]
        let scale = ref / 16000
        var rows: [(UInt32, [(UInt8, Int16)])] = []
        var seen = Set<UInt32>()
        for (key, r) in index.entries {
            let base = Int(r) * nClasses
            var row: [(UInt8, Int16)] = []
            for c in 0..<nClasses {
                let v = avg[base + c]
                if abs(v) < threshold { continue }
                let q = Int16(clamping: Int((v / scale).rounded()))
                if q != 0 { row.append((UInt8(c), q)) }
            }
            let k32 = SparseLinearModel.shortKey(key)
            if row.isEmpty || seen.contains(k32) { continue }
            seen.insert(k32)
            rows.append((k32, row))
        }
        rows.sort { $0.0 < $1.0 }
        return SparseLinearModel(nClasses: nClasses, scale: scale, rows: rows)
    }
}

/// The run-time linear model: 32-bit feature keys in an open-addressing table, each pointing to a
/// sparse row of (class, 16-bit quantised weight) entries. Scores are integers.
public struct SparseLinearModel: Sendable {
    public let nClasses: Int
    let scale: Float
    let featureKeys: [UInt32]   // sorted, as stored
    let rowEnd: [UInt32]        // entries of feature i are rowEnd[i-1]..<rowEnd[i]
    let classes: [UInt8]
    let weights: [Int16]
    // Lookup structure built on load, two open-addressing tables of 32-bit keys:
    // - `hot`: the features with more than three entries (one in eight, but most of the lookups that find
    //   anything: the frequent features have the long rows), in 8-byte slots (key, row): eight to a cache line,
    //   so this table stays in the caches. The row is an offset into `dense` (top bit set: one 16-bit weight per
    //   class, absent classes zero) or, for rows of fewer than `denseMinimum` entries, an offset into `overflow`
    //   (low 24 bits) and a length (high bits) of (class << 16 | 16-bit weight) entries.
    // - `table`: the other features, in 16-byte slots of key and three entries (class << 16 | 16-bit weight;
    //   unused entries are zero: class 0, weight 0, harmless to add).
    // A lookup tries `hot` first and goes to the large `table` only when the key is not there.
    private let storage: LookupStorage

    @inline(__always) static func shortKey(_ key: UInt64) -> UInt32 {
        let k = UInt32(truncatingIfNeeded: key >> 32) ^ UInt32(truncatingIfNeeded: key)
        return k == 0 ? 1 : k
    }

    init(nClasses: Int, scale: Float, rows: [(UInt32, [(UInt8, Int16)])]) {
        var keys: [UInt32] = [], ends: [UInt32] = [], cls: [UInt8] = [], wts: [Int16] = []
        for (k, row) in rows {
            keys.append(k)
            for (c, v) in row { cls.append(c); wts.append(v) }
            ends.append(UInt32(cls.count))
        }
        self.init(nClasses: nClasses, scale: scale, featureKeys: keys, rowEnd: ends, classes: cls, weights: wts)
    }

    init(nClasses: Int, scale: Float, featureKeys: [UInt32], rowEnd: [UInt32], classes: [UInt8], weights: [Int16]) {
        self.nClasses = nClasses
        self.scale = scale
        self.featureKeys = featureKeys
        self.rowEnd = rowEnd
        self.classes = classes
        self.weights = weights
        var hotCount = 0
        for i in featureKeys.indices where Int(rowEnd[i]) - (i == 0 ? 0 : Int(rowEnd[i - 1])) > 3 { hotCount += 1 }
        var cap = 16
        while cap * 3 < (featureKeys.count - hotCount) * 4 { cap <<= 1 }  // load factor at most 3/4
        var hotCap = 16
        while hotCap < hotCount * 2 { hotCap <<= 1 }  // load factor at most 1/2
        var tb = [UInt32](repeating: 0, count: cap * 4)
        var hot = [UInt32](repeating: 0, count: hotCap * 2)
        var ov: [UInt32] = []
        var dense: [Int16] = []
        let stride = Self.denseStride(nClasses)
        let m = cap - 1, hm = hotCap - 1
        for (i, k) in featureKeys.enumerated() {
            let lo = i == 0 ? 0 : Int(rowEnd[i - 1]), hi = Int(rowEnd[i])
            @inline(__always) func entry(_ e: Int) -> UInt32 { UInt32(classes[e]) << 16 | UInt32(UInt16(bitPattern: weights[e])) }
            if hi - lo <= 3 {
                var j = Int(k &* 0x9E37_79B1) & m
                while tb[j * 4] != 0 { j = (j + 1) & m }
                tb[j * 4] = k
                for (slot, e) in (lo..<hi).enumerated() { tb[j * 4 + 1 + slot] = entry(e) }
                continue
            }
            var j = Int(k &* 0x9E37_79B1) & hm
            while hot[j * 2] != 0 { j = (j + 1) & hm }
            hot[j * 2] = k
            if hi - lo >= Self.denseMinimum {
                precondition(dense.count < 1 << 31, "dense rows too large")
                hot[j * 2 + 1] = 0x8000_0000 | UInt32(dense.count)
                let base = dense.count
                dense.append(contentsOf: repeatElement(0, count: stride))
                for e in lo..<hi { dense[base + Int(classes[e])] = weights[e] }
            } else {
                precondition(ov.count < 1 << 24 && hi - lo < 128, "overflow rows too large")
                hot[j * 2 + 1] = UInt32(hi - lo) << 24 | UInt32(ov.count)
                for e in lo..<hi { ov.append(entry(e)) }
            }
        }
        storage = LookupStorage(table: tb, hot: hot, overflow: ov, dense: dense, mask: m, hotMask: hm, nClasses: nClasses)
    }

    /// Rows with at least this many entries are stored densely (one 16-bit weight per class, absent classes
    /// zero) and added with vector instructions: cheaper than adding that many (class, weight) pairs one by one.
    static let denseMinimum = 12

    /// Weights per dense row: the classes rounded up to 32 (whole 64-byte cache lines).
    static func denseStride(_ nClasses: Int) -> Int { (nClasses + 31) / 32 * 32 }

    /// A copy without the weights of magnitude below `threshold` (in unquantised units).
    func pruned(threshold: Float) -> SparseLinearModel {
        var rows: [(UInt32, [(UInt8, Int16)])] = []
        let q = threshold / scale
        for (i, k) in featureKeys.enumerated() {
            let lo = i == 0 ? 0 : Int(rowEnd[i - 1]), hi = Int(rowEnd[i])
            let row = (lo..<hi).filter { abs(Float(weights[$0])) >= q }.map { (classes[$0], weights[$0]) }
            if !row.isEmpty { rows.append((k, row)) }
        }
        return SparseLinearModel(nClasses: nClasses, scale: scale, rows: rows)
    }

    public var featureCount: Int { featureKeys.count }
    public var entryCount: Int { classes.count }

    /// Adds the weights of `features` to `scores`.
    @inline(__always)
    func accumulate(_ features: UnsafeBufferPointer<UInt64>, into scores: UnsafeMutableBufferPointer<Int32>) {
        let n = features.count
        guard n > 0, let f = features.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Int32>.self, capacity: n) { targets in
            targets.initialize(repeating: scores.baseAddress!)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * n) { tmp in
                accumulate(f, into: UnsafePointer(targets.baseAddress!), count: n, scratch: tmp.baseAddress!)
            }
        }
    }

    /// Adds the weights of `features[t]` to the score vector `targets[t]` for every t: one batch of lookups
    /// whose cache misses overlap, however many vectors they go to. `scratch` holds 2 × `count` words.
    /// The lookups are batched so that the cache misses of different features overlap: first every feature's
    /// home slot in the small `hot` table is read (independent loads, no branches); then the hot probes are
    /// resolved, prefetching the rows found and, for the keys not there, the home lines of the large table; then
    /// those probes are resolved; and only then are the rows added up (`parley_accumulate`, in C: the same steps
    /// written in Swift spent most of their time outside the memory accesses). The sums are wrapping integer
    /// additions, so the order of the features does not change the result.
    @inline(__always)
    func accumulate(_ features: UnsafePointer<UInt64>, into targets: UnsafePointer<UnsafeMutablePointer<Int32>>,
                    count n: Int, scratch: UnsafeMutablePointer<UInt32>) {
        withUnsafePointer(to: storage.view) { view in
            targets.withMemoryRebound(to: UnsafeMutablePointer<Int32>?.self, capacity: n) { t in
                parley_accumulate(view, features, t, n, scratch)
            }
        }
    }

    func write(to w: inout BinaryWriter) {
        w.int(nClasses)
        w.float(scale)
        w.array(featureKeys)
        w.array(rowEnd)
        w.array(classes)
        w.array(weights)
    }

    static func read(from r: inout BinaryReader) throws -> SparseLinearModel {
        let n = try r.int()
        let scale = try r.float()
        let keys: [UInt32] = try r.array()
        let ends: [UInt32] = try r.array()
        let cls: [UInt8] = try r.array()
        let wts: [Int16] = try r.array()
        guard keys.count == ends.count, cls.count == wts.count, (ends.last.map { Int($0) } ?? 0) == cls.count else {
            throw BinaryReader.Corrupt(message: "inconsistent linear model")
        }
        return SparseLinearModel(nClasses: n, scale: scale, featureKeys: keys, rowEnd: ends, classes: cls, weights: wts)
    }
}

/// Little-endian binary serialisation of integers, floats, strings and trivial arrays.
struct BinaryWriter {
    var data = Data()
    mutating func int(_ v: Int) { var x = Int64(v).littleEndian; withUnsafeBytes(of: &x) { data.append(contentsOf: $0) } }
    mutating func float(_ v: Float) { var x = v.bitPattern.littleEndian; withUnsafeBytes(of: &x) { data.append(contentsOf: $0) } }
    mutating func string(_ s: String) { let b = Array(s.utf8); int(b.count); data.append(contentsOf: b) }
    mutating func strings(_ s: [String]) { int(s.count); for x in s { string(x) } }
    mutating func array<T: FixedWidthInteger>(_ a: [T]) {
        int(a.count)
        for v in a { var x = v.littleEndian; withUnsafeBytes(of: &x) { data.append(contentsOf: $0) } }
    }
    mutating func magic(_ tag: String) { data.append(contentsOf: Array(tag.utf8)) }
}

struct BinaryReader {
    struct Corrupt: Error, CustomStringConvertible {
        let message: String
        var description: String { "model file: \(message)" }
    }
    let bytes: [UInt8]
    var pos = 0
    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func magic(_ tag: String) throws {
        let t = Array(tag.utf8)
        guard pos + t.count <= bytes.count, Array(bytes[pos..<pos + t.count]) == t else { throw Corrupt(message: "expected \(tag)") }
        pos += t.count
    }
    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let n = MemoryLayout<T>.size
        guard pos + n <= bytes.count else { throw Corrupt(message: "truncated") }
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[pos..<pos + n])) }
        }
        pos += n
        return T(littleEndian: v)
    }
    mutating func int() throws -> Int {
        let v = Int(try fixed(Int64.self))
        guard v >= 0, v < 1 << 40 else { throw Corrupt(message: "bad count") }
        return v
    }
    mutating func float() throws -> Float { Float(bitPattern: try fixed(UInt32.self)) }
    mutating func string() throws -> String {
        let n = try int()
        guard pos + n <= bytes.count else { throw Corrupt(message: "truncated string") }
        defer { pos += n }
        return String(decoding: bytes[pos..<pos + n], as: UTF8.self)
    }
    mutating func strings() throws -> [String] {
        let n = try int()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
    mutating func array<T: FixedWidthInteger>() throws -> [T] {
        let n = try int()
        let size = n * MemoryLayout<T>.size
        guard pos + size <= bytes.count else { throw Corrupt(message: "truncated array") }
        var out = [T](repeating: 0, count: n)
        out.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[pos..<pos + size])) }
        }
        pos += size
        #if _endian(big)
        for i in 0..<n { out[i] = T(littleEndian: out[i]) }
        #endif
        return out
    }
}

/// Locates a model file in the module's bundle.
enum BundledResource {
    static func data(_ name: String, ext: String = "bin") throws -> Data {
        if let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: ext) {
            return try Data(contentsOf: url)
        }
        throw BinaryReader.Corrupt(message: "missing bundled resource \(name).\(ext)")
    }
}

/// The memory of a model's lookup table and overflow entries: one block, aligned to 2 MiB and advised to the
/// kernel as wanting transparent huge pages, so that random probes into a table of several megabytes do not
/// miss the TLB on every access (with 4 KiB pages each probe is a page walk). Falls back to ordinary memory
/// when the aligned allocation fails; the advice is only a hint, the contents are the same either way.
final class LookupStorage: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    /// Whether the block was allocated huge-page aligned and the advice accepted.
    let hugePageAdvised: Bool
    /// The tables as `parley_accumulate` reads them.
    let view: parley_linear_tables

    static let hugePage = 2 << 20

    init(table tb: [UInt32], hot ht: [UInt32], overflow ov: [UInt32], dense dn: [Int16], mask: Int, hotMask: Int, nClasses: Int) {
        // Layout: table, hot table, overflow, then the dense rows, each from a 64-byte boundary.
        @inline(__always) func line(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }
        let hotOffset = line(tb.count * 4), overflowOffset = hotOffset + line(ht.count * 4)
        let denseOffset = overflowOffset + line(ov.count * 4)
        let bytes = max(denseOffset + dn.count * 2, 64)
        var advised = false
        #if os(Linux)
        // Large blocks: 2 MiB aligned and rounded up, so the kernel can back them with huge pages.
        let huge = bytes >= Self.hugePage / 2
        let rounded = huge ? (bytes + Self.hugePage - 1) / Self.hugePage * Self.hugePage : bytes
        var block: UnsafeMutableRawPointer? = nil
        var p: UnsafeMutableRawPointer? = nil
        if posix_memalign(&p, huge ? Self.hugePage : 64, rounded) == 0, let p {
            block = p
            if huge { advised = madvise(p, rounded, Int32(MADV_HUGEPAGE)) == 0 }
        } else if posix_memalign(&p, 64, bytes) == 0, let p {
            block = p
        }
        guard let block else { fatalError("out of memory for a model table of \(bytes) bytes") }
        #else
        let block = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        #endif
        base = block
        hugePageAdvised = advised
        let table = base.bindMemory(to: UInt32.self, capacity: tb.count)
        let hot = (base + hotOffset).bindMemory(to: UInt32.self, capacity: ht.count)
        let overflow = (base + overflowOffset).bindMemory(to: UInt32.self, capacity: ov.count)
        let dense = (base + denseOffset).bindMemory(to: Int16.self, capacity: dn.count)
        view = parley_linear_tables(table: table, hot: hot, overflow: overflow, dense: dense, mask: UInt64(mask),
                                    hot_mask: UInt64(hotMask), nclasses: nClasses)
        tb.withUnsafeBufferPointer { if let a = $0.baseAddress { table.update(from: a, count: tb.count) } }
        ht.withUnsafeBufferPointer { if let a = $0.baseAddress { hot.update(from: a, count: ht.count) } }
        ov.withUnsafeBufferPointer { if let a = $0.baseAddress { overflow.update(from: a, count: ov.count) } }
        dn.withUnsafeBufferPointer { if let a = $0.baseAddress { dense.update(from: a, count: dn.count) } }
    }

    deinit {
        #if os(Linux)
        free(base)
        #else
        base.deallocate()
        #endif
    }
}
